import Foundation
import Testing

@testable import RapportDocuments

/// Every Word-made fixture in `../shared/fixtures/word`: compiled, merged with its own field names, read back.
/// They run when that folder is beside this clone (as in CI); the generated fixtures cover the same shapes
/// from a clone alone (`GeneratedFixtureTests`).
@Suite("Word-made fixtures", .enabled(if: TestSupport.sharedFixturesFolder != nil, TestSupport.noSharedFixtures))
struct FixtureTests {
    /// The field names of each fixture, in document order (fixtures README), and the parts holding them when not
    /// only the body.
    static let expectedNames: [String: [String]] = [
        "annaswims_case_switches.docx": ["ENTITY_LEGAL_NAME"],
        "aspose_addressblock_greetingline.docx": ["ContactMailAddress", "FormalSalutation"],
        "aspose_fax.docx": [
            "SenderName", "RecipientName", "FaxNumber", "PhoneNumber", "Subject", "Urgent", "ForReview",
            "PleaseComment", "Body",
        ],
        "aspose_footer_xpath_names.docx": [
            "date1://object/sys_releaseDate", "//object/custArchivedDate/objectRef", "//object/symbol",
            "//object/custArchivedLocation/objectRef",
        ],
        "aspose_mergefield_b_switch.docx": ["htmlField1"],
        "aspose_nested_if_fields.docx": ["NetIncome"],
        "aspose_odso_data.docx": ["Nickname", "Last"],
        "aspose_orders_date_number_formats.docx": [
            "TableStart:Orders", "ShipName", "ShipAddress", "ShipCity", "ShipPostalCode", "ShipCountry",
            "Customers_CompanyName", "Address", "City", "PostalCode", "Country", "OrderID", "CustomerID",
            "SalesPerson", "OrderDate", "RequiredDate", "ShippedDate", "Shippers_CompanyName", "TableEnd:Orders",
            "TableStart:OrderDetails", "ProductID", "ProductName", "Quantity", "UnitPrice", "Discount",
            "ExtendedPrice", "TableEnd:OrderDetails",
        ],
        "docxmm_test_empty_field.docx": [],
        "docxmm_test_footnote_header_footer.docx": [
            "fieldname", "footereven", "footerfield", "footerfirst", "headereven", "headerfield", "headerfirst",
        ],
        "docxmm_test_input_duplicate_id.docx": ["field"],
        "docxmm_test_issue8.docx": ["testfield"],
        "docxmm_test_keep_fields.docx": ["first", "second", "three_simple", "four_simple"],
        "docxmm_test_macword2011.docx": [
            "first_name", "last_name", "address_line", "postal_code", "city", "state", "country", "date",
        ],
        "docxmm_test_merge_multiple_table_rows.docx": [
            "student_name", "study_name", "class_code", "class_name", "class_grade", "thesis_grade",
        ],
        "docxmm_test_merge_pages_paged.docx": ["fieldname"],
        "docxmm_test_merge_table_multipart.docx": [
            "student_name", "study_name", "class_code", "class_name", "class_grade", "thesis_grade",
        ],
        "docxmm_test_merge_table_rows.docx": [
            "student_name", "study_name", "class_code", "class_name", "class_grade", "thesis_grade",
        ],
        "docxmm_test_multiple_elements.docx": ["foo", "bar", "gak"],
        "docxmm_test_nested_if_inside.docx": ["fieldname"],
        "docxmm_test_nested_if_outside.docx": ["fieldname"],
        "docxmm_test_next_record.docx": ["field"],
        "docxmm_test_one_simple_field.docx": ["fieldname"],
        "docxmm_test_spaces.docx": ["Singleword", "Hello world", "More than one space"],
        "docxmm_test_winword2010.docx": [
            "Titel", "Voornaam", "Achternaam", "Adresregel_1", "Postcode", "Plaats", "Provincie", "Land_of_regio",
        ],
    ]

