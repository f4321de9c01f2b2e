import RapportCore
import Testing

@testable import RapportServer

/// Values that bulk loading must carry unchanged on both backends (PostgreSQL stages them with
/// `COPY … FROM STDIN`, where backslash, tab, newline, carriage return and `\N` have meanings).
@Suite("Contacts import with tricky values")
struct ContactImportRoundTripTests {
    static let tricky: [(no: String, field: String, value: String)] = [
        ("C1", "name", #"back\slash \\ double \N \\N C:\new\table"#),
        ("C2", "name", "tab\there\tand\tthere"),
        ("C3", "name", "line one\nline two\r\nline three\rend"),
        ("C4", "name", #"It's 'single' "double" ""doubled"" ,comma; semi"#),
        ("C5", "name", "\\N"),
        ("C6", "name", "Zoë 😀🎉 👩‍👩‍👧 שלום עולם مرحبا ‏rtl‎ mark"),
        ("C7", "address", "\\"),
        ("C8", "city", "\\t\\n literally"),
    ]

    static func csv(_ rows: [(no: String, field: String, value: String)]) -> String {
        let quoted = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var lines = ["no,type,name,address,city"]
        for row in rows {
            let cells = ["name", "address", "city"].map { row.field == $0 ? quoted(row.value) : "x" }
            lines.append(([row.no, "company"] + cells).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func trickyValuesRoundTripByteIdenticalThroughImportAndExport() async throws {
        try await withAPI { api, _ in
            let imported = try await api.call(
                .post, "/api/v1/contacts/import", Self.csv(Self.tricky), contentType: "text/csv")
            #expect(imported.status == 200, "\(imported.text)")
            #expect(imported.json["created"]?.number == Double(Self.tricky.count))
            for row in Self.tricky {
                let contact = try await api.get("/api/v1/contacts/\(row.no)")
                #expect(contact.status == 200)
                #expect(Array((contact.json[row.field]?.string ?? "").utf8) == Array(row.value.utf8), "\(row.no)")
            }
            let exported = try await api.get("/api/v1/contacts/export")
            #expect(exported.status == 200)
            for row in Self.tricky {
                let quoted = "\"" + row.value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                #expect(
                    exported.text.contains("," + row.value + ",") || exported.text.contains("," + quoted + ","),
                    "\(row.no) is exported as it was imported")
            }
            let again = try await api.call(.post, "/api/v1/contacts/import", exported.text, contentType: "text/csv")
            #expect(again.status == 200, "\(again.text)")
            #expect(again.json["updated"]?.number == Double(Self.tricky.count))
            let secondExport = try await api.get("/api/v1/contacts/export")
            #expect(Array(secondExport.text.utf8) == Array(exported.text.utf8))
        }
    }

    @Test func aRefusedImportLeavesEveryStoredContactAsItWas() async throws {
        try await withAPI { api, _ in
            let first = try await api.call(
                .post, "/api/v1/contacts/import", Self.csv(Array(Self.tricky.prefix(2))), contentType: "text/csv")
            #expect(first.status == 200, "\(first.text)")
            let before = try await api.get("/api/v1/contacts")
            #expect(before.json["items"]?.array?.count == 2)
            // Thousands of good rows staged, then a NUL and an unknown type near the end.
            var rows = (1...3000).map { (no: "N\($0)", field: "city", value: "Tab\there \\N") }
            rows[0] = (no: "C1", field: "name", value: "overwritten?")
            rows.append((no: "BAD1", field: "name", value: "nul\u{0}inside"))
            let csv = Self.csv(rows) + "BAD2,robot,x,x,x\n"
            let refused = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.errorCode == "validation_failed")
            let problems = refused.details.map {
                "\($0["row"]?.number.map { Int($0) } ?? 0):\($0["field"]?.string ?? "")"
            }
            #expect(problems == ["3002:name", "3003:type"])
            #expect(try await api.get("/api/v1/contacts").json == before.json)
            #expect(try await api.get("/api/v1/contacts/N1").status == 404)
        }
    }
}
