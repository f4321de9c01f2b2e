import Testing

@testable import RapportServer

@Suite("Setup")
struct SetupTests {
    @Test func setupIsReadByAllAndTheSMTPPasswordIsWriteOnly() async throws {
        try await withAPI { api, _ in
            let initial = try await api.get("/api/v1/setup")
            #expect(initial.json["timeZone"]?.string == "UTC")
            #expect(initial.json["smtp"]?["security"]?.string == "none")
            #expect(initial.json["smtp"]?["port"]?.number == 25)
            let changed = try await api.patch(
                "/api/v1/setup",
                #"{"companyInformation": {"name": "Cronus & <Co>"}, "smtp": {"host": "mail.local", "password": "s3cret"}, "timeZone": "Europe/Copenhagen"}"#
            )
            #expect(changed.status == 200, "\(changed.text)")
            #expect(changed.json["companyInformation"]?["name"]?.string == "Cronus & <Co>")
            #expect(changed.json["smtp"]?["password"] == nil)
            #expect(!changed.text.contains("s3cret"))
            let again = try await api.patch("/api/v1/setup", #"{"smtp": {"port": 587}}"#)
            #expect(again.json["smtp"]?["host"]?.string == "mail.local")
            #expect(again.json["id"] == nil)
        }
    }

    @Test func badSetupValuesNameTheirField() async throws {
        try await withAPI { api, _ in
            let cases = [
                (#"{"timeZone": "Mars/Olympus"}"#, "timeZone"), (#"{"smtp": {"port": 70000}}"#, "smtp.port"),
                (#"{"smtp": {"security": "ssl"}}"#, "smtp.security"), (#"{"segmentNos": "NOPE"}"#, "segmentNos"),
                (#"{"smtp": {"colour": "red"}}"#, "smtp.colour"),
            ]
            for (body, field) in cases {
                let answer = try await api.patch("/api/v1/setup", body)
                #expect(answer.status >= 400 && answer.status < 500)
                #expect(answer.errorField == field, "\(body)")
            }
            #expect(try await api.get("/api/v1/setup").json["timeZone"]?.string == "UTC")
        }
    }
}
