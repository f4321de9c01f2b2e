import Foundation
import RapportCore

/// The breadcrumb trail above every page but the home page: Home, the list a record belongs to, the
/// record a sub-page belongs to, then the page itself (named by its title), derived from the path.
enum WebBreadcrumbs {
    /// The first path component of each list page and how the menu names it.
    static let sections: [String: String] = [
        "segments": "Segments", "logged-segments": "Logged segments", "contacts": "Contacts",
        "interaction-templates": "Templates", "interaction-log-entries": "Interaction log", "setup": "Setup",
        "users": "Users",
    ]

    /// Crumbs for the layout: `explicit` (a page's own trail) or the one the path gives.
    static func crumbs(path: String, title: String, explicit: [[String: Any]]?) -> [[String: Any]] {
        guard path != "/" else { return [] }
        var trail: [[String: Any]] = [["href": "/", "label": "Home"]]
        if let explicit {
            trail += explicit
        } else {
            let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
            var prefix = ""
            for (index, part) in parts.dropLast().enumerated() {
                prefix += "/" + WebRoutes.segment(part)
                if let label = sections[part] {
                    trail.append(["href": prefix, "label": label])
                } else if index == 1, parts[0] == "setup",
                    let spec = Catalog.masterData.first(where: { $0.path == part })
                {
                    trail.append(["href": prefix, "label": ResourcePages.heading(spec)])
                } else if index > 0, sections[parts[index - 1]] != nil || parts[0] == "setup" && index == 2 {
                    trail.append(["href": prefix, "label": part])
                }
            }
        }
        trail.append(["label": title, "isCurrent": true])
        return trail
    }
}
