import RapportCore

extension MasterDataDocument {
    /// Reads a master-data file (`{"languages": [...], "salespeople": [...], ..., "setup": {...}}`); a plain
    /// string in a section stands for `{code}` / `{no}`. Every refusal names where it is
    /// (`salespeople[3].email`).
    static func decode(_ document: JSONValue) throws(RapportError) -> MasterDataDocument {
        guard case .object(let object) = document else {
            throw RapportError.validation("file", "A master-data file is a JSON object of sections.")
        }
        let known = Set(sectionSpecs.map(\.key) + ["templateLanguages", "setup"])
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw RapportError.validation(unknown, "'\(unknown)' is not a master-data section.")
        }
        do {
            return try decodeSections(object)
        } catch let error as RapportError {
            throw error
        } catch {
            throw RapportError.malformed("The master-data file cannot be read: \(error).")
        }
    }

    private static func decodeSections(_ object: JSONObject) throws -> MasterDataDocument {
        var document = MasterDataDocument()
        for (key, spec) in sectionSpecs {
            guard let section = object[key] else { continue }
            let codec = ResourceCodec(spec)
            let records = try items(section, key: key).enumerated().map { index, item in
                try RapportError.locating("\(key)[\(index)]") { () throws(RapportError) -> RecordUpsert in
                    if case .string = item { return try codec.upsert(.object(JSONObject([(spec.keyName, item)]))) }
                    return try codec.upsert(item)
                }
            }
            document.sections.append(Section(key: key, records: records))
        }
        if let section = object["templateLanguages"] {
            document.templateLanguages = try items(section, key: "templateLanguages").enumerated().map {
                index, item in
                try RapportError.locating("templateLanguages[\(index)]") { try templateLanguage(item) }
            }
        }
        if let setup = object["setup"] {
            document.setup = try RapportError.locating("setup") {
                try RecordDecoder(fields: setupFields).decode(setup, mode: .partial)
            }
        }
        return document
    }

    private static func templateLanguage(_ item: JSONValue) throws(RapportError) -> TemplateLanguageItem {
        guard case .object(var entry) = item else {
            throw RapportError.malformed("A template language entry must be an object.")
        }
        let template = try RecordDecoder.code(entry["templateCode"] ?? .null, path: "templateCode", maxLength: 10)
        let language = try RecordDecoder.code(entry["languageCode"] ?? .null, path: "languageCode", maxLength: 10)
        entry["templateCode"] = nil
        entry["languageCode"] = nil
        let record = try RecordDecoder(fields: TemplateLanguage.fields).decode(.object(entry), mode: .full)
        return TemplateLanguageItem(
            templateCode: InteractionTemplate.Code(template),
            entry: TemplateLanguage.Entry(
                languageCode: Language.Code(language), description: record.text("description")))
    }

    private static func items(_ section: JSONValue, key: String) throws(RapportError) -> [JSONValue] {
        guard case .array(let items) = section else {
            throw RapportError.validation(key, "\(key) must be an array.")
        }
        return items
    }
}
