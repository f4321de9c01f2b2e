import RapportCore
import Testing

@testable import RapportServer

/// A small company world for segment tests:
/// C1 Alpha Ltd (NEWS, RETAIL, JO) with P11 Anna (NEWS) and P12 Bob; C2 Beta Ltd (RB) with P21 Cleo (NEWS);
/// C3 Gamma (NEWS, excluded) with P31 Dan (PROMO); P0 Eve (NEWS) without a company.
func seedSegmentWorld(_ api: API) async throws {
    try await seedContactMasterData(api)
    expectSuccess(try await api.post("/api/v1/interaction-groups", #"{"code": "LETTER"}"#))
    expectSuccess(
        try await api.post(
            "/api/v1/interaction-templates",
            #"{"code": "LETTER", "interactionGroupCode": "LETTER", "description": "Letter", "unitCost": 1.5, "unitDuration": 5, "informationFlow": "outbound", "initiatedBy": "us", "correspondenceTypeDefault": "hardCopy"}"#
        ))
    expectSuccess(
        try await api.post(
            "/api/v1/interaction-templates",
            #"{"code": "EMAIL", "description": "E-mail", "unitCost": 0.1, "unitDuration": 2, "correspondenceTypeDefault": "email", "ignoreContactCorrespondenceType": true}"#
        ))
    let csv = """
        no,type,name,companyNo,salespersonCode,excludeFromSegment,mailingGroups,industryGroups,correspondenceType
        C1,company,Alpha Ltd,,JO,false,NEWS,RETAIL,email
        P11,person,Anna,C1,JO,false,NEWS,,
        P12,person,Bob,C1,JO,false,,,
        C2,company,Beta Ltd,,RB,false,,,
        P21,person,Cleo,C2,RB,false,NEWS,,hardCopy
        C3,company,Gamma,,RB,true,NEWS,,
        P31,person,Dan,C3,RB,false,PROMO,,
        P0,person,Eve,,JO,false,NEWS,,

        """
    let imported = try await api.call(.post, "/api/v1/contacts/import", csv, contentType: "text/csv")
    #expect(imported.status == 200, "\(imported.text)")
}

extension API {
    /// Creates segment `no` with a body; returns the header.
    @discardableResult
    func segment(_ no: String, _ fields: String = "") async throws -> JSONValue {
        let body = fields.isEmpty ? #"{"no": "\#(no)"}"# : #"{"no": "\#(no)", \#(fields)}"#
        let created = try await post("/api/v1/segments", body)
        #expect(created.status == 201, "\(created.text)")
        return created.json
    }

    /// The contact numbers of a segment's lines, in line order.
    func lineContacts(_ no: String) async throws -> [String] {
        try await get("/api/v1/segments/\(no)/lines?limit=1000").json["items"]?.array?
            .compactMap { $0["contactNo"]?.string } ?? []
    }

    func lines(_ no: String) async throws -> [JSONValue] {
        try await get("/api/v1/segments/\(no)/lines?limit=1000").json["items"]?.array ?? []
    }

    @discardableResult
    func addContacts(_ no: String, _ body: String) async throws -> APIResult {
        try await post("/api/v1/segments/\(no)/add-contacts", body)
    }
}
