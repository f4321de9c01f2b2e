/// The contact pages.
enum ContactTemplates {
    /// A filter form of a list page (the `filters` of `WebList`).
    static let filterForm = """
        <form method="get" role="search" class="fields" aria-label="Filters">
        {{#filters}}{{>field}}{{/filters}}
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Filter</button></div>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        """

    static let contacts = """
        <h1>Contacts</h1>
        <p class="actions">{{#canWrite}}<a href="/contacts/import">Import contacts from CSV</a>{{/canWrite}}
        <a href="/api/v1/contacts/export?{{filterQuery}}">Export these contacts (CSV)</a></p>
        {{>filter-form}}
        <div class="scroll"><table id="contacts"><caption>{{count}} contacts shown{{#next}}, more on the next page{{/next}}</caption>
        <thead><tr><th scope="col">No.</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Company</th><th scope="col">City</th><th scope="col" class="wide">Salesperson</th><th scope="col" class="wide">E-mail</th></tr></thead>
        <tbody>{{#items}}<tr><td><a href="/contacts/{{no}}">{{no}}</a></td><td>{{name}}</td><td>{{type}}</td><td>{{companyName}}</td><td>{{city}}</td><td class="wide">{{salespersonCode}}</td><td class="wide">{{email}}</td></tr>{{/items}}</tbody>
        </table></div>
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        """

    static let contact = """
        <h1>{{contact.name}}</h1>
        <p>Contact {{contact.no}} · {{contact.type}}{{#contact.companyNo}} · company <a href="/contacts/{{contact.companyNo}}">{{contact.companyName}}</a>{{/contact.companyNo}}</p>
        <h2>Card</h2>
        <dl class="card">{{#fields}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/fields}}</dl>
        <h2>Relations</h2>
        <dl class="card" id="relations">{{#relations}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/relations}}</dl>
        <h3>Profile answers</h3>
        {{^answers}}<p>No profile answers.</p>{{/answers}}
        {{#hasAnswers}}<ul>{{#answers}}<li>Questionnaire {{questionnaireCode}}, answer line {{lineNo}}</li>{{/answers}}</ul>{{/hasAnswers}}
        {{#hasPersons}}<h2>Persons</h2><ul>{{#persons}}<li><a href="/contacts/{{no}}">{{name}}</a> {{jobTitle}}</li>{{/persons}}</ul>{{/hasPersons}}
        <h2>Interaction history</h2>
        <div class="scroll"><table id="history"><caption>Interactions with this contact, newest first{{#historyMore}} (the first 200){{/historyMore}}</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col">Template</th><th scope="col">Segment</th><th scope="col">Delivery</th><th scope="col">Canceled</th></tr></thead>
        <tbody>{{#history}}<tr><td>{{entryNo}}</td><td>{{date}}</td><td>{{description}}</td><td>{{interactionTemplateCode}}</td><td>{{#loggedSegmentEntryNo}}<a href="/logged-segments/{{loggedSegmentEntryNo}}">{{segmentNo}}</a>{{/loggedSegmentEntryNo}}</td><td class="status-{{deliveryStatus}}">{{deliveryStatus}}</td><td>{{#canceled}}yes{{/canceled}}</td></tr>{{/history}}</tbody>
        </table></div>
        {{^hasHistory}}<p>No interactions with this contact yet.</p>{{/hasHistory}}
        <p><a href="{{historyLink}}">All interaction log entries of this contact</a></p>
        """

    static let contactImport = """
        <h1>Import contacts</h1>
        <p>A CSV file in the export format (the header row names the fields; <a href="/api/v1/contacts/export">export</a> gives one).
        Existing contacts are updated, new ones created. If any row is wrong, nothing is imported and every problem is listed by row.</p>
        <form method="post" action="/contacts/import" enctype="multipart/form-data" data-progress="Uploading the file…">
        {{>csrf}}
        <div class="field"><label for="file">CSV file</label><input id="file" name="file" type="file" accept=".csv,text/csv"{{#error}} aria-invalid="true" aria-describedby="file-error"{{/error}}>
        {{#error}}<span class="error" id="file-error">{{error}}</span>{{/error}}</div>
        <p><button type="submit">Import</button></p>
        </form>
        """

    static let job = """
        <h1>{{title}}</h1>
        {{#running}}<p role="status" id="job-status"><progress aria-label="Progress"></progress> {{status}} ({{seconds}} s)</p>
        <p>This page refreshes itself every second; you may leave it and come back. <a href="">Refresh now</a></p>
        <script>setTimeout(function () { location.reload(); }, 1000);</script>{{/running}}
        {{^running}}
        {{#result}}<p class="notice" role="status" id="job-result">{{result}} ({{seconds}} s)</p>{{/result}}
        {{#error}}<p class="error" role="alert" id="job-error">{{error}}</p>{{/error}}
        {{#hasProblems}}<div class="scroll"><table id="problems"><caption>Problems by row</caption>
        <thead><tr><th scope="col">Row</th><th scope="col">Field</th><th scope="col">Problem</th></tr></thead>
        <tbody>{{#problems}}<tr><td>{{row}}</td><td>{{field}}</td><td>{{message}}</td></tr>{{/problems}}</tbody></table></div>{{/hasProblems}}
        <p><a href="{{next.path}}">{{next.label}}</a></p>
        {{/running}}
        """

    static let all: [(String, String)] = [
        ("filter-form", filterForm), ("contacts", contacts), ("contact", contact), ("contact-import", contactImport),
        ("job", job),
    ]
}
