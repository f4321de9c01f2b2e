import RapportCore

/// A country the demo has customers in: where its contacts live, how its addresses, post codes and
/// telephone numbers look, which language they speak and what their names are like.
struct DemoLocale {
    var countryRegionCode: String
    var languageCode: String
    /// How many companies out of 100 are in this country.
    var weight: Int
    var cities: [DemoCity]
    var streets: [String]
    /// `12 High Street` (true) or `Vesterbrogade 12` (false).
    var isHouseNumberFirst: Bool
    /// Second address lines, filled in with `fill(_:)`; a company has one now and then.
    var address2Patterns: [String]
    var mobilePattern: String
    /// The local part of a company's general e-mail address (`info`, `kontakt`...).
    var companyMailboxes: [String]
    /// Who looks after customers in this country: export markets have their own salespeople.
    var salespersonWeights: [(String, Int)]
    var names: DemoNamePool
    var companyNames: DemoCompanyNamePool
}

/// A city with what follows from it: county, sales territory, post codes and telephone area code.
struct DemoCity {
    var name: String
    var county: String
    var territoryCode: String
    /// How many of the country's companies out of the country's total weight are here.
    var weight: Int
    var postCode: DemoPostCode
    /// A landline number with `#` for each random digit.
    var phonePattern: String
}

/// How a country's post codes are made.
enum DemoPostCode {
    /// Outward code from an area and a district number, then an inward code: `LS12 4AB`.
    case british([(area: String, districts: ClosedRange<Int>)])
    /// A number from a range, zero-padded to `digits`: `8000`, `80331`.
    case numeric(ClosedRange<Int>, digits: Int)
    /// No post codes (the United Arab Emirates).
    case none

    /// The letters Royal Mail uses in inward codes (no C, I, K, M, O or V, which look like others).
    private static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")

    /// A post code in this scheme.
    func make(_ random: inout DemoRandom) -> String {
        switch self {
        case .british(let districts):
            guard let district = random.pick(districts) else { return "" }
            let outward = district.area + String(random.int(in: district.districts))
            let letters = (0..<2).map { _ in DemoPostCode.inwardLetters[random.below(Self.inwardLetters.count)] }
            return outward + " " + String(random.below(10)) + String(letters)
        case .numeric(let range, let digits):
            let number = String(random.int(in: range))
            return String(repeating: "0", count: max(0, digits - number.count)) + number
        case .none:
            return ""
        }
    }
}

extension DemoLocale {
    /// `pattern` with every `#` replaced by a random digit and every `%` by a random digit other than 0.
    static func fill(_ pattern: String, _ random: inout DemoRandom) -> String {
        var result = ""
        for character in pattern {
            switch character {
            case "#": result += String(random.below(10))
            case "%": result += String(1 + random.below(9))
            default: result.append(character)
            }
        }
        return result
    }

    /// A city of this country, the bigger ones more often.
    func city(_ random: inout DemoRandom) -> DemoCity? {
        random.pick(weighted: cities.map { ($0, $0.weight) })
    }

    /// A street address: house number and street in this country's order.
    func streetAddress(_ random: inout DemoRandom) -> String {
        let street = random.pick(streets) ?? ""
        let number = String(random.int(in: 1...199))
        return isHouseNumberFirst ? number + " " + street : street + " " + number
    }
}
