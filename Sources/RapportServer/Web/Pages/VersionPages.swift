import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// A segment's versions: freeze one, and see what changed between two (or since one), with the criteria
/// action that explains each added or removed line.
struct VersionPages {
    let web: WebRoutes

    func register(_ pages: WebPageTable) {
        let versions = web.services.segmentVersions
        pages.get("/segments/{no}/versions", "segmentVersions", "A segment's versions and what changed between them.") {
            page in
            let no = try page.segmentNo
            let list = try await versions.versions(no)
            var data: [String: Any] = [
                "segmentNo": no.text, "canWrite": page.user.role >= .marketer,
                "versions": list.map(Self.row), "hasVersions": !list.isEmpty,
            ]
            let from = page.query("from")
            let to = page.query("to").isEmpty ? "current" : page.query("to")
            data["sides"] = Self.sides(list, from: from, to: to)
            if !from.isEmpty {
                do {
                    guard let old = SegmentVersion.Side(from), let new = SegmentVersion.Side(to) else {
                        throw RapportError.validation(
                            "from", "Choose a version to compare from, and one to compare to.")
                    }
                    data["diff"] = Self.diff(try await versions.diff(no, from: old, to: new), from: from, to: to)
                } catch let error as RapportError {
                    data["error"] = error.message
                }
            }
            return page.render("segment-versions", title: "Versions of segment \(no.text)", data: data)
        }
        pages.post("/segments/{no}/versions", "freezeSegmentVersion", "Freeze the segment's membership now.") { page in
            let version = try await versions.freeze(try page.segmentNo, by: page.user)
            return await page.redirect(
                "/segments/\(version.segmentNo.text)/versions",
                notice: "Version \(version.version) was frozen with \(version.noOfLines) lines.")
        }
    }

    static func row(_ version: SegmentVersion) -> [String: Any] {
        [
            "version": version.version, "createdAt": version.createdAt.formatted(.iso8601), "userId": version.userId,
            "noOfLines": version.noOfLines, "reason": version.reason == .log ? "Logged" : "Frozen by hand",
        ]
    }

    /// The choices of both selects: every version, and the current lines.
    static func sides(_ versions: [SegmentVersion], from: String, to: String) -> [String: Any] {
        let numbers = versions.map { String($0.version) }
        return [
            "from": numbers.map { ["value": $0, "label": "Version \($0)", "selected": $0 == from] },
            "to": (numbers + ["current"]).map {
                ["value": $0, "label": $0 == "current" ? "Current lines" : "Version \($0)", "selected": $0 == to]
            },
        ]
    }

    static func diff(_ diff: SegmentDiff, from: String, to: String) -> [String: Any] {
        func line(_ line: SegmentVersionLine) -> [String: Any] {
            [
                "contactNo": line.contactNo, "description": line.fields.text("description"),
                "explanation": line.explanation,
            ]
        }
        let changes: [[String: Any]] = diff.changed.flatMap { change in
            change.fields.map { field in
                [
                    "contactNo": change.contactNo, "field": WebFields.humanize(field.name),
                    "old": Self.text(field.old), "new": Self.text(field.new),
                ]
            }
        }
        return [
            "from": from, "to": to == "current" ? "the current lines" : "version \(to)",
            "added": diff.added.map(line), "removed": diff.removed.map(line), "changed": changes,
            "addedCount": diff.added.count, "removedCount": diff.removed.count, "changedCount": diff.changed.count,
            "hasAdded": !diff.added.isEmpty, "hasRemoved": !diff.removed.isEmpty, "hasChanged": !changes.isEmpty,
        ]
    }

    static func text(_ value: SQLValue) -> String {
        switch value {
        case .null: "(none)"
        case .text(let text): text.isEmpty ? "(blank)" : text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .blob: "(document)"
        }
    }
}
