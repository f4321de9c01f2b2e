import RapportCore
enum ResourceFilter {
    static func conditions(_ filters: [(field: String, expression: String)], spec: ResourceSpec)
        throws(RapportError) -> [SQLFragment] { [] }
}
enum CaseFold { static func fold(_ s: String) -> String { s.lowercased() } }
