import RapportCore

/// A master-data file (`rapport import master.json`, the benchmark's `rapport_masterdata.json`) as bytes. The
/// command line reads and writes the files through here, so JSON stays inside the server target.
public enum MasterDataFile {
    /// Reads a file into the document the importer takes; a refusal names the section and item at fault
    /// (`salespeople[3].email`), and bytes that are not JSON are refused as a whole (`file`).
    public static func read(_ bytes: [UInt8]) throws(RapportError) -> MasterDataDocument {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw RapportError.validation("file", "The master-data file is not valid JSON: \(error.message)")
        }
        return try MasterDataDocument.decode(value)
    }

    /// Writes the file `read` reads back as `document`: each record with the fields it was given.
    public static func write(_ document: MasterDataDocument) -> [UInt8] {
        var root = JSONObject()
        let specs = Dictionary(uniqueKeysWithValues: MasterDataDocument.sectionSpecs.map { ($0.key, $0.spec) })
        for section in document.sections {
            guard let spec = specs[section.key] else { continue }
            root[section.key] = .array(section.records.map { given($0.sent, of: spec.fields) })
        }
        if let languages = document.templateLanguages {
            root["templateLanguages"] = .array(
                languages.map { item in
                    .object(
                        JSONObject([
                            ("templateCode", .string(item.templateCode.text)),
                            ("languageCode", .string(item.entry.languageCode.text)),
                            ("description", .string(item.entry.description)),
                        ]))
                })
        }
        if let setup = document.setup {
            root["setup"] = given(setup, of: MasterDataDocument.setupFields)
        }
        return JSONValue.object(root).serialized()
    }

    /// The record's JSON with only the fields it holds, so that an update patches no more than it names.
    private static func given(_ record: Record, of fields: [FieldSpec]) -> JSONValue {
        let present = fields.filter {
            record.scalars[$0.name] != nil || record.lists[$0.name] != nil || record.children[$0.name] != nil
        }
        return RecordEncoder.encode(record, fields: present)
    }
}
