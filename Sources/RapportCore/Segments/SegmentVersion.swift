import Foundation

/// A frozen copy of a segment's membership: its lines (contact, interaction fields, the criteria action
/// that added each) and its criteria actions, as they were at that moment.
public struct SegmentVersion: Sendable, Equatable {
    /// Why the version was made.
    public enum Reason: String, Sendable, CaseIterable {
        /// A user asked for it.
        case manual
        /// Log froze the membership it logged.
        case log
    }

    public var segmentNo: Segment.No
    public var version: Int64
    public var createdAt: Date
    public var userId: String
    public var noOfLines: Int64
    public var reason: Reason

    public init(
        segmentNo: Segment.No, version: Int64, createdAt: Date, userId: String, noOfLines: Int64, reason: Reason
    ) {
        self.segmentNo = segmentNo
        self.version = version
        self.createdAt = createdAt
        self.userId = userId
        self.noOfLines = noOfLines
        self.reason = reason
    }

    /// The line fields a version keeps, by their segment-line names: what a diff compares.
    public static let lineFields: [FieldSpec] = {
        let kept = [
            "lineNo", "contactNo", "salespersonCode", "date", "description", "subject", "interactionTemplateCode",
            "languageCode", "correspondenceType", "evaluation", "campaignNo", "cost", "duration", "addedByActionNo",
        ]
        return kept.compactMap { name in Catalog.segmentLines.fields.first { $0.name == name } }
    }()

    /// The fields a change between two versions is reported on (not the line number or provenance).
    public static let comparedFields = lineFields.filter {
        !["lineNo", "contactNo", "addedByActionNo"].contains($0.name)
    }

    /// Which side of a diff: a version, or the segment as it is now.
    public enum Side: Sendable, Equatable {
        case version(Int64)
        case current

        /// `current` or a version number; nil for anything else.
        public init?(_ text: String) {
            if text == "current" {
                self = .current
            } else if let number = Int64(text), number > 0 {
                self = .version(number)
            } else {
                return nil
            }
        }
    }
}

/// A line of a version or of a diff, with what explains it: the criteria action that added it (or that
/// removed it, in a diff's `removed`), or "by hand".
public struct SegmentVersionLine: Sendable, Equatable {
    public var fields: Record
    public var explanation: String

    public init(fields: Record, explanation: String) {
        self.fields = fields
        self.explanation = explanation
    }

    public var contactNo: String { fields.text("contactNo") }
}

/// What changed between two versions of a segment's membership, matched by contact.
public struct SegmentDiff: Sendable, Equatable {
    /// A contact on both sides whose line fields differ: each field with its old and new value.
    public struct Change: Sendable, Equatable {
        public var contactNo: String
        public var fields: [(name: String, old: SQLValue, new: SQLValue)]

        public init(contactNo: String, fields: [(name: String, old: SQLValue, new: SQLValue)]) {
            self.contactNo = contactNo
            self.fields = fields
        }

        public static func == (lhs: Change, rhs: Change) -> Bool {
            lhs.contactNo == rhs.contactNo
                && lhs.fields.map(\.name) == rhs.fields.map(\.name)
                && lhs.fields.map(\.old) == rhs.fields.map(\.old)
                && lhs.fields.map(\.new) == rhs.fields.map(\.new)
        }
    }

    public var added: [SegmentVersionLine]
    public var removed: [SegmentVersionLine]
    public var changed: [Change]

    public init(added: [SegmentVersionLine], removed: [SegmentVersionLine], changed: [Change]) {
        self.added = added
        self.removed = removed
        self.changed = changed
    }
}
