import RapportCore
import Testing

@testable import RapportServer

@Suite("Authentication and roles")
struct AuthTests {
    @Test func everyAPIRequestNeedsAValidToken() async throws {
        try await withAPI { api, _ in
            let missing = try await api.acting(as: nil).get("/api/v1/contacts")
            #expect(missing.status == 401)
            #expect(missing.errorCode == "unauthenticated")
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(try await api.acting(as: "wrong").get("/api/v1/contacts").status == 401)
            #expect(try await api.acting(as: nil).get("/health").json["status"]?.string == "ok")
            #expect(try await api.acting(as: nil).get("/openapi.yaml").status == 200)
        }
    }

    @Test func rolesDecideWhatAUserMayDo() async throws {
        try await withAPI { api, _ in
            let viewer = try await api.user("VIEW", role: "viewer")
            let marketer = try await api.user("MARK", role: "marketer")
            #expect(try await viewer.get("/api/v1/salespeople").status == 200)
            let denied = try await viewer.post("/api/v1/salespeople", #"{"code": "JO"}"#)
            #expect(denied.status == 403)
            #expect(denied.errorCode == "forbidden")
            #expect(try await marketer.post("/api/v1/salespeople", #"{"code": "JO"}"#).status == 201)
            #expect(try await marketer.post("/api/v1/number-series", #"{"code": "S"}"#).status == 403)
            #expect(try await marketer.patch("/api/v1/setup", #"{"timeZone": "UTC"}"#).status == 403)
            #expect(try await marketer.get("/api/v1/users").status == 403)
            #expect(try await marketer.post("/api/v1/users", #"{"userId": "X", "role": "admin"}"#).status == 403)
            #expect(try await viewer.get("/api/v1/setup").status == 200)
            let me = try await marketer.get("/api/v1/me")
            #expect(me.json["userId"]?.string == "MARK")
            #expect(me.json["role"]?.string == "marketer")
        }
    }

    @Test func tokensAreShownOnceListedWithoutSecretAndRevocable() async throws {
        try await withAPI { api, _ in
            let created = try await api.post(
                "/api/v1/users", #"{"userId": "ann", "role": "marketer", "password": "correct horse"}"#)
            #expect(created.status == 201)
            #expect(created.json["userId"]?.string == "ANN")
            let token = try #require(created.json["token"]?.string)
            let tokenId = try #require(created.json["tokenId"]?.string)
            let ann = api.acting(as: token)
            #expect(try await ann.get("/api/v1/me").status == 200)

            let second = try await api.post("/api/v1/users/ANN/tokens", "{}")
            #expect(second.status == 201)
            let listed = try await api.get("/api/v1/users/ANN/tokens")
            #expect(listed.json["items"]?.array?.count == 2)
            #expect(!listed.text.contains(token))
            #expect(
                listed.json["items"]?[0]?["lastUsedAt"]?.string != nil
                    || listed.json["items"]?[1]?["lastUsedAt"]?.string != nil)

            #expect(try await api.delete("/api/v1/users/ANN/tokens/\(tokenId)").status == 204)
            #expect(try await ann.get("/api/v1/me").status == 401)
            #expect(try await api.acting(as: second.json["token"]?.string).get("/api/v1/me").status == 200)

            let user = try await api.get("/api/v1/users/ANN")
            #expect(user.json["hasPassword"]?.bool == true)
            #expect(user.json["password"] == nil)
            #expect(!user.text.contains("correct horse"))
        }
    }

    @Test func deactivatedUsersAreLockedOutAndAdminStaysAdmin() async throws {
        try await withAPI { api, _ in
            let bob = try await api.user("BOB", role: "viewer")
            #expect(try await api.patch("/api/v1/users/BOB", #"{"active": false}"#).status == 200)
            #expect(try await bob.get("/api/v1/me").status == 401)
            let demote = try await api.patch("/api/v1/users/ADMIN", #"{"role": "viewer"}"#)
            #expect(demote.status == 409)
            let short = try await api.patch("/api/v1/users/BOB", #"{"password": "short"}"#)
            #expect(short.status == 422)
            #expect(short.errorField == "password")
            let badRole = try await api.post("/api/v1/users", #"{"userId": "Z", "role": "owner"}"#)
            #expect(badRole.errorField == "role")
            let unknownSalesperson = try await api.post(
                "/api/v1/users", #"{"userId": "Z", "role": "viewer", "salespersonCode": "NOPE"}"#)
            #expect(unknownSalesperson.status == 422)
            #expect(unknownSalesperson.errorField == "salespersonCode")
        }
    }

    @Test func passwordsSignInThroughTheSignInService() async throws {
        try await withAPI { api, services in
            try await api.post("/api/v1/users", #"{"userId": "ann", "role": "viewer", "password": "correct horse"}"#)
            let signedIn = try await services.signIn.signIn(userId: "ann", password: "correct horse")
            #expect(signedIn == .signedIn(ActingUser(userId: "ANN", role: .viewer)))
            #expect(try await services.signIn.signIn(userId: "ann", password: "wrong horse") == .refused)
            #expect(try await services.signIn.signIn(userId: "", password: "wrong horse") == .refused)
        }
    }
}
