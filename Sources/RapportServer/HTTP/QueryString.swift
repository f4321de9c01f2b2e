import Foundation
import Hummingbird
import RapportCore

/// The query string read as browsers' forms and most clients write it (`application/x-www-form-urlencoded`):
/// pairs split on `&` and `=`, then `+` as a space and percent escapes decoded, in names as well as values.
///
/// Every reader of query parameters goes through here, so `?name='Jones+%26+Co'` (a form's encoding) and
/// `?name='Jones%20%26%20Co'` reach a filter as the same text.
enum QueryString {
    static func pairs(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// `+` → space, then `%XX`; text whose escapes are not valid UTF-8 is kept as sent.
    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension Request {
    /// Query parameters in order, decoded (`QueryString`).
    var queryPairs: [(name: String, value: String)] {
        QueryString.pairs(uri.query ?? "")
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? {
        queryPairs.first { $0.name == name }?.value
    }
}

/// Refuses a query parameter whose name or value holds NUL, once for every route (`TextInput`): filters, cursors
/// and page options alike never reach a database with it.
struct QueryTextMiddleware: RouterMiddleware {
    typealias Context = RapportRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        for (name, value) in request.queryPairs {
            try TextInput.refuseNUL(name, field: name)
            try TextInput.refuseNUL(value, field: name)
        }
        return try await next(request, context)
    }
}
