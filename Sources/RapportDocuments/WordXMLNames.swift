/// The qualified names of the WordprocessingML elements the merge engine looks at, using the prefix that the part
/// binds to the WordprocessingML namespace (Word always writes `w:`, other producers may not).
struct WordNames {
    let prefix: String
    let run: [UInt8]
    let runProperties: [UInt8]
    let fieldChar: [UInt8]
    let instructionText: [UInt8]
    let text: [UInt8]
    let fieldSimple: [UInt8]
    let textBoxContent: [UInt8]
    let deleted: [UInt8]
    let movedFrom: [UInt8]
    let paragraph: [UInt8]
    let lineBreak: [UInt8]
    let carriageReturn: [UInt8]
    let tab: [UInt8]
    let mailMerge: [UInt8]

    init(prefix: String) {
        self.prefix = prefix
        func qualified(_ local: String) -> [UInt8] { Array((prefix.isEmpty ? local : prefix + ":" + local).utf8) }
        run = qualified("r")
        runProperties = qualified("rPr")
        fieldChar = qualified("fldChar")
        instructionText = qualified("instrText")
        text = qualified("t")
        fieldSimple = qualified("fldSimple")
        textBoxContent = qualified("txbxContent")
        deleted = qualified("del")
        movedFrom = qualified("moveFrom")
        paragraph = qualified("p")
        lineBreak = qualified("br")
        carriageReturn = qualified("cr")
        tab = qualified("tab")
        mailMerge = qualified("mailMerge")
    }

    /// `<w:` (or `<` for a default namespace), to build elements in the same style as the part.
    func tag(_ local: String) -> String {
        prefix.isEmpty ? local : prefix + ":" + local
    }

    static let namespaces = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    /// Finds the prefix bound to the WordprocessingML namespace on the part's root element; `w` when none is.
    static func detect(in bytes: [UInt8]) throws(DocumentError) -> WordNames {
        var scanner = XMLScanner(bytes: bytes)
        while let token = try scanner.next() {
            guard token.kind == .startTag || token.kind == .emptyTag else { continue }
            var prefix: String?
            XMLText.forEachAttribute(of: token, in: bytes) { name, value in
                guard namespaces.contains(String(decoding: value, as: UTF8.self)) else { return true }
                let attribute = String(decoding: name, as: UTF8.self)
                if attribute == "xmlns" {
                    prefix = ""
                } else if attribute.hasPrefix("xmlns:") {
                    prefix = String(attribute.dropFirst(6))
                } else {
                    return true
                }
                return false
            }
            return WordNames(prefix: prefix ?? "w")
        }
        return WordNames(prefix: "w")
    }
}
