extension PostgresMigrations {
    /// Salesperson and territory filters narrow the contacts, then a company's relations (industry group,
    /// business relation) or the contact's own (mailing group) narrow them further. With the company and the
    /// contact number in the code's index, both steps read the index alone: a company condition seeks
    /// (code, company) pairs, and the contact's relations are probed without reading the contact row.
    static let contactFilterIndexes = Migration(
        name: "0018-contact-filter-indexes",
        sql: #"""
            -- statement
            DROP INDEX contact_salesperson;
            -- statement
            CREATE INDEX contact_salesperson ON contact (salesperson_code, company_no, no);
            -- statement
            DROP INDEX contact_territory;
            -- statement
            CREATE INDEX contact_territory ON contact (territory_code, company_no, no);
            """#)
}
