import RapportCore
import Testing

@Suite("Audit changes")
struct AuditChangesTests {
    static let fields = [
        FieldSpec("code", .code(maxLength: 10), required: true), FieldSpec("name", .text(maxLength: 50)),
        FieldSpec("blocked", .boolean), FieldSpec("password", .secret(maxLength: 50)),
        FieldSpec("groups", .codeList(CodeListLink(table: "g", ownerColumn: "o", target: Catalog.languageTarget))),
        FieldSpec("count", .integer, access: .computed),
    ]

    @Test func onlyChangedFieldsInNameOrderWithBooleansAsBooleans() {
        let old = Record(
            scalars: ["code": .text("JO"), "name": .text("Jo"), "blocked": .integer(0)], lists: ["groups": []])
        var new = old
        new["blocked"] = .integer(1)
        new["name"] = .text("Joan")
        new["count"] = .integer(7)
        new.lists["groups"] = ["A"]
        #expect(
            AuditChanges.between(old, new, fields: Self.fields) == [
                AuditChange("blocked", old: .bool(false), new: .bool(true)),
                AuditChange("groups", old: .list([]), new: .list([.text("A")])),
                AuditChange("name", old: .text("Jo"), new: .text("Joan")),
            ])
    }

    @Test func aCreateListsWhatIsSetAndBlankIsNoChange() {
        let created = Record(scalars: ["code": .text("JO"), "name": .text(""), "blocked": .integer(0)])
        #expect(
            AuditChanges.between(nil, created, fields: Self.fields) == [
                AuditChange("blocked", old: .null, new: .bool(false)),
                AuditChange("code", old: .null, new: .text("JO")),
            ])
    }

    @Test func aSecretShowsOnlyThatItChangedAndOnlyWhenSent() {
        let old = Record(scalars: ["code": .text("JO")])
        var sent = Record()
        #expect(AuditChanges.between(old, old, fields: Self.fields, sent: sent) == [])
        sent["password"] = .text("$2b$10$abcdefghijklmnopqrstuv")
        #expect(
            AuditChanges.between(old, old, fields: Self.fields, sent: sent) == [
                AuditChange("password", old: .text("(hidden)"), new: .text("(changed)"))
            ])
        sent["password"] = .text("")
        #expect(
            AuditChanges.between(old, old, fields: Self.fields, sent: sent).map(\.new) == [.text("(cleared)")])
    }
}
