import RapportCore

/// Makes the demo contacts: each company followed by its persons, numbered `CT000001` on in that order.
///
/// All randomness comes from one `DemoRandom` drawn in a fixed order, so the output depends on nothing but
/// the arguments.
struct DemoContactGenerator {
    let companies: Int
    let personsPerCompany: ClosedRange<Int>
    let seed: UInt64

    /// What a company's persons take over from it.
    struct Employer {
        var contact: DemoContact
        var locale: DemoLocale
        var city: DemoCity
        var domain: String
    }

    /// Every contact, in file order.
    func contacts() -> [DemoContact] {
        var contacts: [DemoContact] = []
        forEach { contacts.append($0) }
        return contacts
    }

    /// Hands each contact to `body` in file order, without keeping them: for data sets too big for memory.
    func forEach(_ body: (DemoContact) throws -> Void) rethrows {
        var random = DemoRandom(seed: seed)
        var made = 0
        func emit(_ contact: DemoContact) throws {
            made += 1
            try body(contact)
        }
        let companyCount = max(0, companies)
        for companyIndex in 0..<companyCount {
            let trickySlot = DemoTrickyNames.companyIndex(forCompany: companyIndex, of: companyCount)
            let tricky = trickySlot.map { DemoTrickyNames.companies[$0] }
            let employer = makeCompany(no: DemoCatalog.contactNo(made + 1), tricky: tricky, &random)
            try emit(employer.contact)
            let personCount = max(0, random.int(in: personsPerCompany))
            for personIndex in 0..<personCount {
                let no = DemoCatalog.contactNo(made + 1)
                if personIndex == 0, let trickySlot, trickySlot < DemoTrickyNames.persons.count {
                    // Kept with their company, so the tricky names are always where a test looks for them.
                    var person = makePerson(no: no, employer: employer, isFirst: true, &random)
                    apply(DemoTrickyNames.persons[trickySlot], to: &person, domain: employer.domain)
                    try emit(person)
                } else if random.chance(2) {
                    try emit(makeIndependentPerson(no: no, &random))
                } else {
                    try emit(makePerson(no: no, employer: employer, isFirst: personIndex == 0, &random))
                }
            }
        }
    }

    // MARK: - Companies

    private func makeCompany(no: String, tricky: DemoTrickyNames.Company?, _ random: inout DemoRandom) -> Employer {
        let locale = tricky?.locale ?? pickLocale(&random)
        let city = locale.city(&random) ?? DemoLocale.britain.cities[0]
        var industries = [random.pick(weighted: DemoCatalog.industryWeights) ?? "SERVICES"]
        if random.chance(15), let second = random.pick(weighted: DemoCatalog.industryWeights),
            second != industries[0]
        {
            industries.append(second)
        }
        let generated = locale.companyNames.make(
            industry: industries[0], surnames: locale.names.surnames, &random)
        let name = tricky?.name ?? generated.name
        let domain = (tricky?.slug ?? generated.slug) + ".example"

        var company = DemoContact()
        company.no = no
        company.type = "company"
        company.name = name
        company.companyNo = no
        company.companyName = name
        setAddress(of: &company, locale: locale, city: city, &random)
        company.phoneNo = random.chance(95) ? DemoLocale.fill(city.phonePattern, &random) : ""
        company.mobilePhoneNo = random.chance(3) ? DemoLocale.fill(locale.mobilePattern, &random) : ""
        if random.chance(85), let mailbox = random.pick(locale.companyMailboxes) {
            company.email = mailbox + "@" + domain
        }
        company.languageCode = locale.languageCode
        company.salespersonCode = random.chance(2) ? "" : random.pick(weighted: locale.salespersonWeights) ?? ""
        company.territoryCode = city.territoryCode
        company.salutationCode = "COMPANY"
        setCommon(of: &company, subject: .company, &random)
        company.industryGroups = industries
        company.businessRelations = businessRelations(&random)
        return Employer(contact: company, locale: locale, city: city, domain: domain)
    }

    private func pickLocale(_ random: inout DemoRandom) -> DemoLocale {
        random.pick(weighted: DemoLocale.all.map { ($0, $0.weight) }) ?? .britain
    }

    /// Customer or prospect (or neither, a contact only), and now and then also a vendor, partner or the press.
    private func businessRelations(_ random: inout DemoRandom) -> [String] {
        var relations: [String] = []
        let roll = random.below(100)
        if roll < 55 {
            relations.append("CUST")
        } else if roll < 85 {
            relations.append("PROSPECT")
        }
        for (code, percent) in [("VEND", 12.0), ("PARTNER", 6.0), ("PRESS", 2.0)] where random.chance(percent) {
            relations.append(code)
        }
        return relations
    }

    // MARK: - Shared by companies and persons

    func setAddress(of contact: inout DemoContact, locale: DemoLocale, city: DemoCity, _ random: inout DemoRandom) {
        contact.address = locale.streetAddress(&random)
        if random.chance(25), let pattern = random.pick(locale.address2Patterns) {
            contact.address2 = DemoLocale.fill(pattern, &random)
        }
        contact.city = city.name
        contact.postCode = city.postCode.make(&random)
        contact.county = city.county
        contact.countryRegionCode = locale.countryRegionCode
    }

    /// Correspondence type, exclusion, mailing groups and profile answers: what any contact may have.
    func setCommon(of contact: inout DemoContact, subject: DemoCatalog.ProfileSubject, _ random: inout DemoRandom) {
        let roll = random.below(100)
        if contact.email.isEmpty {
            contact.correspondenceType = roll < 60 ? "hardCopy" : ""
        } else {
            contact.correspondenceType = roll < 65 ? "email" : roll < 85 ? "hardCopy" : ""
        }
        contact.excludeFromSegment = random.chance(3)
        contact.mailingGroups = DemoCatalog.mailingGroupChances.compactMap { code, percent in
            random.chance(percent) ? code : nil
        }
        contact.profileAnswers = profileAnswers(for: subject, &random)
    }

    private func profileAnswers(
        for subject: DemoCatalog.ProfileSubject, _ random: inout DemoRandom
    ) -> [(code: String, lineNo: Int)] {
        var answers: [(code: String, lineNo: Int)] = []
        for questionnaire in DemoCatalog.questionnaires where questionnaire.subject == subject {
            for question in questionnaire.questions {
                if question.allowsSeveral {
                    for answer in question.answers where random.chance(question.answeredPercent) {
                        answers.append((questionnaire.code, answer.lineNo))
                    }
                } else if random.chance(question.answeredPercent), let answer = random.pick(question.answers) {
                    answers.append((questionnaire.code, answer.lineNo))
                }
            }
        }
        return answers
    }
}
