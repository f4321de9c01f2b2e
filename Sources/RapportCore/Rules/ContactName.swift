/// How BC builds a person's name from its parts when no name is given.
public enum ContactName {
    public static func build(from record: Record) -> String {
        build(
            firstName: record.text("firstName"), middleName: record.text("middleName"),
            surname: record.text("surname"))
    }

    public static func build(firstName: String, middleName: String, surname: String) -> String {
        [firstName, middleName, surname].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
