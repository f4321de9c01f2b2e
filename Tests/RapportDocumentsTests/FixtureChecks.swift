import Testing

@testable import RapportDocuments

/// The checks every fixture goes through, generated or Word-made: compiled, merged with a value for each of
/// its fields, and the merged package read back.
enum FixtureChecks {
    /// A value that must come out escaped: markup characters, quotes, emoji, Hebrew and Arabic.
    static func value(_ index: Int) -> String {
        "v\(index) A&B <c> \"q\" 'a' 😀 שלום مرحبا"
    }

    static func escapedValue(_ index: Int) -> String {
        "v\(index) A&amp;B &lt;c&gt; &quot;q&quot; &apos;a&apos; 😀 שלום مرحبا"
    }

    /// The template reports `names`; merged, each value shows (escaped) in its parts (`partsOf`, else the
    /// body); every XML part is well-formed, no MERGEFIELD or «placeholder» is left, the data source is gone.
    static func mergeAndReadBack(_ file: String, docx: [UInt8], names: [String], partsOf: [String: [String]]) throws {
        let template = try MergeTemplate(docx: docx)
        #expect(template.fieldNames == names, "\(file)")
        #expect(template.unknownFields(known: Set(names.map { $0.uppercased() })).isEmpty)

        var values: [String: String] = [:]
        for (index, name) in names.enumerated() { values[name] = value(index) }
        if names.contains("ContactMailAddress") { values["ContactMailAddress"] = "Line 1 & Co\nLine 2" }
        let merged = try template.merge(values)
        let reader = try ZIPReader(bytes: merged)
        var parts: [String: String] = [:]
        for entry in reader.entries where DocxPackage.isXML(entry.name) {
            let bytes = try reader.contents(of: entry)
            #expect(TestSupport.isWellFormed(bytes), "\(file): \(entry.name) is not well-formed")
            parts[entry.name] = String(decoding: bytes, as: UTF8.self)
        }
        for (index, name) in names.enumerated() where name != "ContactMailAddress" {
            for part in partsOf[name] ?? ["word/document.xml"] {
                #expect(parts[part]?.contains(escapedValue(index)) == true, "\(file): \(name) not merged into \(part)")
            }
        }
        if names.contains("ContactMailAddress") {
            let block =
                "<w:t xml:space=\"preserve\">Line 1 &amp; Co</w:t><w:br/>"
                + "<w:t xml:space=\"preserve\">Line 2</w:t>"
            #expect(parts["word/document.xml"]?.contains(block) == true, "\(file): the address block")
        }
        for (name, xml) in parts {
            #expect(!TestSupport.instructions(xml).contains("MERGEFIELD"), "\(file): MERGEFIELD left in \(name)")
            #expect(!xml.contains("«"), "\(file): placeholder left in \(name)")
        }
        if let settings = parts["word/settings.xml"] { #expect(!settings.contains("w:mailMerge"), "\(file)") }
        if let rels = parts["word/_rels/settings.xml.rels"] { #expect(!rels.contains("mailMergeSource"), "\(file)") }
    }

    /// Merged without a value for its first field, the template shows that field as «Name».
    static func unknownFieldShows(_ file: String, docx: [UInt8], names: [String]) throws {
        guard let missing = names.first else { return }
        let template = try MergeTemplate(docx: docx)
        #expect(template.unknownFields(known: Set(names.dropFirst())) == [missing])
        var values: [String: String] = [:]
        for name in names.dropFirst() { values[name] = "known" }
        let merged = try template.merge(values)
        let reader = try ZIPReader(bytes: merged)
        let placeholder = "«" + TestSupport.escape(missing) + "»"
        var found = false
        for entry in reader.entries where MergeTemplate.isMergePart(entry.name) {
            let xml = String(decoding: try reader.contents(of: entry), as: UTF8.self)
            if xml.contains(placeholder) { found = true }
        }
        #expect(found, "\(file): \(placeholder) not shown")
    }

    /// The visible text of a template's merged body.
    static func text(_ template: MergeTemplate, _ values: [String: String]) throws -> String {
        TestSupport.visibleText(try TestSupport.part("word/document.xml", of: try template.merge(values)))
    }
}
