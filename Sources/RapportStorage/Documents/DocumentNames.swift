/// File names of merged documents and archives (product.md section 4, api.md "File names").
public enum DocumentNames {
    /// `<Subject>.docx`, or `document.docx` without a subject.
    public static func single(subject: String) -> String {
        subject.isEmpty ? "document.docx" : sanitized(subject) + ".docx"
    }

    public static func archive(segmentNo: String) -> String { "Segment \(sanitized(segmentNo)).zip" }

    /// `<Company Name> - <Name>.docx` for a person in a company, else `<Name>.docx`.
    public static func member(type: String, name: String, companyName: String) -> String {
        let base = type == "person" && !companyName.isEmpty ? "\(companyName) - \(name)" : name
        return sanitized(base.isEmpty ? "document" : base) + ".docx"
    }

    /// Replaces `<>:"/\|?*` and control characters with `_`.
    public static func sanitized(_ name: String) -> String {
        String(
            name.unicodeScalars.map { scalar -> Character in
                if "<>:\"/\\|?*".unicodeScalars.contains(scalar) || scalar.properties.generalCategory == .control {
                    return "_"
                }
                return Character(scalar)
            })
    }

    /// Makes names unique within an archive: the second `a.docx` becomes `a (2).docx`.
    public struct Uniquer {
        private var used: [String: Int] = [:]

        public init() {}

        public mutating func unique(_ name: String) -> String {
            let key = name.lowercased()
            guard let count = used[key] else {
                used[key] = 1
                return name
            }
            var next = count + 1
            let stem = name.hasSuffix(".docx") ? String(name.dropLast(5)) : name
            var candidate = "\(stem) (\(next)).docx"
            while used[candidate.lowercased()] != nil {
                next += 1
                candidate = "\(stem) (\(next)).docx"
            }
            used[key] = next
            used[candidate.lowercased()] = 1
            return candidate
        }
    }
}
