import RapportCore

/// How one country's companies are named: a stem and a word for the industry, in the country's order,
/// with its legal suffix (`Fabrikam Retail Ltd`, `Nordlys Handel ApS`, `شركة النور للتجارة`).
struct DemoCompanyNamePool {
    var stems: [DemoWord]
    /// Industry group code → words that name such a business, so a name agrees with its industry group.
    var sectors: [String: [String]]
    var suffixes: [(String, Int)]
    /// Put the industry word before the stem (French `Boutique Lumière SARL`).
    var isSectorFirst: Bool = false
    /// Written before everything else (Arabic `شركة`, "company").
    var prefix: String = ""
    /// How many companies out of 100 are family firms named after a surname (`Hirst & Sons Ltd`).
    var familyFirmPercent: Double = 0
    var familyFirmSuffix: String = ""

    /// A company name for the industry group `industry`, and the ASCII stem its e-mail domain is built from.
    func make(industry: String, surnames: [DemoWord], _ random: inout DemoRandom) -> (name: String, slug: String) {
        if familyFirmPercent > 0, random.chance(familyFirmPercent), let surname = random.pick(surnames) {
            return (surname.text + " " + familyFirmSuffix, surname.ascii + "-sons")
        }
        let stem = random.pick(stems) ?? DemoWord("Demo")
        let sector = random.pick(sectors[industry] ?? []) ?? ""
        let suffix = random.pick(weighted: suffixes) ?? ""
        let words = isSectorFirst ? [prefix, sector, stem.text, suffix] : [prefix, stem.text, sector, suffix]
        return (words.filter { !$0.isEmpty }.joined(separator: " "), stem.ascii + "-" + industry.lowercased())
    }
}

extension DemoCompanyNamePool {
    static let british = DemoCompanyNamePool(
        stems: DemoNamePool.latin(
            "Fabrikam Contoso Adatum Northwind Litware Proseware Tailspin Wingtip Woodgrove "
                + "Coho Lucerne Trey Humongous Southridge VanArsdel Relecloud Aire Minster Pennine Dales Ouse Kirkgate "
                + "Headrow Shambles Thames Mersey Severn Bramley Calder Wharfedale Brontë Ridings Humber Tyne"),
        sectors: [
            "RETAIL": ["Retail", "Stores", "Home & Garden", "Fashion", "Outfitters", "Books"],
            "WHOLESALE": ["Wholesale", "Distribution", "Supplies", "Trading"],
            "MANUF": ["Manufacturing", "Engineering", "Industries", "Works", "Textiles", "Furniture"],
            "SERVICES": ["Consulting", "Services", "Associates", "Solicitors", "Recruitment"],
            "FINANCE": ["Finance", "Capital", "Insurance", "Accountants"],
            "TECH": ["Software", "Digital", "Systems", "Data"],
            "LOGISTICS": ["Logistics", "Freight", "Transport", "Haulage"],
            "LEISURE": ["Hotels", "Restaurants", "Leisure", "Coffee"],
        ],
        suffixes: [("Ltd", 70), ("Limited", 12), ("plc", 8), ("LLP", 5), ("& Co", 5)],
        familyFirmPercent: 6, familyFirmSuffix: "& Sons Ltd")

    static let danish = DemoCompanyNamePool(
        stems: DemoNamePool.latin(
            "Nordlys Havblik Vesterbro Nørrebro Østerport Limfjord Skagen Bornholm Kattegat "
                + "Gudenå Fyns Møllegården Strandvejen Klitten"),
        sectors: [
            "RETAIL": ["Butik", "Detail", "Boligudstyr"],
            "WHOLESALE": ["Engros", "Handel"],
            "MANUF": ["Maskinfabrik", "Industri", "Møbler"],
            "SERVICES": ["Rådgivning", "Revision"],
            "FINANCE": ["Finans", "Forsikring"],
            "TECH": ["Data", "Software"],
            "LOGISTICS": ["Transport", "Logistik", "Fragt"],
            "LEISURE": ["Hotel", "Café", "Kro"],
        ],
        suffixes: [("A/S", 45), ("ApS", 50), ("I/S", 5)],
        familyFirmPercent: 8, familyFirmSuffix: "& Sønner A/S")

