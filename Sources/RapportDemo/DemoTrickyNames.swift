import RapportCore

/// Names that put the rest of Rapport to the test: CSV quoting and formula escaping, HTML escaping in the web
/// UI, case folding of non-ASCII letters, right-to-left text, emoji and an over-long value.
///
/// They replace the generated names of a few companies spread through the file, and of the first person of
/// each, so every default demo database contains all of them.
enum DemoTrickyNames {
    /// A company name with the country it is placed in.
    struct Company {
        var name: String
        var slug: String
        var locale: DemoLocale
    }

    /// A person's name parts and salutation.
    struct Person {
        var firstName: DemoWord
        var middleName: String
        var surname: DemoWord
        var salutationCode: String
    }

    /// Exactly 300 characters, with commas: longer than any column a spreadsheet shows in full.
    static let longCompanyName =
        "The Yorkshire and Humber Amalgamated Society of Independent Woollen Mill Owners, "
        + "Worsted Spinners, Cloth Finishers, Dyers, Fullers, Pattern Weavers, Mercers, Drapers, Haberdashers, "
        + "Tailors, Hosiers, Glovers and Allied Textile Trades Mutual Benefit, Training, Heritage and Export "
        + "Promotion Society Ltd"

    /// The tricky companies; the person at the same index, if any, becomes the company's first person.
    static let companies: [Company] = [
        // Starts with an apostrophe: the formula guard doubles it, and import must take exactly one away.
        Company(name: "'t Hoekje BV", slug: "thoekje", locale: .britain),
        Company(name: "Smith \"The Printers\" & Sons Ltd", slug: "smith-printers", locale: .britain),
        Company(name: "Café ☕ & Co", slug: "cafe-co", locale: .britain),
        Company(name: "Bits <&> Bytes Ltd", slug: "bits-bytes", locale: .britain),
        Company(name: "شركة النور للتجارة العامة", slug: "alnoor-general", locale: .emirates),
        Company(name: "אור ים בע\"מ", slug: "oryam", locale: .israel),
        Company(name: "Jensen, Hansen & Sønner ApS", slug: "jensen-hansen", locale: .denmark),
        Company(name: longCompanyName, slug: "yorkshire-textile-society", locale: .britain),
        // Starts with `@`, which a spreadsheet would run as a formula without the guard's apostrophe.
        Company(name: "@Home Interiors Ltd", slug: "at-home-interiors", locale: .britain),
    ]

    static let persons: [Person] = [
        Person(firstName: DemoWord("Gerard"), middleName: "", surname: DemoWord("'t Hooft"), salutationCode: "M"),
        Person(
            firstName: DemoWord("Chloë"), middleName: "\"Coco\"", surname: DemoWord("Dubois"),
            salutationCode: "F"),
        Person(firstName: DemoWord("Sunny"), middleName: "☀️", surname: DemoWord("Barker"), salutationCode: "UNISEX"),
        Person(firstName: DemoWord("Jamie"), middleName: "<JJ>", surname: DemoWord("Jones"), salutationCode: "UNISEX"),
        Person(
            firstName: DemoWord("محمد", ascii: "mohammed"), middleName: "",
            surname: DemoWord("العلي", ascii: "alali"), salutationCode: "M"),
        Person(
            firstName: DemoWord("נועה", ascii: "noa"), middleName: "", surname: DemoWord("כהן", ascii: "cohen"),
            salutationCode: "F"),
        Person(firstName: DemoWord("Åse"), middleName: "Ærø", surname: DemoWord("Østergaard"), salutationCode: "F"),
        Person(firstName: DemoWord("Seán"), middleName: "", surname: DemoWord("O'Brien"), salutationCode: "M"),
    ]

    /// Which tricky company, if any, takes the place of company `index` (from 0) of `count`.
    ///
    /// They are spread evenly rather than put first, so the start of the list looks ordinary; with fewer
    /// companies than tricky names, the first ones are used.
    static func companyIndex(forCompany index: Int, of count: Int) -> Int? {
        let tricky = companies.count
        if count < tricky {
            return index
        }
        // (2j + 1) * count / (2 * tricky) lands in the middle of the j-th of `tricky` equal stretches.
        for slot in 0..<tricky where (2 * slot + 1) * count / (2 * tricky) == index {
            return slot
        }
        return nil
    }
}
