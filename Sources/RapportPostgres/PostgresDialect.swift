/// The little that differs between the SQL Rapport writes once and what PostgreSQL reads: `?`
/// placeholders become `$1, $2…`, and the schema's SQLite column types become PostgreSQL's (64-bit
/// integers, doubles, byte arrays, text in code-point order). Everything else is written in the subset
/// both accept.
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

    /// A schema statement in PostgreSQL's types. A type is the word after a column's name: the second
    /// word after `(`, `,` or `ADD COLUMN` (a column may well be called `text`).
    static func ddl(_ sql: String) -> String {
        let start = sql.drop { $0.isWhitespace }.prefix(6).uppercased()
        guard start == "CREATE" || start.hasPrefix("ALTER") else { return sql }
        var out = ""
        var word = ""
        var position = 0
        func flush() {
            guard !word.isEmpty else { return }
            position += 1
            let upper = word.uppercased()
            switch (position, upper) {
            case (2, "INTEGER"): out += "BIGINT"
            case (2, "REAL"): out += "DOUBLE PRECISION"
            case (2, "BLOB"): out += "BYTEA"
            // Text sorts and compares by code point, as in SQLite, whatever the database's locale.
            case (2, "TEXT"): out += "TEXT COLLATE \"C\""
            default: out += word
            }
            if upper == "COLUMN" { position = 0 }
            word = ""
        }
        var quote: Character?
        for character in sql {
            if let open = quote {
                out.append(character)
                if character == open { quote = nil }
                continue
            }
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            flush()
            if character == "'" || character == "\"" {
                quote = character
                position += 1
            } else if character == "(" || character == "," {
                position = 0
            }
            out.append(character)
        }
        flush()
        return out
    }
}
