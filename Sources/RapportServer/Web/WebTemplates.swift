import Mustache

/// The page frame, the shared partials and the template library. Mustache escapes every `{{value}}`,
/// so user text is always shown as text; `{{{content}}}` is only ever a page this library rendered.
enum WebTemplates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Rapport</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9;line-height:1.4}
        header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
        header a{color:#fff}header form{margin-left:auto}nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.9rem;flex-wrap:wrap}
        main{padding:1rem;max-width:76rem;margin:auto}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
        fieldset{background:#fff;border:1px solid #d0d7de;margin:.5rem 0;padding:.5rem .8rem}
        .fields{display:flex;flex-wrap:wrap;gap:.2rem 1rem}.field{display:flex;flex-direction:column;margin:.2rem 0;min-width:12rem}
        .field.check{flex-direction:row;align-items:center;gap:.3rem}.hint{color:#57606a;font-size:.85em}
        input,select,textarea,button{font:inherit}input[aria-invalid=true],select[aria-invalid=true]{border:2px solid #a40e26}
        .error{color:#a40e26;font-weight:600}.notice{background:#dafbe1;padding:.4rem .6rem}.warning{background:#fff8c5;padding:.4rem .6rem}
        .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.3rem}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}.actions form{display:inline}
        details{background:#fff;border:1px solid #d0d7de;margin:.3rem 0;padding:.3rem .6rem}summary{cursor:pointer;font-weight:600}
        #progress{position:fixed;bottom:1rem;right:1rem;background:#fff;border:2px solid #1f3a5f;padding:.6rem 1rem;box-shadow:0 2px 8px #0003}
        section.language{background:#fff;border:1px solid #d0d7de;padding:.2rem .8rem .6rem;margin:.6rem 0}
        .status-error{color:#a40e26;font-weight:600}.status-sent{color:#116329}
        dl.card{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;padding:.6rem;border:1px solid #d0d7de}dl.card dt{font-weight:600}dl.card dd{margin:0}
        @media (max-width:40rem){.wide{display:none}.field{min-width:100%}main{padding:.5rem}}
        </style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        {{#user}}
        <header><strong>Rapport</strong>
        <nav aria-label="Main"><ul><li><a href="/segments">Segments</a></li><li><a href="/logged-segments">Logged segments</a></li>
        <li><a href="/interaction-log-entries">Interaction log</a></li><li><a href="/contacts">Contacts</a></li>
        <li><a href="/interaction-templates">Templates</a></li>{{#isAdmin}}<li><a href="/setup">Setup</a></li>{{/isAdmin}}</ul></nav>
        <form method="post" action="/sign-out"><input type="hidden" name="csrf" value="{{csrf}}">
        <span>{{userId}} ({{role}})</span> <button type="submit">Sign out</button></form></header>
        {{/user}}
        <main id="main">
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        {{{content}}}
        </main>
        <div id="progress" role="status" aria-live="polite" hidden><progress></progress> <span></span></div>
        <script>
        // Long actions: show what is running and for how long until the next page arrives.
        document.addEventListener('submit', function (event) {
          var button = event.submitter, form = event.target;
          var text = (button && button.getAttribute('data-progress')) || form.getAttribute('data-progress');
          if (!text) return;
          var box = document.getElementById('progress'), label = box.querySelector('span'), started = Date.now();
          box.hidden = false; label.textContent = text;
          try { sessionStorage.setItem('rapport-progress', text); } catch (e) {}
          setInterval(function () { label.textContent = text + ' ' + Math.round((Date.now() - started) / 1000) + ' s'; }, 1000);
          setTimeout(function () { form.querySelectorAll('button').forEach(function (b) { b.disabled = true; }); }, 0);
        });
        </script>
        {{#script}}<script>{{{script}}}</script>{{/script}}
        </body>
        </html>
        """

    /// One labelled input, its hint and its error, tied together for screen readers.
    static let field = """
        {{#isCheckbox}}<div class="field check"><input type="hidden" name="{{name}}" value="false"{{#formId}} form="{{formId}}"{{/formId}}><input type="checkbox" id="{{id}}" name="{{name}}" value="true"{{#compact}} aria-label="{{label}}"{{/compact}}{{#checked}} checked{{/checked}}{{#formId}} form="{{formId}}"{{/formId}}{{#invalid}} aria-invalid="true" aria-describedby="{{id}}-error"{{/invalid}}>{{^compact}}<label for="{{id}}">{{label}}</label>{{/compact}}
        {{#error}}<span class="error" id="{{id}}-error">{{error}}</span>{{/error}}</div>{{/isCheckbox}}
        {{^isCheckbox}}<div class="field">{{^compact}}<label for="{{id}}">{{label}}</label>{{/compact}}
        {{#isSelect}}<select id="{{id}}" name="{{name}}"{{#compact}} aria-label="{{label}}"{{/compact}}{{#formId}} form="{{formId}}"{{/formId}}{{#invalid}} aria-invalid="true" aria-describedby="{{id}}-error"{{/invalid}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        {{^isSelect}}<input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}"{{#compact}} aria-label="{{label}}"{{/compact}}{{#maxlength}} maxlength="{{maxlength}}"{{/maxlength}}{{#inputmode}} inputmode="{{inputmode}}"{{/inputmode}}{{#formId}} form="{{formId}}"{{/formId}}{{#filter}} data-filter{{/filter}}{{#invalid}} aria-invalid="true" aria-describedby="{{id}}-error"{{/invalid}}{{^invalid}}{{#hint}} aria-describedby="{{id}}-hint"{{/hint}}{{/invalid}}>{{/isSelect}}
        {{^compact}}{{#hint}}<span class="hint" id="{{id}}-hint">{{hint}}</span>{{/hint}}{{/compact}}
        {{#error}}<span class="error" id="{{id}}-error">{{error}}</span>{{/error}}</div>{{/isCheckbox}}
        """

    static let csrf = """
        <input type="hidden" name="csrf" value="{{csrf}}">
        """

    static let error = """
        <h1>{{title}}</h1>
        <p class="error" role="alert">{{message}}</p>
        {{#field}}<p>Field: {{field}}</p>{{/field}}
        <p><a href="javascript:history.back()">Go back</a> · <a href="/segments">Segments</a></p>
        """

    static let signIn = """
        <h1>Sign in</h1>
        {{#error}}<p class="error" role="alert" id="signin-error">{{error}}</p>{{/error}}
        <form method="post" action="/sign-in">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
        <p class="field"><label for="userId">User ID</label><input id="userId" name="userId" value="{{userId}}" autocomplete="username" required{{#error}} aria-describedby="signin-error"{{/error}}></p>
        <p class="field"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        """

    static let base: [(String, String)] = [
        ("layout", layout), ("field", field), ("csrf", csrf), ("error", error), ("sign-in", signIn),
    ]

    /// Every page template, registered once. A template that does not parse is left out and named in
    /// `broken` (a test keeps that list empty); a page whose template is missing renders a plain message.
    static let (library, broken): (MustacheLibrary, [String]) = {
        var library = MustacheLibrary()
        var broken: [String] = []
        for (name, text) in base + ContactTemplates.all + SegmentTemplates.all + WorksheetTemplates.all
            + LoggedTemplates.all + TemplatePageTemplates.all + SetupTemplates.all
        {
            do {
                try library.register(text, named: name)
            } catch {
                broken.append("\(name): \(error)")
            }
        }
        return (library, broken)
    }()
}
