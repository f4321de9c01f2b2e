import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// The bulk import's short cuts give what the slow paths gave: indexes set aside while the first load fills an
/// empty database are all there afterwards (and after a refused load), and cells that need trimming, case or
/// folding read as before.
@Suite("Contacts CSV import fast paths")
struct ContactImportFastPathTests {
    /// The names and definitions of every index on the contact tables.
    static func indexes(_ services: RapportServices) async throws -> [String] {
        try await services.store.read { connection in
            switch connection.dialect {
            case .sqlite:
                try connection.query(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'contact%' "
                        + "ORDER BY name", []
                ).map { "\($0.text("name")): \($0.text("sql"))" }
            case .postgres:
                try connection.query(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        + "AND tablename LIKE 'contact%' ORDER BY indexname", []
                ).map { "\($0.text("indexname")): \($0.text("indexdef"))" }
            }
        }
    }

    @Test func aFirstLoadIntoAnEmptyDatabaseKeepsEveryIndex() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let before = try await Self.indexes(services)
            #expect(before.contains { $0.hasPrefix("contact_city:") || $0.hasPrefix("contact_city ") })
            #expect(before.count >= 10)

            let refused = try await importCSV(api, "no,type,salespersonCode\nC1,company,JO\nC2,company,XX\n")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(try await Self.indexes(services) == before)

            let loaded = try await importCSV(
                api, "no,type,city,mailingGroups\nC1,company,Leeds,NEWS\nP1,person,York,NEWS;PROMO\n")
            #expect(loaded.status == 200, "\(loaded.text)")
            #expect(loaded.json["created"]?.number == 2)
            #expect(try await Self.indexes(services) == before)
            let found = try await api.get("/api/v1/contacts?city=%40york")
            #expect(found.json["items"]?.array?.map { $0["no"]?.string } == ["P1"])

            // Into a database that has contacts the indexes are kept up row by row, and stay the same.
            let more = try await importCSV(api, "no,type,city\nC1,company,Hull\nC3,company,Ripon\n")
            #expect(more.json["created"]?.number == 1)
            #expect(more.json["updated"]?.number == 1)
            #expect(try await Self.indexes(services) == before)
        }
    }

    @Test func cellsAreTrimmedCasedAndFoldedAsBefore() async throws {
        try await withAPI { api, _ in
            try await seedContactMasterData(api)
            let csv = """
                no,type,name,city,salespersonCode,excludeFromSegment,mailingGroups,profileAnswers
                " c1 ",company,ÅSE Straße,ÉCOLE,jo, TRUE ,news; promo ;NEWS, size : 20000 ;SIZE:20000
                C2,company,Åse Straße,école,JO,Yes,,
                C3,company,x,y,,0,,
                """
            let loaded = try await importCSV(api, csv)
            #expect(loaded.status == 200, "\(loaded.text)")
            let first = try await api.get("/api/v1/contacts/C1")
            #expect(first.json["salespersonCode"]?.string == "JO")
            #expect(first.json["excludeFromSegment"]?.bool == true)
            #expect(first.json["mailingGroups"] == .array([.string("NEWS"), .string("PROMO")]))
            #expect(first.json["profileAnswers"]?.array?.count == 1)
            #expect(try await api.get("/api/v1/contacts/C2").json["excludeFromSegment"]?.bool == true)
            #expect(try await api.get("/api/v1/contacts/C3").json["excludeFromSegment"]?.bool == false)
            // Caseless filters read the folded shadow columns: both spellings fold alike (ß to ss).
            let found = try await api.get("/api/v1/contacts?name=%40%C3%A5se%20strasse")
            #expect(found.json["items"]?.array?.map { $0["no"]?.string } == ["C1", "C2"])
            let cities = try await api.get("/api/v1/contacts?city=%40%C3%A9cole")
            #expect(cities.json["items"]?.array?.count == 2)

            let refused = try await importCSV(
                api, "no,type,mailingGroups,profileAnswers\nC4,company,NE\tWS,\nC5,company,,SIZE\n")
            #expect(refused.status == 422)
            let problems = refused.details.map {
                "\($0["row"]?.number.map { Int($0) } ?? 0):\($0["message"]?.string ?? "")"
            }
            #expect(
                problems == [
                    "2:mailingGroups must not contain control characters.", "3:'SIZE' is not CODE:lineNo.",
                ])
        }
    }
}
