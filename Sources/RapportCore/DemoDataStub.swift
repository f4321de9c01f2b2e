public enum DemoData {
    public static func masterData() -> JSONValue { .object(JSONObject()) }
    public static func contactsCSV() -> [UInt8] { Array("no,type\n".utf8) }
    public static let demoUser = (userId: "DEMO", password: "rapport-demo", role: "marketer", salespersonCode: "JO")
}
