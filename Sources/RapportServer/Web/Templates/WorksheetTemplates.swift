/// The segment worksheet.
enum WorksheetTemplates {
    static let worksheet = """
        <h1>Segment {{header.no}}{{#header.description}}: {{header.description}}{{/header.description}}</h1>
        <p id="totals">{{header.noOfLines}} lines · {{header.noOfCriteriaActions}} criteria actions · cost {{header.costTotal}} · duration {{header.durationTotal}}{{#header.interactionGroupCode}} · interaction group {{header.interactionGroupCode}}{{/header.interactionGroupCode}}</p>
        <nav aria-label="Worksheet sections" class="actions"><a href="#header">Header</a> <a href="#contacts">Contacts</a> <a href="#criteria-section">Criteria</a> <a href="#documents">Documents</a> <a href="#lines-section">Lines</a> <a href="#log">Log</a></nav>

        <h2 id="header">Header</h2>
        {{#headerError}}<p class="error" role="alert">{{headerError}}</p>{{/headerError}}
        <form method="post" action="{{path}}/header" aria-label="Segment header">
        {{>csrf}}
        <fieldset><legend>General</legend><div class="fields">{{#general}}{{>field}}{{/general}}</div></fieldset>
        <fieldset><legend>Interaction</legend><div class="fields">{{#interaction}}{{>field}}{{/interaction}}</div></fieldset>
        <fieldset><legend>Campaign</legend><div class="fields">{{#campaign}}{{>field}}{{/campaign}}</div></fieldset>
        {{#canWrite}}<div class="actions"><input type="hidden" name="updateLines" value="false"><input type="checkbox" id="updateLines" name="updateLines" value="true" checked><label for="updateLines">Also change the lines</label>
        <button type="submit">Save header</button></div>{{/canWrite}}
        </form>

        {{#canWrite}}
        <h2 id="contacts">Add, reduce or refine contacts</h2>
        <form method="post" action="{{path}}/contacts" id="select-contacts" data-preview="{{apiPath}}/preview-contacts" aria-label="Contact filters">
        {{>csrf}}
        <p>Each field takes a filter: <code>Leeds|York</code>, <code>A*</code>, <code>&lt;&gt;JO</code>, <code>2026-01-01..2026-03-31</code>. Open a table to filter on it.</p>
        {{#tabs}}<details{{#open}} open{{/open}}><summary>{{caption}}</summary><div class="fields">{{#fields}}{{>field}}{{/fields}}</div></details>{{/tabs}}
        <fieldset><legend>Options</legend><div class="fields">
        {{#options}}<div class="field check"><input type="checkbox" id="opt-{{name}}" name="{{name}}" value="true"{{#checked}} checked{{/checked}}{{^entire}} data-add-option{{/entire}}><label for="opt-{{name}}">{{label}} <span class="hint">({{scope}})</span></label></div>{{/options}}
        </div></fieldset>
        {{#actionError}}<p class="error" role="alert" id="action-error">{{actionError}}</p>{{/actionError}}
        <p id="live-count" role="status" aria-live="polite"></p>
        <div class="actions">
        <button type="submit" name="action" value="preview" data-progress="Counting contacts…">Preview</button>
        <button type="submit" name="action" value="add" data-progress="Adding contacts…">Add contacts</button>
        <button type="submit" name="action" value="reduce" data-progress="Reducing the segment…">Reduce</button>
        <button type="submit" name="action" value="refine" data-progress="Refining the segment…">Refine</button>
        </div>
        </form>
        {{#preview}}<p class="notice" role="status" id="preview">{{preview}}</p>{{/preview}}
        {{/canWrite}}

        <h2 id="criteria-section">Criteria</h2>
        {{^criteria}}<p>No criteria actions yet.</p>{{/criteria}}
        <ol id="criteria">{{#criteria}}<li>{{text}}</li>{{/criteria}}</ol>
        {{#canWrite}}
        <div class="actions"><form method="post" action="{{path}}/go-back">{{>csrf}}<button type="submit">Go back (undo the last action)</button></form></div>
        {{#criteriaError}}<p class="error" role="alert">{{criteriaError}}</p>{{/criteriaError}}
        <form method="post" action="{{path}}/save-criteria" class="fields" aria-label="Save criteria">
        {{>csrf}}{{#save}}{{>field}}{{/save}}
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Save criteria</button></div>
        </form>
        {{#reuseError}}<p class="error" role="alert" id="reuse-error">{{reuseError}}</p>{{/reuseError}}
        {{#hasSaved}}<form method="post" action="{{path}}/reuse-criteria" class="fields" aria-label="Reuse criteria" data-progress="Reusing the criteria…">
        {{>csrf}}
        <div class="field"><label for="reuse-code">Saved criteria</label><select id="reuse-code" name="code">{{#saved}}<option value="{{code}}">{{code}} – {{description}} ({{noOfActions}} actions)</option>{{/saved}}</select></div>
        <div class="field check" role="group" aria-label="Reuse criteria option"><input type="checkbox" id="reuse-confirm" name="confirm" value="true"><label for="reuse-confirm">Add to the existing criteria</label></div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Reuse criteria</button></div>
        </form>{{/hasSaved}}
        {{^hasSaved}}<p>No saved criteria yet: save these to reuse them on another segment.</p>{{/hasSaved}}
        {{#hasLogged}}<form method="post" action="{{path}}/reuse-logged-segment" class="fields" aria-label="Reuse logged segment" data-progress="Adding the logged segment's contacts…">
        {{>csrf}}
        <div class="field"><label for="reuse-logged">Logged segment</label><select id="reuse-logged" name="loggedSegmentEntryNo">{{#logged}}<option value="{{entryNo}}">{{entryNo}} – segment {{segmentNo}} {{description}}</option>{{/logged}}</select></div>
        <div class="field check" role="group" aria-label="Reuse logged segment option"><input type="checkbox" id="reuse-logged-confirm" name="confirm" value="true"><label for="reuse-logged-confirm">Add to the existing criteria</label></div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Reuse logged segment</button></div>
        </form>{{/hasLogged}}
        {{/canWrite}}

        <h2 id="documents">Documents</h2>
        <p id="segment-document">{{#hasDocument}}This segment has its own Word document. <a href="{{apiPath}}/document">Download it</a>.{{/hasDocument}}{{^hasDocument}}The lines use the template's documents.{{/hasDocument}}
        <a href="{{apiPath}}/documents">Download all merged letters (ZIP)</a> · <a href="{{apiPath}}/contacts.csv">Export the segment's contacts (CSV)</a></p>
        {{#canWrite}}
        <form method="post" action="{{path}}/document" enctype="multipart/form-data" class="fields" aria-label="Segment document">
        {{>csrf}}
        <div class="field"><label for="segment-file">Word document for this segment (.docx)</label>
        <input id="segment-file" name="document" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"{{#documentError}} aria-invalid="true" aria-describedby="segment-file-error"{{/documentError}}>
        {{#documentError}}<span class="error" id="segment-file-error">{{documentError}}</span>{{/documentError}}</div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Upload document</button></div>
        </form>
        {{#hasDocument}}<form method="post" action="{{path}}/document/delete">{{>csrf}}<button type="submit">Remove the segment's document</button></form>{{/hasDocument}}
        {{/canWrite}}

        <h2 id="lines-section">Lines</h2>
        {{#canWrite}}<form method="post" action="{{path}}/lines" class="fields" aria-label="Add a line">
        {{>csrf}}<div class="field"><label for="add-contact">Contact no.</label><input id="add-contact" name="contactNo" value="{{addLineValue}}"{{#addLineError}} aria-invalid="true" aria-describedby="add-contact-error"{{/addLineError}}>
        {{#addLineError}}<span class="error" id="add-contact-error">{{addLineError}}</span>{{/addLineError}}</div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Add line</button></div></form>{{/canWrite}}
        <div class="scroll"><table id="lines"><caption>{{linesShown}} of {{header.noOfLines}} lines shown</caption>
        <thead><tr><th scope="col">Line</th><th scope="col">Contact</th><th scope="col">Company</th><th scope="col">Correspondence</th><th scope="col">Language</th><th scope="col">Subject</th><th scope="col" class="wide">Document</th><th scope="col" class="wide">Added by</th><th scope="col">Actions</th></tr></thead>
        <tbody>{{#lines}}<tr id="line-{{lineNo}}"><td><a href="{{path}}/lines/{{lineNo}}">{{lineNo}}</a></td><td><a href="/contacts/{{contactNo}}">{{contactNo}}</a> {{contactName}}</td><td>{{contactCompanyName}}</td>
        {{#cells}}<td>{{>field}}</td>{{/cells}}
        <td class="wide">{{document}}{{#document}} · <a href="{{apiPath}}/lines/{{lineNo}}/document">letter</a>{{/document}}</td><td class="wide">{{#addedByActionNo}}action {{addedByActionNo}}{{/addedByActionNo}}</td>
        <td>{{#canWrite}}<form method="post" action="{{path}}/lines/{{lineNo}}" id="line-{{lineNo}}-form">{{>csrf}}<button type="submit" aria-label="Save line {{lineNo}}">Save</button></form>{{/canWrite}}{{#error}}<span class="error">{{error}}</span>{{/error}}</td></tr>{{/lines}}</tbody>
        </table></div>
        {{#nextLines}}<p><a href="{{nextLines}}">Next lines</a></p>{{/nextLines}}

        <h2 id="log">Log</h2>
        <form method="get" action="{{path}}#log" class="actions" aria-label="Log check">
        <input type="hidden" name="check" value="true">
        <input type="checkbox" id="check-send" name="forSending" value="true"><label for="check-send">Check for sending</label>
        <button type="submit">Check</button></form>
        {{#logError}}<p class="error" role="alert" id="log-error">{{logError}}</p>{{/logError}}
        {{#checked}}{{#checkOK}}<p class="notice" role="status" id="check-ok">The segment can be logged.</p>{{/checkOK}}
        {{#hasProblems}}<h3>Problems</h3><ul id="problems">{{#problems}}<li>{{#line}}<a href="{{path}}/lines/{{lineNo}}">Line {{lineNo}}</a> ({{contactNo}}){{/line}}{{^line}}The segment{{/line}}{{#field}}, {{field}}{{/field}}: {{message}}</li>{{/problems}}</ul>{{/hasProblems}}
        {{#hasWarnings}}<h3>Warnings</h3><ul id="warnings" class="warning">{{#warnings}}<li>{{#line}}<a href="{{path}}/lines/{{lineNo}}">Line {{lineNo}}</a>: {{/line}}{{message}}</li>{{/warnings}}</ul>{{/hasWarnings}}{{/checked}}
        {{#canWrite}}<form method="post" action="{{path}}/log" class="actions" data-progress="Logging the segment…" aria-label="Log">
        {{>csrf}}
        <input type="checkbox" id="log-send" name="send" value="true"><label for="log-send">Send (deliver letters and e-mails)</label>
        <input type="checkbox" id="log-follow-up" name="createFollowUpSegment" value="true"><label for="log-follow-up">Create follow-up segment</label>
        <button type="submit">Log</button></form>{{/canWrite}}
        <form method="post" action="{{path}}/delete" class="actions">{{>csrf}}{{#canWrite}}<button type="submit">Delete this segment</button>{{/canWrite}}</form>
        """

    static let all: [(String, String)] = [("worksheet", worksheet)]
}
