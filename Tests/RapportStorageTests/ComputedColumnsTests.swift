import RapportCore
import Testing

@testable import RapportStorage

/// The domain marks fields computed; the store must know how to compute every one of them.
@Suite("Computed columns")
struct ComputedColumnsTests {
    static let specs: [ResourceSpec] =
        Catalog.masterData + [
            Catalog.contacts, Catalog.users, Catalog.setup, Catalog.segments, Catalog.segmentLines,
            Catalog.loggedSegments, Catalog.interactionLogEntries, Catalog.campaignEntries,
        ]

    @Test(arguments: [SQLDialect.sqlite, .postgres])
    func everyComputedFieldOfTheCatalogHasItsSQL(dialect: SQLDialect) {
        var missing: [String] = []
        for spec in Self.specs {
            for (table, field) in Self.computedFields(spec.fields, table: spec.table)
            where ComputedColumns.expression(table: table, field: field, dialect: dialect) == nil {
                missing.append("\(table).\(field)")
            }
        }
        #expect(missing == [])
    }

    @Test func theCatalogHasComputedFieldsAtAll() {
        let count = Self.specs.map { Self.computedFields($0.fields, table: $0.table).count }.reduce(0, +)
        #expect(count == 23)
    }

    static func computedFields(_ fields: [FieldSpec], table: String) -> [(String, String)] {
        fields.flatMap { field -> [(String, String)] in
            if case .children(let collection) = field.kind {
                return computedFields(collection.fields, table: collection.table)
            }
            if case .computed = field.access { return [(table, field.name)] }
            return []
        }
    }
}
