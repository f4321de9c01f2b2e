import RapportCore
import Testing

@testable import RapportServer
@testable import RapportStorage

/// A first import into empty contact tables sets their indexes (and on PostgreSQL their foreign keys) aside and
/// makes them again from literal SQL at the end of its transaction: afterwards, and after an import that fails
/// at any point, the schema is exactly what the migrations made, constraint by constraint and index by index.
@Suite("Contacts import schema")
struct ContactImportSchemaTests {
    static let tables = ContactTablesPostgresSchema.all.map(\.table)

    /// Every constraint, index and (not internal) trigger of the contact tables, with its definition.
    static func schema(_ services: RapportServices) async throws -> [String] {
        try await services.store.read { connection in
            switch connection.dialect {
            case .sqlite:
                try connection.query(
                    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name LIKE 'contact%' ORDER BY type, name", []
                ).map { "\($0.text("type")) \($0.text("name")): \($0["sql"].textValue ?? "")" }
            case .postgres:
                try connection.query(
                    """
                    SELECT 'constraint ' || t.relname || '.' || con.conname || ': ' || pg_get_constraintdef(con.oid)
                      AS line
                    FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
                    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'contact%'
                    UNION ALL
                    SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes
                    WHERE schemaname = current_schema() AND tablename LIKE 'contact%'
                    UNION ALL
                    SELECT 'trigger ' || tg.tgname || ': ' || pg_get_triggerdef(tg.oid)
                    FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
                    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'contact%'
                      AND NOT tg.tgisinternal
                    ORDER BY 1
                    """, []
                ).map { $0.text("line") }
            }
        }
    }

    /// The contact tables PostgreSQL's statistics show vacuumed by hand, and analyzed by hand with it or after it,
    /// as the import's own ANALYZE inside its transaction is not (none on SQLite).
    static func vacuumed(_ services: RapportServices) async throws -> [String] {
        guard services.store.dialect == .postgres else { return [] }
        return try await services.store.read { connection in
            try connection.query(
                """
                SELECT relname FROM pg_stat_user_tables
                WHERE schemaname = current_schema() AND relname LIKE 'contact%' AND vacuum_count > 0
                  AND last_analyze >= last_vacuum
                ORDER BY relname
                """, []
            ).map { $0.text("relname") }
        }
    }

