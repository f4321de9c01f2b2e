import RapportCore

extension DemoContactGenerator {
    /// Which kind of given name a person has; it decides the salutation.
    private enum Gender {
        case male, female, either
    }

    /// A person working for `employer`, who shares its address, language, salesperson and territory, as BC
    /// copies them from the company to its persons.
    func makePerson(no: String, employer: Employer, isFirst: Bool, _ random: inout DemoRandom) -> DemoContact {
        let company = employer.contact
        var person = DemoContact()
        person.no = no
        person.type = "person"
        person.companyNo = company.no
        person.companyName = company.name
        let words = setName(of: &person, names: employer.locale.names, &random)
        let title = random.pick(isFirst ? DemoCatalog.managementTitles : DemoCatalog.jobTitles)
        person.jobTitle = title?.title ?? ""
        person.address = company.address
        person.address2 = company.address2
        person.city = company.city
        person.postCode = company.postCode
        person.county = company.county
        person.countryRegionCode = company.countryRegionCode
        person.phoneNo = random.chance(70) ? DemoLocale.fill(employer.city.phonePattern, &random) : ""
        person.mobilePhoneNo = random.chance(60) ? DemoLocale.fill(employer.locale.mobilePattern, &random) : ""
        if random.chance(90) {
            person.email = emailAddress(words, domain: employer.domain, &random)
        }
        person.languageCode = company.languageCode
        person.salespersonCode = company.salespersonCode
        person.territoryCode = company.territoryCode
        setCommon(of: &person, subject: .person, &random)
        person.jobResponsibilities = responsibilities(title?.responsibilities ?? [], &random)
        return person
    }

    /// A person with no company: a freelancer or private contact with their own address.
    func makeIndependentPerson(no: String, _ random: inout DemoRandom) -> DemoContact {
        let locale = random.pick(weighted: DemoLocale.all.map { ($0, $0.weight) }) ?? .britain
        let city = locale.city(&random) ?? DemoLocale.britain.cities[0]
        var person = DemoContact()
        person.no = no
        person.type = "person"
        let words = setName(of: &person, names: locale.names, &random)
        let title = random.chance(50) ? random.pick(DemoCatalog.independentTitles) : nil
        person.jobTitle = title?.title ?? ""
        setAddress(of: &person, locale: locale, city: city, &random)
        person.phoneNo = random.chance(40) ? DemoLocale.fill(city.phonePattern, &random) : ""
        person.mobilePhoneNo = random.chance(80) ? DemoLocale.fill(locale.mobilePattern, &random) : ""
        if random.chance(85), let domain = random.pick(["mail.example", "post.example", "inbox.example"]) {
            person.email = emailAddress(words, domain: domain, &random)
        }
        person.languageCode = locale.languageCode
        person.salespersonCode = random.pick(weighted: locale.salespersonWeights) ?? ""
        person.territoryCode = city.territoryCode
        setCommon(of: &person, subject: .person, &random)
        person.jobResponsibilities = title?.responsibilities ?? []
        return person
    }

    /// Puts a tricky name on `person`, keeping everything else that was generated.
    func apply(_ tricky: DemoTrickyNames.Person, to person: inout DemoContact, domain: String) {
        person.firstName = tricky.firstName.text
        person.middleName = tricky.middleName
        person.surname = tricky.surname.text
        person.name = fullName(person)
        person.salutationCode = tricky.salutationCode
        // Always with an e-mail address, so the name also shows up in e-mail merges and logs.
        person.email = tricky.firstName.ascii + "." + tricky.surname.ascii + "@" + domain
        if person.correspondenceType.isEmpty {
            person.correspondenceType = "email"
        }
    }

    // MARK: - Names

    /// Gives `person` a name and salutation; returns the given name and surname, for the e-mail address.
    private func setName(
        of person: inout DemoContact, names: DemoNamePool, _ random: inout DemoRandom
    ) -> (firstName: DemoWord, surname: DemoWord) {
        let roll = random.below(100)
        let gender: Gender = !names.unisex.isEmpty && roll < 5 ? .either : roll < 53 ? .female : .male
        let givenNames =
            switch gender {
            case .male: names.male
            case .female: names.female
            case .either: names.unisex
            }
        let firstName = random.pick(givenNames) ?? DemoWord("Alex")
        person.firstName = firstName.text
        if random.chance(names.middleNamePercent) {
            let middleNames = names.middleNames.isEmpty ? givenNames : names.middleNames
            let middleName = random.pick(middleNames.filter { $0.text != firstName.text })
            person.middleName = middleName?.text ?? ""
        }
        let surname = random.pick(names.surnames) ?? DemoWord("Smith")
        person.surname = surname.text
        person.name = fullName(person)
        person.salutationCode =
            switch gender {
            case .male: "M"
            case .female: "F"
            case .either: "UNISEX"
            }
        // INITIALS shows off the {Initials} placeholder, which only says more than {FirstName} with a middle name.
        if !person.middleName.isEmpty, random.chance(15) {
            person.salutationCode = "INITIALS"
        }
        return (firstName, surname)
    }

    /// BC's rule for a person's name: the non-empty parts, separated by single spaces.
    private func fullName(_ person: DemoContact) -> String {
        [person.firstName, person.middleName, person.surname].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `anna.jensen@`, `a.jensen@` or `anna@` the domain, as companies write them.
    private func emailAddress(
        _ name: (firstName: DemoWord, surname: DemoWord), domain: String, _ random: inout DemoRandom
    ) -> String {
        let first = name.firstName.ascii
        let roll = random.below(100)
        let local =
            roll < 70
            ? first + "." + name.surname.ascii
            : roll < 90 ? String(first.prefix(1)) + "." + name.surname.ascii : first
        return local + "@" + domain
    }

    /// The responsibilities of the title, and now and then one more.
    private func responsibilities(_ fromTitle: [String], _ random: inout DemoRandom) -> [String] {
        var codes = fromTitle
        if random.chance(10), let extra = random.pick(DemoCatalog.jobResponsibilities), !codes.contains(extra.code) {
            codes.append(extra.code)
        }
        return codes
    }
}
