import RapportCore

/// The countries of the demo. Most customers are in the north of England (Leeds and York above all, so
/// that filters on a city have something to find), with export markets in Denmark, Germany and France
/// and a few Arabic- and Hebrew-speaking customers, whose names are written right to left.
///
/// UK numbers come from Ofcom's ranges reserved for drama (`0113 496 0xxx`, `01632 960xxx`, `07700 900xxx`),
/// so no demo call can ring a real telephone.
extension DemoLocale {
    static let all: [DemoLocale] = [britain, denmark, germany, france, emirates, israel]

    static let britain = DemoLocale(
        countryRegionCode: "GB", languageCode: "ENU", weight: 70,
        cities: [
            britishCity("Leeds", "West Yorkshire", "NORTH", 22, [("LS", 1...28)], "+44 113 496 0###"),
            britishCity(
                "York", "North Yorkshire", "NORTH", 12,
                [("YO", 1...1), ("YO", 10...10), ("YO", 23...26), ("YO", 30...32)], "+44 1632 960###"),
            britishCity(
                "London", "Greater London", "LONDON", 18,
                [
                    ("EC", 1...4), ("WC", 1...2), ("E", 1...18), ("N", 1...22), ("SE", 1...28),
                    ("SW", 1...20), ("W", 1...14),
                ], "+44 20 7946 0###"),
            britishCity("Manchester", "Greater Manchester", "NORTH", 8, [("M", 1...40)], "+44 161 496 0###"),
            britishCity("Bristol", "Bristol", "WEST", 6, [("BS", 1...16)], "+44 117 496 0###"),
            britishCity("Birmingham", "West Midlands", "MIDLANDS", 6, [("B", 1...45)], "+44 121 496 0###"),
            britishCity("Sheffield", "South Yorkshire", "NORTH", 5, [("S", 1...14)], "+44 114 496 0###"),
            britishCity("Harrogate", "North Yorkshire", "NORTH", 4, [("HG", 1...3)], "+44 1632 960###"),
            britishCity("Newcastle upon Tyne", "Tyne and Wear", "NORTH", 4, [("NE", 1...15)], "+44 191 498 0###"),
            britishCity("Edinburgh", "City of Edinburgh", "SCOTLAND", 4, [("EH", 1...17)], "+44 131 496 0###"),
            britishCity("Glasgow", "Glasgow City", "SCOTLAND", 3, [("G", 1...46)], "+44 141 496 0###"),
            britishCity("Cardiff", "Cardiff", "WEST", 3, [("CF", 10...24)], "+44 29 2018 0###"),
            britishCity("Nottingham", "Nottinghamshire", "MIDLANDS", 2, [("NG", 1...11)], "+44 115 496 0###"),
            britishCity("Norwich", "Norfolk", "EAST", 2, [("NR", 1...7)], "+44 1632 960###"),
            britishCity("Cambridge", "Cambridgeshire", "EAST", 2, [("CB", 1...5)], "+44 1632 960###"),
            britishCity("Brighton", "East Sussex", "SOUTH", 2, [("BN", 1...2)], "+44 1632 960###"),
            britishCity("Southampton", "Hampshire", "SOUTH", 2, [("SO", 14...19)], "+44 1632 960###"),
        ],
        streets: [
            "High Street", "Station Road", "Church Lane", "Park Row", "Briggate", "The Headrow", "Stonegate",
            "Micklegate", "Deansgate", "King Street", "Queen Street", "Victoria Road", "Mill Lane",
            "Albion Street", "Wellington Street", "Market Place", "Bridge Street", "Canal Wharf",
            "Commercial Street", "Northgate",
        ],
        isHouseNumberFirst: true,
        address2Patterns: [
            "Unit %", "Suite %0%", "Floor %", "Riverside House", "Victoria Court", "Enterprise Park",
            "The Old Mill",
        ],
        mobilePattern: "+44 7700 900###", companyMailboxes: ["info", "sales", "hello", "enquiries"],
        salespersonWeights: DemoCatalog.salespersonWeights,
        names: .british, companyNames: .british)

    static let denmark = DemoLocale(
        countryRegionCode: "DK", languageCode: "DAN", weight: 12,
        cities: [
            DemoCity(
                name: "København", county: "Region Hovedstaden", territoryCode: "EXPORT", weight: 7,
                postCode: .numeric(1050...2450, digits: 4), phonePattern: "+45 33 ## ## ##"),
            DemoCity(
                name: "Aarhus", county: "Region Midtjylland", territoryCode: "EXPORT", weight: 3,
                postCode: .numeric(8000...8270, digits: 4), phonePattern: "+45 86 ## ## ##"),
            DemoCity(
                name: "Odense", county: "Region Syddanmark", territoryCode: "EXPORT", weight: 2,
                postCode: .numeric(5000...5270, digits: 4), phonePattern: "+45 66 ## ## ##"),
        ],
        streets: [
            "Vesterbrogade", "Nørregade", "Østergade", "Søndergade", "Algade", "Frederiksberg Allé",
            "Åboulevarden", "Store Torv", "Havnegade", "Kongensgade",
        ],
        isHouseNumberFirst: false,
        address2Patterns: ["%. sal", "%. sal tv.", "%. sal th.", "Baghuset"],
        mobilePattern: "+45 2# ## ## ##", companyMailboxes: ["info", "kontakt", "salg"],
        salespersonWeights: [("LT", 70), ("KS", 20), ("JO", 10)],
        names: .danish, companyNames: .danish)