    static let german = DemoCompanyNamePool(
        stems: DemoNamePool.latin(
            "Spree Isar Alpen Bavaria Hanse Nordstern Rhein Elbe Brandenburger Tegernsee "
                + "Südstern Lindenhof Zugspitze"),
        sectors: [
            "RETAIL": ["Handel", "Warenhaus", "Moden"],
            "WHOLESALE": ["Großhandel", "Vertrieb"],
            "MANUF": ["Maschinenbau", "Werke", "Metallbau", "Möbelwerk"],
            "SERVICES": ["Beratung", "Dienstleistungen"],
            "FINANCE": ["Finanz", "Versicherungen"],
            "TECH": ["Software", "Informatik", "Systemhaus"],
            "LOGISTICS": ["Spedition", "Logistik"],
            "LEISURE": ["Hotel", "Gastronomie"],
        ],
        suffixes: [("GmbH", 60), ("AG", 15), ("KG", 10), ("GmbH & Co. KG", 15)],
        familyFirmPercent: 10, familyFirmSuffix: "& Söhne GmbH")

    static let french = DemoCompanyNamePool(
        stems: DemoNamePool.latin("Lumière Rivoli Montmartre Rhône Provence Bellecour Marais Garonne"),
        sectors: [
            "RETAIL": ["Boutique", "Galeries"],
            "WHOLESALE": ["Négoce", "Distribution"],
            "MANUF": ["Ateliers", "Industries"],
            "SERVICES": ["Conseil", "Services"],
            "FINANCE": ["Finance", "Assurances"],
            "TECH": ["Informatique", "Logiciels"],
            "LOGISTICS": ["Transports", "Logistique"],
            "LEISURE": ["Hôtel", "Brasserie"],
        ],
        suffixes: [("SARL", 50), ("SAS", 35), ("SA", 15)], isSectorFirst: true,
        familyFirmPercent: 8, familyFirmSuffix: "& Fils SA")

    /// `شركة <stem> <sector>`: "<stem> company for <sector>".
    static let arabic = DemoCompanyNamePool(
        stems: [
            DemoWord("النور", ascii: "alnoor"), DemoWord("الفجر", ascii: "alfajr"),
            DemoWord("الخليج", ascii: "alkhaleej"), DemoWord("الواحة", ascii: "alwaha"),
            DemoWord("السلام", ascii: "assalam"), DemoWord("الأمل", ascii: "alamal"),
        ],
        sectors: [
            "RETAIL": ["للتجزئة"], "WHOLESALE": ["للتجارة"], "MANUF": ["للصناعات"], "SERVICES": ["للخدمات"],
            "FINANCE": ["للاستثمار"], "TECH": ["للتقنية"], "LOGISTICS": ["للنقل"], "LEISURE": ["للضيافة"],
        ],
        suffixes: [], prefix: "شركة")

    /// `<stem> <sector> בע"מ`: the Hebrew abbreviation for "Ltd" carries an ASCII double quote.
    static let hebrew = DemoCompanyNamePool(
        stems: [
            DemoWord("אור ים", ascii: "oryam"), DemoWord("גלבוע", ascii: "gilboa"), DemoWord("כרמל", ascii: "carmel"),
            DemoWord("ירדן", ascii: "yarden"), DemoWord("נגב", ascii: "negev"), DemoWord("תמר", ascii: "tamar"),
        ],
        sectors: [
            "RETAIL": ["קמעונאות"], "WHOLESALE": ["סחר"], "MANUF": ["תעשיות"], "SERVICES": ["שירותים"],
            "FINANCE": ["השקעות"], "TECH": ["טכנולוגיות"], "LOGISTICS": ["לוגיסטיקה"], "LEISURE": ["מלונאות"],
        ],
        suffixes: [("בע\"מ", 1)])
}
