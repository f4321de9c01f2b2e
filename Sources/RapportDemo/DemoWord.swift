import RapportCore

/// A word of a generated name together with the ASCII spelling that e-mail addresses are built from.
///
/// Latin-script words get their ASCII form by transliteration (`Sørensen` → `soerensen`); Arabic and
/// Hebrew words carry a hand-written one, as there is no simple rule for them.
struct DemoWord {
    var text: String
    var ascii: String

    /// A word in a non-Latin script with its transliteration.
    init(_ text: String, ascii: String) {
        self.text = text
        self.ascii = ascii
    }

    /// A Latin-script word; its ASCII form is derived.
    init(_ latin: String) {
        self.init(latin, ascii: DemoWord.ascii(latin))
    }

    /// Lower-case ASCII letters and digits of `text`: diacritics are transliterated the way the
    /// languages themselves do it (`ø` → `oe`, `ß` → `ss`), everything else is dropped.
    static func ascii(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if let replacement = transliterations[character] {
                result += replacement
            } else if character.isASCII, character.isLetter || character.isNumber {
                result.append(character)
            }
        }
        return result
    }

    private static let transliterations: [Character: String] = [
        "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
        "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "í": "i", "î": "i", "ï": "i",
        "ó": "o", "ô": "o", "ú": "u", "û": "u", "ç": "c", "ñ": "n",
    ]
}
