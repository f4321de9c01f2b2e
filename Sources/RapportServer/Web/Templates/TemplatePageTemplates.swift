/// Interaction template pages.
enum TemplatePageTemplates {
    static let template = """
        <h1>Interaction template {{code}}{{#template.description}}: {{template.description}}{{/template.description}}</h1>
        <p><a href="/interaction-templates">All templates</a></p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="{{path}}" aria-label="Template">
        {{>csrf}}<div class="fields">{{#fields}}{{>field}}{{/fields}}</div>
        {{#canWrite}}<p><button type="submit">Save template</button></p>{{/canWrite}}
        </form>
        <h2>Languages and documents</h2>
        {{^languages}}<p>No languages yet: add one to attach a Word document or an e-mail body.</p>{{/languages}}
        {{#languages}}
        <section aria-labelledby="language-{{languageCode}}" class="language">
        <h3 id="language-{{languageCode}}">{{languageCode}}{{#description}}: {{description}}{{/description}}</h3>
        <p>Word document: {{#hasDocument}}yes · <a href="{{apiPath}}/document">download</a> · <a href="{{apiPath}}/document/check">merge fields</a>{{/hasDocument}}{{^hasDocument}}none{{/hasDocument}} · E-mail body: {{#hasEmailBody}}yes{{/hasEmailBody}}{{^hasEmailBody}}none{{/hasEmailBody}}</p>
        {{#error}}<p class="error" role="alert" id="language-{{languageCode}}-error">{{error}}</p>{{/error}}
        {{#canWrite}}
        <form method="post" action="{{path}}/languages/{{languageCode}}/document" enctype="multipart/form-data" class="fields" aria-label="Document for {{languageCode}}">
        {{>csrf}}<div class="field"><label for="doc-{{languageCode}}">Word document (.docx) for {{languageCode}}</label><input id="doc-{{languageCode}}" name="document" type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"></div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Upload document</button></div></form>
        {{#hasDocument}}<form method="post" action="{{path}}/languages/{{languageCode}}/document/delete">{{>csrf}}<button type="submit">Remove the {{languageCode}} document</button></form>{{/hasDocument}}
        <form method="post" action="{{path}}/languages/{{languageCode}}/email-body" aria-label="E-mail body for {{languageCode}}">
        {{>csrf}}<div class="field"><label for="body-{{languageCode}}">E-mail body (HTML, merge fields as {{=<% %>=}}{{FieldName}}<%={{ }}=%>)</label><textarea id="body-{{languageCode}}" name="emailBody" rows="5" cols="70">{{emailBody}}</textarea></div>
        <p><button type="submit">Save e-mail body</button></p></form>
        <form method="post" action="{{path}}/languages/{{languageCode}}/delete">{{>csrf}}<button type="submit">Remove language {{languageCode}}</button></form>
        {{/canWrite}}
        </section>
        {{/languages}}
        {{#canWrite}}
        <h3>Add a language</h3>
        {{#languageError}}<p class="error" role="alert" id="language-error">{{languageError}}</p>{{/languageError}}
        <form method="post" action="{{path}}/languages" class="fields" aria-label="Add a language">
        {{>csrf}}
        <div class="field"><label for="new-language">Language</label><select id="new-language" name="languageCode">{{#languageChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languageChoices}}</select></div>
        <div class="field"><label for="new-language-description">Description</label><input id="new-language-description" name="description" value="{{languageDescription}}" maxlength="250"></div>
        <div class="field"><span aria-hidden="true">&nbsp;</span><button type="submit">Add language</button></div>
        </form>
        {{/canWrite}}
        """

    static let all: [(String, String)] = [("template", template)]
}
