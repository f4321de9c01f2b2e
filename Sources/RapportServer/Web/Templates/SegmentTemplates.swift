/// The segments list and the line page.
enum SegmentTemplates {
    static let segments = """
        <h1>Segments</h1>
        {{#canWrite}}<h2>New segment</h2>
        <form method="post" action="/segments" class="fields" aria-label="New segment">
        {{>csrf}}{{#create}}{{>field}}{{/create}}
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Create segment</button></div>
        </form>
        {{#createError}}<p class="error" role="alert">{{createError}}</p>{{/createError}}{{/canWrite}}
        <h2>Find segments</h2>
        {{>filter-form}}
        <div class="scroll"><table id="segments"><caption>{{count}} segments shown</caption>
        <thead><tr><th scope="col">No.</th><th scope="col">Description</th><th scope="col">Lines</th><th scope="col">Template</th><th scope="col" class="wide">Salesperson</th><th scope="col" class="wide">Date</th></tr></thead>
        <tbody>{{#items}}<tr><td><a href="/segments/{{no}}">{{no}}</a></td><td>{{description}}</td><td>{{noOfLines}}</td><td>{{interactionTemplateCode}}</td><td class="wide">{{salespersonCode}}</td><td class="wide">{{date}}</td></tr>{{/items}}</tbody>
        </table></div>
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        """

    static let line = """
        <h1>Line {{line.lineNo}}: {{line.contactName}}</h1>
        <p><a href="{{segmentPath}}">Back to segment {{segmentNo}}</a> · contact <a href="/contacts/{{line.contactNo}}">{{line.contactNo}}</a>{{#line.contactCompanyName}} at {{line.contactCompanyName}}{{/line.contactCompanyName}}</p>
        <h2>Overrides</h2>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{segmentPath}}/lines/{{line.lineNo}}" aria-label="Line overrides">
        {{>csrf}}<input type="hidden" name="from" value="line">
        <div class="fields">{{#fields}}{{>field}}{{/fields}}</div>
        {{#canWrite}}<p><button type="submit">Save line</button></p>{{/canWrite}}
        </form>
        <h2>Letter</h2>
        <p id="line-document">Document: {{#unique}}personalised for this line{{/unique}}{{^unique}}{{line.document}}{{^line.document}}none{{/line.document}}{{/unique}}.
        {{#line.document}}<a href="{{apiPath}}/document">Download the merged letter (.docx)</a>{{/line.document}}</p>
        {{#canWrite}}
        <form method="post" action="{{segmentPath}}/lines/{{line.lineNo}}/document" enctype="multipart/form-data" aria-label="Personalise">
        {{>csrf}}
        <div class="field"><label for="line-file">Personalised Word document for this contact</label>
        <input id="line-file" name="document" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"{{#documentError}} aria-invalid="true" aria-describedby="line-file-error"{{/documentError}}>
        {{#documentError}}<span class="error" id="line-file-error">{{documentError}}</span>{{/documentError}}</div>
        <p><button type="submit">Personalise</button></p></form>
        {{#unique}}<form method="post" action="{{segmentPath}}/lines/{{line.lineNo}}/document/delete">{{>csrf}}<button type="submit">Use the segment's document again</button></form>{{/unique}}
        <h2>Remove</h2>
        <form method="post" action="{{segmentPath}}/lines/{{line.lineNo}}/delete">{{>csrf}}<button type="submit">Remove this line from the segment</button></form>
        {{/canWrite}}
        """

    static let all: [(String, String)] = [("segments", segments), ("line", line)]
}
