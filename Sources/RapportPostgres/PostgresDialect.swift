/// The little that differs between the SQL Rapport writes once and what PostgreSQL reads: `?`
/// placeholders become `$1, $2…`. Everything else is written in the subset both accept; the schema is
/// written for each dialect in its own migrations.
enum PostgresDialect {
    /// `?` → `$n`, leaving string literals, quoted names and comments alone.
    static func placeholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var index = 0
        var quote: Character?
        var lineComment = false
        var previous: Character = " "
        for character in sql {
            defer { previous = character }
            if lineComment {
                out.append(character)
                if character == "\n" { lineComment = false }
                continue
            }
            if let open = quote {
                out.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                out.append(character)
            case "-" where previous == "-":
                lineComment = true
                out.append(character)
            case "?":
                index += 1
                out.append("$\(index)")
            default:
                out.append(character)
            }
        }
        return out
    }
}
