import Mustache

/// The pages of the web UI. Mustache escapes every `{{value}}`, so user text is always shown as text.
enum WebTemplates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Rapport</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
        header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
        header a{color:#fff}header form{margin-left:auto}
        main{padding:1rem;max-width:72rem;margin:auto}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left}
        fieldset{background:#fff;border:1px solid #d0d7de;margin:.5rem 0}label{display:inline-block;margin:.2rem .6rem .2rem 0}
        .error{color:#a40e26;font-weight:600}.notice{background:#dafbe1;padding:.4rem}.skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.3rem}
        @media (max-width:40rem){th:nth-child(n+4),td:nth-child(n+4){display:none}}
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        {{#user}}
        <header><strong>Rapport</strong>
        <nav aria-label="Main"><a href="/segments">Segments</a> · <a href="/contacts">Contacts</a></nav>
        <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="{{csrf}}">
        <span>{{userId}}</span> <button type="submit">Sign out</button></form></header>
        {{/user}}
        <main id="main">
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        {{{content}}}
        </main>
        </body>
        </html>
        """

    static let signIn = """
        <h1>Sign in</h1>
        {{#error}}<p class="error" role="alert" id="signin-error">{{error}}</p>{{/error}}
        <form method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="userId">User ID</label><input id="userId" name="userId" value="{{userId}}" autocomplete="username" required></p>
        <p><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        """

    static let contacts = """
        <h1>Contacts</h1>
        <form method="get" action="/contacts" role="search">
        <label for="q">Name contains</label><input id="q" name="q" value="{{q}}">
        <label for="city">City</label><input id="city" name="city" value="{{city}}">
        <button type="submit">Search</button>
        </form>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <table><caption>{{count}} contacts shown</caption>
        <thead><tr><th scope="col">No.</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Company</th><th scope="col">City</th><th scope="col">Salesperson</th></tr></thead>
        <tbody>{{#items}}<tr><td>{{no}}</td><td>{{name}}</td><td>{{type}}</td><td>{{companyName}}</td><td>{{city}}</td><td>{{salespersonCode}}</td></tr>{{/items}}</tbody>
        </table>
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        """

    static let segments = """
        <h1>Segments</h1>
        <form method="post" action="/segments">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label for="description">Description</label><input id="description" name="description" value="{{description}}" maxlength="250">
        <label for="template">Interaction template</label><input id="template" name="interactionTemplateCode" value="{{template}}">
        <button type="submit">Create segment</button>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        </form>
        <table><caption>Segments</caption>
        <thead><tr><th scope="col">No.</th><th scope="col">Description</th><th scope="col">Lines</th><th scope="col">Template</th></tr></thead>
        <tbody>{{#items}}<tr><td><a href="/segments/{{no}}">{{no}}</a></td><td>{{description}}</td><td>{{noOfLines}}</td><td>{{interactionTemplateCode}}</td></tr>{{/items}}</tbody>
        </table>
        """

    static let segment = """
        <h1>Segment {{header.no}}: {{header.description}}</h1>
        <p>{{header.noOfLines}} lines · {{header.noOfCriteriaActions}} criteria actions · template {{header.interactionTemplateCode}}</p>
        {{#error}}<p class="error" role="alert" id="action-error">{{error}}</p>{{/error}}
        <h2>Add, reduce or refine contacts</h2>
        <form method="post" action="/segments/{{header.no}}/contacts">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>Contact</legend>
        <label>Salesperson <input name="contact.salespersonCode" value="{{form.salespersonCode}}"></label>
        <label>City <input name="contact.city" value="{{form.city}}"></label>
        <label>Type <input name="contact.type" value="{{form.type}}"></label></fieldset>
        <fieldset><legend>Relations</legend>
        <label>Mailing group <input name="mailingGroups.code" value="{{form.mailingGroup}}"></label>
        <label>Industry group <input name="industryGroups.code" value="{{form.industryGroup}}"></label></fieldset>
        <fieldset><legend>Options</legend>
        <label><input type="checkbox" name="expandCompanies" value="true"> Expand companies</label>
        <label><input type="checkbox" name="allowRelatedCompanies" value="true"> Allow related companies</label>
        <label><input type="checkbox" name="ignoreExclusion" value="true"> Ignore exclusion</label></fieldset>
        <button type="submit" name="action" value="preview">Preview</button>
        <button type="submit" name="action" value="add">Add contacts</button>
        <button type="submit" name="action" value="reduce">Reduce</button>
        <button type="submit" name="action" value="refine">Refine</button>
        </form>
        {{#preview}}<p class="notice" role="status" id="preview">{{preview}}</p>{{/preview}}
        <form method="post" action="/segments/{{header.no}}/go-back"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Go back</button></form>
        <h2>Criteria</h2>
        <ol id="criteria">{{#criteria}}<li>{{text}}</li>{{/criteria}}</ol>
        <h2>Lines</h2>
        <table id="lines"><caption>{{header.noOfLines}} lines</caption>
        <thead><tr><th scope="col">Line</th><th scope="col">Contact</th><th scope="col">Name</th><th scope="col">Company</th><th scope="col">Correspondence</th><th scope="col">Added by</th></tr></thead>
        <tbody>{{#lines}}<tr><td>{{lineNo}}</td><td>{{contactNo}}</td><td>{{contactName}}</td><td>{{contactCompanyName}}</td><td>{{correspondenceType}}</td><td>action {{addedByActionNo}}</td></tr>{{/lines}}</tbody>
        </table>
        <h2>Log</h2>
        <form method="post" action="/segments/{{header.no}}/log"><input type="hidden" name="csrf" value="{{csrf}}">
        <label><input type="checkbox" name="send" value="true"> Send</label>
        <label><input type="checkbox" name="createFollowUpSegment" value="true"> Create follow-up segment</label>
        <button type="submit">Log</button></form>
        {{#problems.0}}<h3>Problems</h3>{{/problems.0}}
        <ul id="problems">{{#problems}}<li>Line {{lineNo}} ({{contactNo}}): {{message}}</li>{{/problems}}</ul>
        """

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [
            ("layout", layout), ("sign-in", signIn), ("contacts", contacts), ("segments", segments),
            ("segment", segment),
        ] {
            try? library.register(text, named: name)
        }
        return library
    }()
}
