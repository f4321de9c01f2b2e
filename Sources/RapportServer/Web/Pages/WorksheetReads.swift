import RapportCore
import RapportStorage

/// What the worksheet shows besides its header, read side by side: the choices, criteria, saved criteria, recent
/// logged segments, whether it has a document, and a page of lines. One after another these were a dozen
/// transactions, each waiting its turn for a reader on a busy server, which made the worksheet the slowest page
/// under load; each read is still its own use case, as before.
struct WorksheetReads: Sendable {
    var headerChoices: WebRoutes.Choices
    var criteria: [CriteriaEntry]
    var saved: [SavedCriteria]
    var logged: [RecentLoggedSegment]
    var hasDocument: Bool
    var lines: Page<Record>
    var lineChoices: WebRoutes.Choices

    /// The reads of segment `key`'s worksheet; `cursor` is where its page of lines starts (empty: the first).
    static func fetch(_ web: WebRoutes, key: String, cursor: String) async throws -> WorksheetReads {
        let services = web.services
        let segment = Segment.No(key)
        var parameters: [(name: String, value: String)] = [("limit", "100")]
        if !cursor.isEmpty { parameters.append(("cursor", cursor)) }
        let query = try ListQuery(parameters: parameters)
        async let choices = web.choices([
            (Catalog.segments, WorksheetPages.headerFields), (Catalog.segmentLines, WorksheetPages.gridFields),
        ])
        async let criteria = services.segmentCriteria.criteria(segment)
        async let saved = services.savedCriteria.list()
        async let logged = services.logged.recent(limit: 200)
        async let hasDocument = services.documents.hasSegmentDocument(segment)
        async let lines = services.segmentLines.list(segment, query)
        let lists = try await choices
        return WorksheetReads(
            headerChoices: lists[0], criteria: try await criteria, saved: try await saved,
            logged: try await logged, hasDocument: try await hasDocument, lines: try await lines,
            lineChoices: lists[1])
    }
}