    static let germany = DemoLocale(
        countryRegionCode: "DE", languageCode: "DEU", weight: 12,
        cities: [
            DemoCity(
                name: "Berlin", county: "Berlin", territoryCode: "EXPORT", weight: 5,
                postCode: .numeric(10115...14199, digits: 5), phonePattern: "+49 30 #######"),
            DemoCity(
                name: "München", county: "Bayern", territoryCode: "EXPORT", weight: 4,
                postCode: .numeric(80331...81929, digits: 5), phonePattern: "+49 89 #######"),
            DemoCity(
                name: "Hamburg", county: "Hamburg", territoryCode: "EXPORT", weight: 2,
                postCode: .numeric(20095...22769, digits: 5), phonePattern: "+49 40 #######"),
            DemoCity(
                name: "Frankfurt am Main", county: "Hessen", territoryCode: "EXPORT", weight: 1,
                postCode: .numeric(60306...60599, digits: 5), phonePattern: "+49 69 #######"),
        ],
        streets: [
            "Hauptstraße", "Friedrichstraße", "Kurfürstendamm", "Leopoldstraße", "Maximilianstraße",
            "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Mönckebergstraße", "Zeil",
        ],
        isHouseNumberFirst: false,
        address2Patterns: ["%. OG", "Hinterhaus", "Aufgang %"],
        mobilePattern: "+49 151 ########", companyMailboxes: ["info", "kontakt", "vertrieb"],
        salespersonWeights: [("HR", 70), ("RB", 30)],
        names: .german, companyNames: .german)

    static let france = DemoLocale(
        countryRegionCode: "FR", languageCode: "FRA", weight: 2,
        cities: [
            DemoCity(
                name: "Paris", county: "Île-de-France", territoryCode: "EXPORT", weight: 2,
                postCode: .numeric(75001...75020, digits: 5), phonePattern: "+33 1 ## ## ## ##"),
            DemoCity(
                name: "Lyon", county: "Auvergne-Rhône-Alpes", territoryCode: "EXPORT", weight: 1,
                postCode: .numeric(69001...69009, digits: 5), phonePattern: "+33 4 ## ## ## ##"),
        ],
        streets: [
            "rue de Rivoli", "rue de la République", "boulevard Haussmann", "rue Saint-Honoré",
            "quai Saint-Antoine", "rue Mercière",
        ],
        isHouseNumberFirst: true,
        address2Patterns: ["Bâtiment %", "%e étage"],
        mobilePattern: "+33 6 ## ## ## ##", companyMailboxes: ["contact", "info"],
        salespersonWeights: [("RB", 60), ("HR", 40)],
        names: .french, companyNames: .french)

    static let emirates = DemoLocale(
        countryRegionCode: "AE", languageCode: "ARA", weight: 2,
        cities: [
            DemoCity(
                name: "Dubai", county: "Dubai", territoryCode: "EXPORT", weight: 2,
                postCode: .none, phonePattern: "+971 4 ### ####"),
            DemoCity(
                name: "Abu Dhabi", county: "Abu Dhabi", territoryCode: "EXPORT", weight: 1,
                postCode: .none, phonePattern: "+971 2 ### ####"),
        ],
        streets: ["Sheikh Zayed Road", "Al Wasl Road", "Jumeirah Beach Road", "Al Maktoum Road", "Corniche Road"],
        isHouseNumberFirst: true,
        address2Patterns: ["Office %0%", "Floor %"],
        mobilePattern: "+971 50 ### ####", companyMailboxes: ["info", "sales"],
        salespersonWeights: [("MH", 80), ("JO", 20)],
        names: .arabic, companyNames: .arabic)

    static let israel = DemoLocale(
        countryRegionCode: "IL", languageCode: "HEB", weight: 2,
        cities: [
            DemoCity(
                name: "Tel Aviv-Yafo", county: "Tel Aviv District", territoryCode: "EXPORT", weight: 2,
                postCode: .numeric(6_100_000...6_999_999, digits: 7), phonePattern: "+972 3 ### ####"),
            DemoCity(
                name: "Haifa", county: "Haifa District", territoryCode: "EXPORT", weight: 1,
                postCode: .numeric(3_100_000...3_599_999, digits: 7), phonePattern: "+972 4 ### ####"),
        ],
        streets: [
            "Rothschild Boulevard", "Dizengoff Street", "Ibn Gabirol Street", "Allenby Street",
            "HaNamal Street",
        ],
        isHouseNumberFirst: false,
        address2Patterns: ["Floor %"],
        mobilePattern: "+972 52 ### ####", companyMailboxes: ["info", "office"],
        salespersonWeights: [("MH", 50), ("RB", 50)],
        names: .hebrew, companyNames: .hebrew)

    private static func britishCity(
        _ name: String, _ county: String, _ territoryCode: String, _ weight: Int,
        _ districts: [(area: String, districts: ClosedRange<Int>)], _ phonePattern: String
    ) -> DemoCity {
        DemoCity(
            name: name, county: county, territoryCode: territoryCode, weight: weight,
            postCode: .british(districts), phonePattern: phonePattern)
    }
}
