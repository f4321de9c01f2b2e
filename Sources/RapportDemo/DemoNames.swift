import RapportCore

/// The given names and surnames of one country's people.
struct DemoNamePool {
    var male: [DemoWord]
    var female: [DemoWord]
    /// Names worn by either gender (`Kim` in Denmark, `Tal` in Israel); these persons get the UNISEX salutation.
    var unisex: [DemoWord]
    var surnames: [DemoWord]
    /// Middle names when the country has its own kind (Danish `Holm`, `Skov`); else a given name is used.
    var middleNames: [DemoWord]
    /// How many persons out of 100 have a middle name.
    var middleNamePercent: Double
}

extension DemoNamePool {
    static let british = DemoNamePool(
        male: latin(
            "James Oliver Harry George Jack Thomas William Daniel Samuel Joseph Mohammed Arjun Liam "
                + "Matthew Edward Callum"),
        female: latin(
            "Olivia Amelia Isla Emily Sophie Charlotte Grace Hannah Jessica Lucy Priya Aisha Megan "
                + "Chloe Eleanor Zara"),
        unisex: latin("Alex Sam Charlie Jordan Robin Jamie"),
        surnames: latin(
            "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
                + "Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Ackroyd Holroyd Sutcliffe Hirst "
                + "Barraclough Hepworth O'Connor Lewis Hughes Ali Shah Singh Murphy MacDonald"),
        middleNames: [], middleNamePercent: 20)

    static let danish = DemoNamePool(
        male: latin("Anders Jens Lars Mikkel Søren Rasmus Frederik Mads Niels Christian Jesper Morten"),
        female: latin("Anne Mette Camilla Sofie Ida Freja Line Maria Louise Signe Karen Birgitte"),
        unisex: latin("Kim Robin"),
        surnames: latin(
            "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen "
                + "Petersen Madsen Kristensen Olsen Thomsen Møller Østergaard Bækgaard"),
        middleNames: latin("Møller Holm Skov Bach Lund Dahl Juhl Krogh"), middleNamePercent: 30)

    static let german = DemoNamePool(
        male: latin("Lukas Maximilian Felix Jonas Leon Paul Stefan Thomas Michael Andreas Jürgen Matthias"),
        female: latin("Anna Lena Laura Julia Katharina Sabine Claudia Petra Sophie Mia Jana Birgit"),
        unisex: latin("Kim Toni"),
        surnames: latin(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
                + "Bauer Richter Klein Wolf Schröder Neumann Zimmermann Krüger"),
        middleNames: [], middleNamePercent: 10)

    static let french = DemoNamePool(
        male: latin("Louis Hugo Lucas Théo Jules Gabriel Nicolas Julien"),
        female: latin("Camille Léa Chloé Manon Inès Juliette Élodie Margaux"),
        unisex: latin("Dominique Claude"),
        surnames: latin("Martin Bernard Dubois Lefèvre Moreau Laurent Girard Rousseau Fournier Mercier"),
        middleNames: [], middleNamePercent: 10)

    /// Arabic names, written in Arabic script (right to left).
    static let arabic = DemoNamePool(
        male: [
            DemoWord("محمد", ascii: "mohammed"), DemoWord("أحمد", ascii: "ahmed"), DemoWord("عمر", ascii: "omar"),
            DemoWord("خالد", ascii: "khaled"), DemoWord("يوسف", ascii: "youssef"), DemoWord("علي", ascii: "ali"),
        ],
        female: [
            DemoWord("فاطمة", ascii: "fatima"), DemoWord("مريم", ascii: "maryam"), DemoWord("ليلى", ascii: "layla"),
            DemoWord("نور", ascii: "nour"), DemoWord("سارة", ascii: "sara"), DemoWord("هدى", ascii: "huda"),
        ],
        unisex: [],
        surnames: [
            DemoWord("الحداد", ascii: "alhaddad"), DemoWord("المنصوري", ascii: "almansouri"),
            DemoWord("الحسيني", ascii: "alhusseini"), DemoWord("العلي", ascii: "alali"),
            DemoWord("الشامسي", ascii: "alshamsi"), DemoWord("النعيمي", ascii: "alnuaimi"),
        ],
        middleNames: [], middleNamePercent: 0)

    /// Hebrew names, written in Hebrew script (right to left).
    static let hebrew = DemoNamePool(
        male: [
            DemoWord("דוד", ascii: "david"), DemoWord("יוסי", ascii: "yossi"), DemoWord("אבי", ascii: "avi"),
            DemoWord("נועם", ascii: "noam"), DemoWord("איתי", ascii: "itai"), DemoWord("משה", ascii: "moshe"),
        ],
        female: [
            DemoWord("נועה", ascii: "noa"), DemoWord("שירה", ascii: "shira"), DemoWord("מיכל", ascii: "michal"),
            DemoWord("תמר", ascii: "tamar"), DemoWord("יעל", ascii: "yael"), DemoWord("רחל", ascii: "rachel"),
        ],
        unisex: [DemoWord("עדי", ascii: "adi"), DemoWord("טל", ascii: "tal")],
        surnames: [
            DemoWord("כהן", ascii: "cohen"), DemoWord("לוי", ascii: "levi"), DemoWord("מזרחי", ascii: "mizrahi"),
            DemoWord("פרץ", ascii: "peretz"), DemoWord("ביטון", ascii: "biton"), DemoWord("אברהם", ascii: "avraham"),
        ],
        middleNames: [], middleNamePercent: 0)

    /// Space-separated Latin-script words; keeps the tables above short.
    static func latin(_ words: String) -> [DemoWord] {
        words.split(separator: " ").map { DemoWord(String($0)) }
    }
}
