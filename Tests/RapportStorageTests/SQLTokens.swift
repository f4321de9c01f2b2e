/// The identifiers and literals of an SQL expression, skipping type names after `::` casts.
struct SQLTokens {
    var identifiers: [String] = []
    var literals: [String] = []

    init(_ sql: String) {
        let characters = Array(sql)
        var index = 0
        var afterCast = false
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                var end = index + 1
                while end < characters.count {
                    if characters[end] == "'" {
                        if end + 1 < characters.count, characters[end + 1] == "'" {
                            end += 2
                            continue
                        }
                        break
                    }
                    end += 1
                }
                literals.append(String(characters[index...min(end, characters.count - 1)]))
                index = end + 1
                afterCast = false
            } else if character.isNumber {
                var end = index
                while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                literals.append(String(characters[index..<end]))
                index = end
                afterCast = false
            } else if character.isLetter || character == "_" || character == "\"" {
                var end = index
                if character == "\"" {
                    end += 1
                    while end < characters.count, characters[end] != "\"" { end += 1 }
                    end += 1
                } else {
                    while end < characters.count,
                        characters[end].isLetter || characters[end].isNumber
                            || characters[end] == "_"
                    {
                        end += 1
                    }
                }
                let word = String(characters[index..<min(end, characters.count)])
                if !afterCast { identifiers.append(word.lowercased()) }
                // `double precision` is two words.
                afterCast = afterCast && word.lowercased() == "double"
                index = end
            } else if character == ":", index + 1 < characters.count, characters[index + 1] == ":" {
                afterCast = true
                index += 2
            } else {
                if !character.isWhitespace { afterCast = false }
                index += 1
            }
        }
    }

    /// The expression in balanced parentheses after every `CHECK` keyword of a CREATE TABLE statement.
    static func checkExpressions(in sql: String) -> [String] {
        let characters = Array(sql)
        var expressions: [String] = []
        var index = 0
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
                index += 1
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                index += 1
                continue
            }
            let isWordStart = index == 0 || !(characters[index - 1].isLetter || characters[index - 1] == "_")
            if isWordStart, index + 5 <= characters.count,
                String(characters[index..<index + 5]).uppercased() == "CHECK"
            {
                var start = index + 5
                while start < characters.count, characters[start].isWhitespace { start += 1 }
                guard start < characters.count, characters[start] == "(" else {
                    index += 5
                    continue
                }
                var depth = 0
                var end = start
                var inner: Character?
                while end < characters.count {
                    let c = characters[end]
                    if let open = inner {
                        if c == open { inner = nil }
                    } else if c == "'" || c == "\"" {
                        inner = c
                    } else if c == "(" {
                        depth += 1
                    } else if c == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    end += 1
                }
                expressions.append(String(characters[(start + 1)..<min(end, characters.count)]))
                index = end + 1
                continue
            }
            index += 1
        }
        return expressions
    }
}
