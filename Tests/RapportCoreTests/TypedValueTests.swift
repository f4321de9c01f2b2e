import Foundation
import RapportCore
import Testing

@Suite("Typed values") struct TypedValueTests {
    @Test func timeOfDayReadsHoursAndMinutesOnly() throws {
        #expect(TimeOfDay("09:05")?.description == "09:05")
        #expect(TimeOfDay("23:59")?.hour == 23 && TimeOfDay("23:59")?.minute == 59)
        for text in ["24:00", "7:05", "12:60", "12-30", "", "١٢:٣٠", "12:3a"] {
            #expect(TimeOfDay(text) == nil, "\(text)")
        }
        let error = #expect(throws: RapportError.self) { try TimeOfDay.parse("25:00", field: "timeOfInteraction") }
        #expect(error?.field == "timeOfInteraction")
        let eight = try #require(TimeOfDay("08:00"))
        #expect(eight < (try #require(TimeOfDay("08:01"))))
    }

    @Test func storedDecimalsReadBackAsWritten() {
        #expect(Decimal(stored: 0.1 + 0.2, scale: 5) == Decimal(string: "0.3"))
        #expect(Decimal(stored: 1234.56, scale: 2) == Decimal(string: "1234.56"))
        // Below Decimal's range (its exponent stops at -128): zero at the scale, not NaN.
        #expect(Decimal(stored: -1.4670827337747515e-197, scale: 5) == 0)
        #expect(Decimal(stored: -1.4670827337747515e-197, scale: 5).doubleValue == 0)
        #expect(Decimal(stored: 0.00001, scale: 5) == Decimal(string: "0.00001"))
        let record = Record(scalars: ["cost": .real(19.990000000000002), "date": .text("2026-02-28")])
        #expect(record.decimal("cost") == Decimal(string: "19.99"))
        #expect(record.decimal("missing") == 0)
        #expect(record.date("date") == CalendarDate("2026-02-28"))
        #expect(record.date("cost") == nil)
    }

    @Test func recordInputsReadValuesByTheFieldRules() throws {
        let record = try RecordInputs([("code", .string(" news ")), ("description", .string("Newsletter"))])
            .complete(Catalog.codeLists[0].fields)
        #expect(record.text("code") == "NEWS")
        #expect(record.text("description") == "Newsletter")
        let unknown = #expect(throws: RapportError.self) {
            try RecordInputs([("colour", .string("red"))]).sent(Catalog.codeLists[0].fields)
        }
        #expect(unknown?.field == "colour")
        let missing = #expect(throws: RapportError.self) {
            try RecordInputs([("description", .string("x"))]).complete(Catalog.codeLists[0].fields, pathPrefix: "a[0].")
        }
        #expect(missing?.field == "a[0].code")
    }
}
