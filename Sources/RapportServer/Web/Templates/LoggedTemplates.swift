/// Logged segments and interaction log entries.
enum LoggedTemplates {
    static let loggedSegments = """
        <h1>Logged segments</h1>
        {{>filter-form}}
        <div class="scroll"><table id="logged-segments"><caption>{{count}} logged segments shown</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">Segment</th><th scope="col">Description</th><th scope="col">Interactions</th><th scope="col">Date</th><th scope="col" class="wide">User</th><th scope="col">Deliveries</th><th scope="col">Canceled</th></tr></thead>
        <tbody>{{#items}}<tr><td><a href="/logged-segments/{{entryNo}}">{{entryNo}}</a></td><td>{{segmentNo}}</td><td>{{description}}</td><td>{{noOfInteractions}}</td><td>{{creationDate}}</td><td class="wide">{{userId}}</td>
        <td>{{deliveries.sent}} sent, {{deliveries.pending}} pending, <span class="{{#deliveries.error}}status-error{{/deliveries.error}}">{{deliveries.error}} failed</span></td><td>{{#canceled}}yes{{/canceled}}</td></tr>{{/items}}</tbody>
        </table></div>
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        {{#isAdmin}}<form method="post" action="/logged-segments/delete-canceled">{{>csrf}}<button type="submit">Delete canceled logged segments</button></form>{{/isAdmin}}
        """

    static let loggedSegment = """
        <h1>Logged segment {{logged.entryNo}}{{#logged.canceled}} (canceled){{/logged.canceled}}</h1>
        <p>Segment {{logged.segmentNo}} · {{logged.description}} · logged {{logged.creationDate}} by {{logged.userId}} · {{logged.noOfInteractions}} interactions · {{logged.noOfCampaignEntries}} campaign entries</p>
        <p id="deliveries" role="status">Deliveries: {{logged.deliveries.sent}} sent, {{logged.deliveries.pending}} pending, {{logged.deliveries.error}} failed.</p>
        <h2>Interaction</h2>
        <dl class="card">{{#interaction}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/interaction}}</dl>
        <h2>Actions</h2>
        <div class="actions">
        <a href="/api/v1/logged-segments/{{logged.entryNo}}/documents">Download the delivered documents (ZIP)</a>
        {{#canWrite}}
        <form method="post" action="{{path}}/follow-up">{{>csrf}}<input type="checkbox" id="copy-interaction" name="copyInteraction" value="true"><label for="copy-interaction">Copy the interaction</label> <button type="submit">Create follow-up segment</button></form>
        <form method="post" action="{{path}}/resend">{{>csrf}}<button type="submit">Resend failed deliveries</button></form>
        <form method="post" action="{{path}}/resend">{{>csrf}}<input type="hidden" name="all" value="true"><button type="submit">Resend all</button></form>
        <form method="post" action="{{path}}/cancel">{{>csrf}}{{#logged.canceled}}<input type="hidden" name="canceled" value="false"><button type="submit">Restore (un-cancel)</button>{{/logged.canceled}}{{^logged.canceled}}<button type="submit">Cancel this logged segment</button>{{/logged.canceled}}</form>
        {{/canWrite}}
        </div>
        <h2>Entries</h2>
        {{>filter-form}}
        {{>entry-table}}
        {{#next}}<p><a href="{{next}}">Next entries</a></p>{{/next}}
        """

    static let entryTable = """
        <div class="scroll"><table id="entries"><caption>{{count}} interaction log entries shown</caption>
        <thead><tr><th scope="col">Entry</th><th scope="col">Contact</th><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="wide">Template</th><th scope="col" class="wide">Correspondence</th><th scope="col">Delivery</th><th scope="col">Document</th><th scope="col">Canceled</th></tr></thead>
        <tbody>{{#items}}<tr id="entry-{{entryNo}}"><td>{{entryNo}}</td><td><a href="/contacts/{{contactNo}}">{{contactNo}}</a></td><td>{{date}}</td><td>{{description}}</td><td class="wide">{{interactionTemplateCode}}</td><td class="wide">{{correspondenceType}}</td>
        <td class="status-{{deliveryStatus}}">{{deliveryStatus}}</td>
        <td>{{#hasDocument}}<a href="/api/v1/interaction-log-entries/{{entryNo}}/document">.docx</a> · <a href="/api/v1/interaction-log-entries/{{entryNo}}/document?format=pdf">PDF</a>{{/hasDocument}}</td>
        <td>{{#canceled}}yes{{/canceled}}{{#canWrite}}<form method="post" action="/interaction-log-entries/{{entryNo}}/cancel">{{>csrf}}<input type="hidden" name="back" value="{{back}}">{{#canceled}}<input type="hidden" name="canceled" value="false"><button type="submit" aria-label="Restore entry {{entryNo}}">Restore</button>{{/canceled}}{{^canceled}}<button type="submit" aria-label="Cancel entry {{entryNo}}">Cancel</button>{{/canceled}}</form>{{/canWrite}}</td></tr>{{/items}}</tbody>
        </table></div>
        """

    static let entries = """
        <h1>Interaction log entries</h1>
        {{>filter-form}}
        {{>entry-table}}
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        """

    static let all: [(String, String)] = [
        ("logged-segments", loggedSegments), ("logged-segment", loggedSegment), ("entry-table", entryTable),
        ("entries", entries),
    ]
}
