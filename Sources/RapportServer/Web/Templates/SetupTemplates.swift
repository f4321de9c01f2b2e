/// Setup, users and the generic master-data pages.
enum SetupTemplates {
    static let setup = """
        <h1>Setup</h1>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/setup" aria-label="Setup">
        {{>csrf}}
        {{#groups}}<fieldset><legend>{{legend}}</legend><div class="fields">{{#fields}}{{>field}}{{/fields}}</div></fieldset>{{/groups}}
        <p><button type="submit">Save setup</button></p>
        </form>
        <h2>Users and master data</h2>
        <ul><li><a href="/users">Users</a></li><li><a href="/interaction-templates">Interaction templates</a></li>
        {{#masterData}}<li><a href="{{path}}">{{label}}</a></li>{{/masterData}}</ul>
        """

    static let resourceList = """
        <h1>{{heading}}</h1>
        {{#canWrite}}<h2>New {{label}}</h2>
        {{#createError}}<p class="error" role="alert">{{createError}}</p>{{/createError}}
        <form method="post" action="{{base}}" aria-label="New {{label}}">
        {{>csrf}}<div class="fields">{{#create}}{{>field}}{{/create}}</div>
        <p><button type="submit">Create</button></p>
        </form>{{/canWrite}}
        <h2>List</h2>
        {{>filter-form}}
        <div class="scroll"><table id="records"><caption>{{count}} shown</caption>
        <thead><tr>{{#columns}}<th scope="col">{{label}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr><td><a href="{{path}}">{{key}}</a></td>{{#cells}}<td>{{value}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table></div>
        {{#next}}<p><a href="{{next}}">Next page</a></p>{{/next}}
        """

    static let resourceEdit = """
        <h1>{{label}} {{key}}</h1>
        <p><a href="{{base}}">{{heading}}</a></p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{path}}" aria-label="{{label}} {{key}}">
        {{>csrf}}<div class="fields">{{#fields}}{{>field}}{{/fields}}</div>
        {{#canWrite}}<p><button type="submit">Save</button></p>{{/canWrite}}
        </form>
        {{#canWrite}}<form method="post" action="{{path}}/delete">{{>csrf}}<button type="submit">Delete</button></form>{{/canWrite}}
        """

    /// A user: the form, then the API tokens (listed without their secrets; a new one is shown once).
    static let user = """
        {{>resource-edit}}
        <h2>API tokens</h2>
        {{^hasTokens}}<p>No tokens.</p>{{/hasTokens}}
        {{#hasTokens}}<div class="scroll"><table id="tokens"><caption>Tokens of {{key}}</caption>
        <thead><tr><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Actions</th></tr></thead>
        <tbody>{{#tokens}}<tr><td>{{tokenId}}</td><td>{{createdAt}}</td><td>{{lastUsedAt}}</td>
        <td>{{#canWrite}}<form method="post" action="{{path}}/tokens/{{tokenId}}/revoke">{{>csrf}}<button type="submit" aria-label="Revoke token {{tokenId}}">Revoke</button></form>{{/canWrite}}</td></tr>{{/tokens}}</tbody>
        </table></div>{{/hasTokens}}
        {{#canWrite}}<form method="post" action="{{path}}/tokens">{{>csrf}}<button type="submit">Issue a new token</button></form>{{/canWrite}}
        """

    static let all: [(String, String)] = [
        ("setup", setup), ("resource-list", resourceList), ("resource-edit", resourceEdit), ("user", user),
    ]
}