    static let partOf: [String: [String: [String]]] = [
        "docxmm_test_footnote_header_footer.docx": [
            "fieldname": ["word/document.xml", "word/footnotes.xml"],
            "footereven": ["word/footer1.xml"], "footerfield": ["word/footer2.xml"],
            "footerfirst": ["word/footer3.xml"], "headereven": ["word/header1.xml"],
            "headerfield": ["word/header2.xml"], "headerfirst": ["word/header3.xml"],
        ],
        "aspose_footer_xpath_names.docx": [
            "date1://object/sys_releaseDate": ["word/footer2.xml"],
            "//object/custArchivedDate/objectRef": ["word/footer2.xml"],
            "//object/symbol": ["word/footer2.xml"], "//object/custArchivedLocation/objectRef": ["word/footer2.xml"],
        ],
    ]

    @Test("the fixtures folder holds the 25 fixtures listed here")
    func fixtureListIsComplete() throws {
        let folder = try #require(TestSupport.sharedFixturesFolder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".docx") }
        #expect(Set(files) == Set(Self.expectedNames.keys))
    }

    @Test("compile, merge and read back", arguments: expectedNames.keys.sorted())
    func mergeFixture(_ file: String) throws {
        try FixtureChecks.mergeAndReadBack(
            file, docx: try TestSupport.fixture(file), names: try #require(Self.expectedNames[file]),
            partsOf: Self.partOf[file] ?? [:])
    }

    @Test("a field missing from the map stays visible as «Name»", arguments: expectedNames.keys.sorted())
    func unknownField(_ file: String) throws {
        try FixtureChecks.unknownFieldShows(
            file, docx: try TestSupport.fixture(file), names: try #require(Self.expectedNames[file]))
    }

    @Test("fields that are not merge fields are left for Word")
    func otherFieldsStay() throws {
        let fax = try MergeTemplate(docx: try TestSupport.fixture("aspose_fax.docx")).merge([:])
        #expect(try TestSupport.part("word/document.xml", of: fax).contains(" TIME \\@ "))
        let footer = try MergeTemplate(docx: try TestSupport.fixture("aspose_footer_xpath_names.docx")).merge([:])
        let xml = try TestSupport.part("word/footer2.xml", of: footer)
        #expect(xml.contains(" PAGE ") && xml.contains(" NUMPAGES "))
        let empty = try MergeTemplate(docx: try TestSupport.fixture("docxmm_test_empty_field.docx")).merge([:])
        #expect(try TestSupport.part("word/document.xml", of: empty).contains("w:fldCharType=\"begin\""))
    }

    @Test("IF fixtures evaluate their conditions")
    func conditionFixtures() throws {
        let inside = try MergeTemplate(docx: try TestSupport.fixture("docxmm_test_nested_if_inside.docx"))
        let text = FixtureChecks.text
        #expect(try text(inside, ["fieldname": "one"]) == "- one -")
        #expect(try text(inside, ["fieldname": "two"]) == "two")
        #expect(try text(inside, ["fieldname": "three"]) == "more: three")
        let outside = try MergeTemplate(docx: try TestSupport.fixture("docxmm_test_nested_if_outside.docx"))
        #expect(try text(outside, ["fieldname": "X"]).hasPrefix("true"))
        #expect(try text(outside, ["fieldname": "X"]).hasSuffix("X"))
        let income = try MergeTemplate(docx: try TestSupport.fixture("aspose_nested_if_fields.docx"))
        #expect(try text(income, ["NetIncome": "1000"]) == " (surplus of 1000$)  ")
        #expect(try text(income, ["NetIncome": "-5"]) == " ")
        let cases = try MergeTemplate(docx: try TestSupport.fixture("annaswims_case_switches.docx"))
        let shown = try text(cases, ["entity_legal_name": "acme TRADING co"])
        for expected in ["Acme trading co", "ACME TRADING CO", "acme trading co", "Acme Trading Co"] {
            #expect(shown.contains(expected), "\(expected) missing from \(shown)")
        }
        let next = try MergeTemplate(docx: try TestSupport.fixture("docxmm_test_next_record.docx"))
        let labels = try TestSupport.part("word/document.xml", of: try next.merge(["field": "F"]))
        #expect(!labels.contains("NEXT") && TestSupport.visibleText(labels).filter { $0 == "F" }.count == 8)
    }
}
