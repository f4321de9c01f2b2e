import RapportCore

/// Lookups: a code field offers the matching codes with their descriptions as the user types. The page
/// marks the input with the API list to ask (`data-lookup`), its key and its description field;
/// `static/lookup.js` does the rest, over the same `/api/v1` lists the API serves (the session cookie
/// signs the request). Without script the field is the text input it always was, filter expressions
/// included.
enum WebLookup {
    /// The view keys of the `field` partial for a field whose codes live in `table`, or nil.
    static func view(table: String) -> [String: Any]? {
        let specs = [Catalog.contacts] + Catalog.masterData
        guard let spec = specs.first(where: { $0.table == table }) else { return nil }
        let text = spec.field(named: "description") != nil ? "description" : "name"
        return ["lookup": "/api/v1/" + spec.path, "lookupKey": spec.keyName, "lookupText": text]
    }

    /// The lookup of a catalog field: references and code lists.
    static func view(kind: FieldKind?) -> [String: Any]? {
        switch kind {
        case .reference(let target)?: view(table: target.table)
        case .codeList(let link)?: view(table: link.target.table)
        default: nil
        }
    }

    /// Adds the lookup keys to a field view.
    static func add(_ lookup: [String: Any]?, to view: inout [String: Any]) {
        guard let lookup else { return }
        view.merge(lookup) { $1 }
    }
}
