extension SegmentDiff {
    /// The explanation of a line no criteria action added.
    public static let addedByHand = "added by hand"
    /// The explanation of a removed line no criteria action removed (deleted by hand, or by an action since
    /// gone back on).
    public static let removedByHand = "removed by hand"

    /// Compares two memberships. Lines are matched by contact, in line order: the n-th line of a contact on
    /// one side with its n-th line on the other. `removedBy` explains removed lines by contact number.
    public static func between(
        old: [SegmentVersionLine], new: [SegmentVersionLine], removedBy: [String: String]
    ) -> SegmentDiff {
        let oldByKey = Dictionary(keyed(old), uniquingKeysWith: { first, _ in first })
        let newKeys = Set(keyed(new).map(\.key))
        var diff = SegmentDiff(added: [], removed: [], changed: [])
        for (key, line) in keyed(new) {
            guard let before = oldByKey[key] else {
                diff.added.append(line)
                continue
            }
            let fields = SegmentVersion.comparedFields.compactMap {
                field -> (name: String, old: SQLValue, new: SQLValue)? in
                let was = before.fields[field.name]
                let now = line.fields[field.name]
                return was == now ? nil : (field.name, was, now)
            }
            if !fields.isEmpty { diff.changed.append(Change(contactNo: line.contactNo, fields: fields)) }
        }
        for (key, line) in keyed(old) where !newKeys.contains(key) {
            var removed = line
            removed.explanation = removedBy[line.contactNo] ?? removedByHand
            diff.removed.append(removed)
        }
        return diff
    }

    /// Each line with its contact and occurrence (`CT000001#2` for the contact's second line).
    private static func keyed(_ lines: [SegmentVersionLine]) -> [(key: String, line: SegmentVersionLine)] {
        var seen: [String: Int] = [:]
        return lines.map { line in
            let occurrence = (seen[line.contactNo] ?? 0) + 1
            seen[line.contactNo] = occurrence
            return ("\(line.contactNo)#\(occurrence)", line)
        }
    }
}