    /// The web's import job settles a first load only once its result is recorded: the job reads finished with its
    /// report, then (on PostgreSQL) every contact table is vacuumed.
    @Test func aFirstImportJobSettlesItsTablesOnceItsResultIsRecorded() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            var browser = try await signedIn(api, role: "marketer")
            let csv = "no,type,city,mailingGroups\nC1,company,Leeds,NEWS\nC2,company,York,\n"
            let done = try await WebPagesTests.runJob(
                &browser,
                try await browser.upload(
                    "/contacts/import", field: "file", fileName: "first.csv", bytes: Array(csv.utf8)))
            #expect(done.status == 200)
            #expect(done.text(id: "job-result")?.hasPrefix("2 contacts created, 0 updated.") == true)
            await services.jobRunner.followUpsFinished()
            #expect(
                try await Self.vacuumed(services) == (services.store.dialect == .postgres ? Self.tables.sorted() : []))
            let id = String(done.path.dropFirst("/jobs/".count))
            let job = try await services.backgroundJobs.job(id, userId: "MARY")
            #expect(job?.state == .succeeded)
            #expect(job?.result == "2 contacts created, 0 updated.")
        }
    }

    @Test func aFirstImportLeavesTheSchemaExactlyAsTheMigrationsMadeIt() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let before = try await Self.schema(services)
            if services.store.database.dialect == .postgres {
                // The literal list names what the migrations made, so the first load below sets all of it aside.
                let names = try await services.store.read { connection in
                    try DeferrableSchema.catalogueNames(of: Self.tables, connection)
                }
                #expect(names == Set(ContactTablesPostgresSchema.all.flatMap(\.names)))
                #expect(before.filter { $0.contains("FOREIGN KEY") }.count == 15)
            }
            #expect(before.filter { $0.hasPrefix("index contact_city") }.count == 1)

            let refused = try await importCSV(api, "no,type,salespersonCode\nC1,company,JO\nC2,company,XX\n")
            #expect(refused.status == 422, "\(refused.text)")
            #expect(try await Self.schema(services) == before)

            let csv = """
                no,type,companyNo,salespersonCode,languageCode,territoryCode,salutationCode,city,excludeFromSegment,\
                mailingGroups,industryGroups,businessRelations,jobResponsibilities,profileAnswers
                P1,person,C1,JO,ENU,NORTH,M,York,true,NEWS;PROMO,,,IT,SIZE:20000
                C1,company,,RB,,,,Leeds,false,NEWS,RETAIL,CUST,,

                """
            let loaded = try await importCSV(api, csv)
            #expect(loaded.status == 200, "\(loaded.text)")
            #expect(loaded.json["created"]?.number == 2)
            #expect(try await Self.schema(services) == before)
            // Once answered, the first load's tables were vacuumed on PostgreSQL (`ContactImporter.settle`), not left
            // to the first reads and autovacuum.
            await services.jobRunner.followUpsFinished()
            #expect(
                try await Self.vacuumed(services) == (services.store.dialect == .postgres ? Self.tables.sorted() : []))
            let person = try await api.get("/api/v1/contacts/P1")
            #expect(person.json["companyNo"]?.string == "C1")
            #expect(person.json["mailingGroups"] == .array([.string("NEWS"), .string("PROMO")]))
            #expect(person.json["jobResponsibilities"] == .array([.string("IT")]))
            #expect(person.json["profileAnswers"]?.array?.count == 1)
            #expect(person.json["excludeFromSegment"]?.bool == true)
            #expect(person.json["salespersonCode"]?.string == "JO")

            // The keys were made again, with their actions: deleting a contact still deletes its relations.
            #expect(try await api.delete("/api/v1/contacts/P1").status == 204)
            let left = try await services.store.read { connection in
                try connection.scalar("SELECT COUNT(*) FROM contact_mailing_group")?.intValue
            }
            #expect(left == 1)

            let again = try await importCSV(api, "no,type,city\nC1,company,Hull\nC2,company,Ripon\n")
            #expect(again.json["created"]?.number == 1)
            #expect(again.json["updated"]?.number == 1)
            #expect(try await Self.schema(services) == before)
        }
    }

    /// What happens when an import fails after setting the schema aside: the transaction takes everything back.
    @Test func aWriteThatFailsAfterSettingTheSchemaAsideLeavesItAsItWas() async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let before = try await Self.schema(services)
            let stop = RapportError(.conflict, "Stopped on purpose.")
            await #expect(throws: stop) {
                try await services.store.write("set aside, then fail") { connection in
                    let deferred = try DeferredSchema(
                        connection, emptyTablesOf: Self.tables, postgres: ContactTablesPostgresSchema.all)
                    #expect(deferred.emptyTables == Set(Self.tables))
                    // Every index on both; on PostgreSQL the relation tables' primary keys (five), every foreign key
                    // too (a statement per table), and ANALYZE.
                    #expect(deferred.statements.count == (connection.dialect == .postgres ? 30 : 18))
                    try connection.execute("INSERT INTO contact (no, type, company_no) VALUES ('C1', 'company', 'C1')")
                    throw stop
                }
            }
            #expect(try await Self.schema(services) == before)
            #expect(try await api.get("/api/v1/contacts/C1").status == 404)
        }
    }

    /// Runs `statements` between setting the contact tables' schema aside and making it again, expecting the write
    /// refused with `kind` (on SQLite, which keeps its keys, by the statement; on PostgreSQL when the keys are made
    /// again) and the schema and the contacts left as they were.
    func expectRefusedBetweenSetAsideAndRestore(_ statements: [String], _ kind: ErrorKind) async throws {
        try await withAPI { api, services in
            try await seedContactMasterData(api)
            let before = try await Self.schema(services)
            do {
                _ = try await services.store.write("set aside, break, restore") { connection in
                    let deferred = try DeferredSchema(
                        connection, emptyTablesOf: Self.tables, postgres: ContactTablesPostgresSchema.all)
                    for statement in statements { try connection.execute(statement) }
                    try deferred.restore()
                }
                Issue.record("The write went through")
            } catch let error as RapportError {
                #expect(error.kind == kind, "\(error)")
            }
            #expect(try await Self.schema(services) == before)
            #expect(try await api.get("/api/v1/contacts/C1").status == 404)
        }
    }

    /// A row that breaks a foreign key set aside is refused when the key is made again, and the whole write with it.
    @Test func aRowBreakingAKeySetAsideIsRefusedWhenTheKeyIsMadeAgain() async throws {
        try await expectRefusedBetweenSetAsideAndRestore(
            ["INSERT INTO contact (no, type, company_no, salesperson_code) VALUES ('C1', 'company', 'C1', 'NOPE')"],
            .conflict)
    }

    /// A relation row repeated (which the parser and the checks never let an import write) is refused when the
    /// primary key set aside is made again on PostgreSQL, or at once on SQLite, which keeps its keys.
    @Test func aRepeatedRelationRowIsRefusedWhenThePrimaryKeyIsMadeAgain() async throws {
        try await expectRefusedBetweenSetAsideAndRestore(
            [
                "INSERT INTO contact (no, type, company_no) VALUES ('C1', 'company', 'C1')",
                "INSERT INTO contact_mailing_group (contact_no, code) VALUES ('C1', 'NEWS'), ('C1', 'NEWS')",
            ], .alreadyExists)
    }
}
