#!/usr/bin/env python3
"""Walks the whole segment workflow in the web UI as a new user would, in headless Chromium (Selenium
and the system chromedriver) against a real `rapport serve --demo`: sign in, import contacts, find
them, create a segment, add contacts with filters (live count, preview, progress), reduce, go back,
save criteria, set a template and a document, personalise one line, log with a follow-up, open the
logged segment and the entries; then the admin's setup pages, bad input, the keyboard and a narrow
screen. On the way: the home page of the demo's story (a chart's "Show data" table opened by keyboard), a code
lookup used by keyboard, a list's CSV export, a confirmation before deleting, the statistics pages. Each step
asserts what the page shows; axe runs on every page, in the light and the dark scheme (no serious or critical
violations); screenshots are saved on failure, and home.png and worksheet.png are the README's
(docs/screenshots/).
Prints "N passed, N failed".

Needs Chromium and chromedriver (Debian's chromium and chromium-driver) and Python with selenium and
axe-selenium-python; `scripts/test` installs them. RAPPORT_BROWSER_POSTGRES (a server URL) walks the same
pages on PostgreSQL, in a schema of its own.

Waiting: every navigation (a link, a form, a page load) is followed by waiting until the new document has
replaced the old one (its `performance.timeOrigin` differs), has loaded (`document.readyState` is
"complete") and shows the element the step expects. Elements are found afresh for each action, and what
a step reads it reads with one script in the page (text, values, counts), so no answer is about a node of a
page that has gone. Nothing waits for a fixed time and nothing is tried twice.
"""
import csv, io, json, os, shutil, sys, tempfile, traceback, urllib.parse, urllib.request, uuid, zipfile

from rapport_server import RapportServer

SCRIPT_NAME = "<script>alert(1)</script>"


def letter(path, text):
    """A small Word document with merge fields, as a user would upload it."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{part} </w:t></w:r>'
        f'<w:fldSimple w:instr=" MERGEFIELD {field} "><w:r><w:t>«{field}»</w:t></w:r></w:fldSimple></w:p>'
        for part, field in ((text, "ContactName"), ("Company:", "CompanyName")))
    with zipfile.ZipFile(path, "w") as docx:
        docx.writestr("[Content_Types].xml",
                      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                      '<Default Extension="xml" ContentType="application/xml"/>'
                      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        docx.writestr("_rels/.rels",
                      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        docx.writestr("word/document.xml",
                      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                      f'<w:body>{body}</w:body></w:document>')


def main():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
    from axe_selenium_python import Axe

    work = tempfile.mkdtemp(prefix="rapport-browser-")
    shots = os.environ.get("RAPPORT_SCREENSHOTS", os.path.join(work, "shots"))
    os.makedirs(shots, exist_ok=True)
    # RAPPORT_BROWSER_POSTGRES (a server URL) walks the same pages on PostgreSQL, in a schema of its own.
    postgres = os.environ.get("RAPPORT_BROWSER_POSTGRES")
    db = (postgres + ("&" if "?" in postgres else "?") + "search_path=browser_" + uuid.uuid4().hex
          if postgres else os.path.join(work, "r.sqlite"))
    server = RapportServer(["--demo", "--no-delivery", "--db", db], os.path.join(work, "server.log"))
    url = server.url
    results = []
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                  options=options)
        # axe runs as an async script; on a long page (the worksheet's 100 lines) and a busy 2-core machine it
        # can need more than Selenium's default 30 s.
        driver.set_script_timeout(180)

        def check(name, condition, detail=""):
            results.append((name, bool(condition), detail))
            if not condition:
                driver.save_screenshot(os.path.join(shots, f"failed-{len(results)}.png"))

        def js(script, *arguments):
            return driver.execute_script(script, *arguments)

        def wait_for(css, seconds=30):
            """Waits until the page has loaded and shows an element matching `css`."""
            WebDriverWait(driver, seconds).until(lambda d: js(
                "return document.readyState === 'complete' && document.querySelector(arguments[0]) !== null", css))

        def document_id():
            # A new document gets a new time origin: this tells the next page from the one it replaces.
            return js("return performance.timeOrigin")

        def text_now(css):
            """The rendered text of the first element matching `css` ("" when there is none), read in the page."""
            return js("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css)

        def text_of(css):
            wait_for(css)
            return text_now(css)

        def value_of(css):
            wait_for(css)
            return js("return document.querySelector(arguments[0]).value", css)

        def count(css):
            return js("return document.querySelectorAll(arguments[0]).length", css)

        def element(css):
            wait_for(css)
            return driver.find_element(By.CSS_SELECTOR, css)

        def click(css):
            element(css).click()

        def type_into(css, text, clear=False):
            field = element(css)
            if clear:
                field.clear()
            field.send_keys(text)

        def choose(css, option):
            Select(element(css)).select_by_value(option)

        def open_page(path, expected="h1"):
            driver.get(url + path)
            wait_for(expected)

        def submit(css, expected="h1"):
            """Clicks a submit button or link and waits for the next document to load and show `expected`."""
            before = document_id()
            click(css)
            WebDriverWait(driver, 60).until(lambda d: document_id() != before)
            wait_for(expected)

        def heading():
            return text_of("h1")

        def notice():
            return text_now("#notice")

        def color_scheme(scheme):
            """Emulates prefers-color-scheme (Chrome DevTools), so the dark stylesheet applies."""
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})

        def accessible(page):
            """axe (the axe.min.js axe-selenium-python ships) in the light and the dark scheme."""
            for scheme in ("light", "dark"):
                color_scheme(scheme)
                axe = Axe(driver)
                axe.inject()
                found = axe.run()
                bad = [f'{v["id"]} ({len(v["nodes"])}: {v["nodes"][0]["target"]})' for v in found["violations"]
                       if v.get("impact") in ("serious", "critical")]
                check(f"axe: no serious or critical violations on {page} ({scheme})", not bad, ", ".join(bad))
            color_scheme("light")

        def submit_confirmed(css, expected="h1"):
            """Clicks a destructive action's button, checks it asks first, then confirms."""
            before = document_id()
            click(css)
            WebDriverWait(driver, 10).until(lambda d: js(
                "const d = document.getElementById('confirm-dialog'); return d !== null && d.open"))
            check("a destructive action asks for confirmation first",
                  document_id() == before and len(text_now("#confirm-text")) > 0, text_now("#confirm-text"))
            focused = js("return document.activeElement.id")
            check("the confirmation's focus is on 'keep it'", focused == "confirm-no", focused)
            click("#confirm-yes")
            WebDriverWait(driver, 60).until(lambda d: document_id() != before)
            wait_for(expected)

        def fetch_text(path):
            """A download as the signed-in browser gets it (its session cookie)."""
            request = urllib.request.Request(urllib.parse.urljoin(url, path), headers={"Cookie": cookie_header()})
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.headers.get("Content-Type", ""), answer.read().decode("utf-8-sig")

        def cookie_header():
            return "; ".join(f'{c["name"]}={c["value"]}' for c in driver.get_cookies())

        def would_add(filters):
            """What Add would add with `filters` on this worksheet, asked from the API as the live count asks."""
            preview = js("return document.getElementById('select-contacts').getAttribute('data-preview')")
            csrf = js("return document.querySelector('#select-contacts input[name=csrf]').value")
            request = urllib.request.Request(
                urllib.parse.urljoin(url, preview), method="POST",
                data=json.dumps({"action": "add", "filters": filters}).encode("utf-8"),
                headers={"Content-Type": "application/json", "X-CSRF-Token": csrf, "Cookie": cookie_header()})
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)["wouldAdd"]

        def sign_in(user, password):
            open_page("/sign-in")
            type_into("#userId", user)
            type_into("#password", password)
            submit("main form button[type=submit]")

        # --- Sign in ---
        open_page("/segments")
        check("unsigned visitors land on sign-in", "/sign-in" in driver.current_url)
        accessible("sign-in")
        type_into("#userId", "DEMO")
        type_into("#password", "wrong password")
        submit("main form button[type=submit]")
        check("a wrong password is refused next to the form", "not right" in text_of("#signin-error"))
        check("the user ID is kept", value_of("#userId") == "DEMO")
        type_into("#password", "rapport-demo")
        submit("main form button[type=submit]")
        check("signed in, back on the page asked for", heading() == "Segments", heading())
        accessible("segments")
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.execute_script("return document.activeElement.className")
        check("the first Tab reaches 'Skip to content'", focused == "skip", focused)

        # --- Home: the demo's story, its segments in progress, its runs and the charts ---
        open_page("/")
        check("the home page opens after sign-in", heading() == "Home", heading())
        check("it lists the segments in progress", count("#home-segments tbody tr") >= 2,
              str(count("#home-segments tbody tr")))
        runs = text_of("#runs")
        check("and the logged runs with their delivery progress", "1 failed" in runs and "sent" in runs, runs)
        check("every chart is drawn as inline SVG", count("figure.chart svg[role=img]") == 5,
              str(count("figure.chart svg[role=img]")))
        # The README's picture: the segments in progress, the runs and the charts.
        driver.set_window_size(1280, 1700)
        js("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(shots, "home.png"))
        driver.set_window_size(1280, 900)
        check("the deliveries chart shows no table until asked",
              not js("return document.querySelector('#chart-deliveries table').checkVisibility()"))
        summary = element("#chart-deliveries summary")
        summary.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(
            lambda d: js("return document.querySelector('#chart-deliveries details').open"))
        data = text_of("#chart-deliveries table")
        check("'Show data' opens the chart's figures by keyboard",
              "Failed" in data and "Sent" in data and "SEG" in data, data)
        accessible("home")
        open_page("/setup/campaigns")
        submit("#records tbody tr td a")
        submit("a.statistics")
        check("a campaign's statistics page names it", heading().startswith("Statistics of Campaign"), heading())
        check("with its totals and charts", count("#totals") == 1 and count("figure.chart") == 5)
        accessible("campaign statistics")
        type_into("#filter-date", "someday")
        submit("form[aria-label='Date filter'] button")
        check("a wrong date filter is shown next to its field", len(text_of("#filter-date-error")) > 0)

        # --- Import contacts, one of them named like a script ---
        session = {c["name"]: c["value"] for c in driver.get_cookies()}
        request = urllib.request.Request(url + "/api/v1/contacts/export?no=CT000001",
                                         headers={"Cookie": "; ".join(f"{k}={v}" for k, v in session.items())})
        exported = urllib.request.urlopen(request, timeout=10).read().decode("utf-8")
        header = next(csv.reader(io.StringIO(exported)))
        check("the export answers the signed-in browser's cookie", "no" in header and "name" in header, str(header[:5]))

        def contacts_file(path, rows):
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                for row in rows:
                    writer.writerow([row.get(column, "") for column in header])

        bad_csv = os.path.join(work, "bad.csv")
        contacts_file(bad_csv, [{"no": "WEB1", "type": "company", "name": "Fine Ltd"},
                                {"no": "WEB2", "type": "robot", "name": "Wrong type"}])
        open_page("/contacts")
        submit("a[href='/contacts/import']")
        accessible("contact import")
        type_into("#file", bad_csv)
        submit("main form button[type=submit]")
        # The job page reloads itself until the import is done.
        wait_for("#job-error", 120)
        check("a bad file is refused as a whole", "nothing was imported" in text_of("#job-error"))
        problems = text_of("#problems")
        check("the report names the row and the field", "3" in problems and "type" in problems, problems)
        accessible("import report")
        good_csv = os.path.join(work, "good.csv")
        contacts_file(good_csv, [{"no": "WEB1", "type": "company", "name": "Harbour & Sons", "city": "Leeds"},
                                 {"no": "WEB2", "type": "company", "name": SCRIPT_NAME, "city": "Leeds"}])
        open_page("/contacts/import")
        type_into("#file", good_csv)
        submit("main form button[type=submit]")
        wait_for("#job-result", 120)
        check("the import reports what it did", "2 contacts created, 0 updated" in text_of("#job-result"))

        # --- Contacts: search, the card, the script name as text ---
        open_page("/contacts")
        type_into("#filter-name", "script")
        submit("form[role=search] button")
        cell = text_of("#contacts tbody tr td:nth-child(2)")
        check("a contact named like a script shows as text", cell == SCRIPT_NAME, cell)
        check("and no script ran", driver.execute_script("return document.querySelectorAll('main script').length") == 0)
        open_page("/contacts?city=Leeds&type=person")
        check("contacts filter by city and type", count("#contacts tbody tr") > 0)
        accessible("contacts")
        submit("#contacts tbody tr td a")
        check("the contact card shows relations", "Mailing groups" in text_of("#relations"))
        check("the card shows the interaction history", count("#history") == 1)
        accessible("contact card")

        # --- A segment: create, filters, live count, preview, add with progress ---
        open_page("/segments")
        type_into("#description", "Spring letter <b>to</b> Leeds & York")
        choose("#interactionTemplateCode", "LETTER")
        submit("form[action='/segments'] button")
        check("the worksheet opens, its text escaped", "Spring letter <b>to</b> Leeds & York" in heading(), heading())
        segment_path = driver.current_url.split(url)[1].split("?")[0]
        accessible("worksheet (empty)")

        # --- A lookup, by keyboard: type the start of a code, Down, Enter ---
        _, people = fetch_text("/api/v1/salespeople?limit=1")
        code = json.loads(people)["items"][0]["code"]
        field = element("#f-contact-salespersonCode")
        field.send_keys(code[0].lower())
        WebDriverWait(driver, 10).until(lambda d: js(
            "const l = document.getElementById('f-contact-salespersonCode-lookup'); return l && !l.hidden && l.children.length > 0"))
        offered = text_now("#f-contact-salespersonCode-lookup")
        check("a code field offers the matching codes with their descriptions", code in offered, offered)
        check("as an ARIA combobox", element("#f-contact-salespersonCode").get_attribute("aria-expanded") == "true")
        field.send_keys(Keys.ARROW_DOWN)
        first = js("return document.querySelector('#f-contact-salespersonCode-lookup li').firstChild.textContent")
        field.send_keys(Keys.ENTER)
        check("Down and Enter take the code", value_of("#f-contact-salespersonCode") == first, value_of("#f-contact-salespersonCode"))
        check("and no form was sent", heading().startswith("Segment"))
        field.send_keys("|" + code[0])
        WebDriverWait(driver, 10).until(lambda d: js(
            "const l = document.getElementById('f-contact-salespersonCode-lookup'); return l && !l.hidden"))
        field.send_keys(Keys.ESCAPE)
        check("a filter expression is still typed as written", value_of("#f-contact-salespersonCode") == f"{first}|{code[0]}")
        check("Escape closes the list", js("return document.getElementById('f-contact-salespersonCode-lookup').hidden"))
        element("#f-contact-salespersonCode").clear()
        type_into("#f-contact-city", "Leeds|York")
        driver.find_element(By.XPATH, "//summary[text()='Mailing Group']").click()
        type_into("#f-mailingGroups-code", "NEWS")
        # The count follows typing (each change is counted anew): wait for the count of both filters.
        expected = would_add({"contact": {"city": "Leeds|York"}, "mailingGroups": {"code": "NEWS"}})
        WebDriverWait(driver, 30).until(
            lambda d: text_now("#live-count").startswith(f"{expected} contacts would be added"))
        live = text_now("#live-count")
        check("the live count says how many would be added", "contacts would be added" in live, live)
        submit("button[value=preview]")
        preview = text_of("#preview")
        check("Preview shows the same count", preview.split(" ")[0] == live.split(" ")[0], f"{preview} / {live}")
        check("the filters are kept after Preview", value_of("#f-contact-city") == "Leeds|York")
        submit("button[value=add]")
        check("Add shows progress while it runs",
              driver.execute_script("return sessionStorage.getItem('rapport-progress')") == "Adding contacts…")
        added = notice()
        check("Add reports the result count", "lines added" in added, added)
        lines = int(text_of("#totals").split(" ")[0])
        check("lines were added", lines > 0 and f"{lines} lines added" in added, f"{lines} / {added}")
        check("the grid shows the first page of lines", count("#lines tbody tr") == min(lines, 100))
        if lines > 100:
            submit("a[href*='cursor=']")
            check("the next page shows the rest", count("#lines tbody tr") == min(lines - 100, 100))
            open_page(segment_path)
        check("the criteria read like BC", "Add Contacts: Mailing Group = NEWS" in text_of("#criteria"))
        accessible("worksheet")
        # The README's picture: the contact actions, the live count, the criteria and the first lines.
        driver.set_window_size(1280, 1500)
        type_into("#f-contact-city", "Leeds|York", clear=True)
        WebDriverWait(driver, 30).until(lambda d: "would be added" in text_now("#live-count"))
        driver.execute_script("document.getElementById('contacts').scrollIntoView()")
        driver.save_screenshot(os.path.join(shots, "worksheet.png"))
        driver.set_window_size(1280, 900)
        open_page(segment_path)

        # --- Reduce, go back, bad filter ---
        type_into("#f-contact-type", "company")
        submit("button[value=reduce]")
        check("Reduce removes the companies", "lines removed" in notice(), notice())
        reduced = int(text_of("#totals").split(" ")[0])
        submit("form[action$='/go-back'] button")
        total = int(text_of("#totals").split(" ")[0])
        check("Go back undoes the Reduce", total == lines and reduced < lines, f"{reduced} → {total} vs {lines}")
        type_into("#f-contact-postCode", "A..B..C")
        submit("button[value=reduce]")
        error = text_of("#f-contact-postCode-error")
        check("a wrong filter is shown next to its field", len(error) > 0, error)
        check("and the typed filter is kept", value_of("#f-contact-postCode") == "A..B..C")
        check("and nothing changed", int(text_of("#totals").split(" ")[0]) == lines)

        # --- Save criteria ---
        type_into("#save-code", "LEEDSNEWS")
        type_into("#save-description", "Leeds & York on the newsletter")
        submit("form[action$='/save-criteria'] button")
        check("the criteria are saved", "saved as LEEDSNEWS" in notice(), notice())
        check("and offered for reuse", "LEEDSNEWS" in text_of("#reuse-code"))

        # --- Header: bad input next to its field, then the interaction ---
        type_into("#h-unitCost", "abc", clear=True)
        submit("form[action$='/header'] button[type=submit]")
        error = text_of("#h-unitCost-error")
        check("a wrong number is shown next to its field", "unitCost" in error or "number" in error, error)
        check("and the typed value is kept", value_of("#h-unitCost") == "abc")
        type_into("#h-unitCost", "2.5", clear=True)
        type_into("#h-subjectDefault", "Spring news", clear=True)
        submit("form[action$='/header'] button[type=submit]")
        check("the header is saved", "header was saved" in notice(), notice())

        # --- A living segment: made dynamic, refreshed now, made static again ---
        check("a new segment is static", "Static segment" in text_of("#refresh-status"), text_of("#refresh-status"))
        choose("#h-kind", "dynamic")
        type_into("#h-freshnessSeconds", "5", clear=True)
        submit("form[action$='/header'] button[type=submit]")
        error = text_of("#h-freshnessSeconds-error")
        check("a freshness target under 10 s is refused next to its field", "10" in error, error)
        type_into("#h-freshnessSeconds", "60", clear=True)
        submit("form[action$='/header'] button[type=submit]")
        status = text_of("#refresh-status")
        check("a dynamic segment says how stale it may get", "Dynamic segment, at most 60 s stale" in status, status)
        submit("#refresh-now")
        refreshed = notice()
        check("Refresh now reports what changed and how long it took",
              f"{lines} lines, took" in refreshed and "0 lines added, 0 removed" in refreshed, refreshed)
        status = text_of("#refresh-status")
        check("the worksheet shows the last and next refresh and the time taken",
              "last refreshed" in status and "next refresh" in status and " ms" in status, status)
        accessible("worksheet (dynamic)")
        choose("#h-kind", "static")
        submit("form[action$='/header'] button[type=submit]")
        check("the segment is static again", "Static segment" in text_of("#refresh-status"), text_of("#refresh-status"))

        # --- Documents: the segment's letter, one line personalised ---
        segment_doc = os.path.join(work, "segment.docx")
        letter(segment_doc, "Dear")
        type_into("#segment-file", segment_doc)
        submit("form[action$='/document'] button")
        check("the segment's document is stored", "document was stored" in notice(), notice())
        check("the worksheet offers the merged letters", count("a[href$='/documents']") == 1)
        not_a_letter = os.path.join(work, "notes.docx")
        with open(not_a_letter, "w") as handle:
            handle.write("not a Word document")
        type_into("#segment-file", not_a_letter)
        submit("form[action$='/document'] button")
        check("a file that is not Word is refused next to the field", len(text_of("#segment-file-error")) > 0)
        open_page(segment_path)
        first_line = text_of("#lines tbody tr td a")
        submit("#lines tbody tr td a")
        check("the line page opens", f"Line {first_line}" in heading(), heading())
        accessible("line")
        personal = os.path.join(work, "personal.docx")
        letter(personal, "Dearest")
        type_into("#line-file", personal)
        submit("form[action$='/document'] button")
        check("one line is personalised", "personalised" in text_of("#line-document"))
        open_page(segment_path)
        unique = text_of(f"#line-{first_line}")
        check("the grid shows the line's own document", "unique" in unique, unique)
        type_into(f"#l{first_line}-subject", "A personal note", clear=True)
        submit(f"#line-{first_line}-form button")
        check("a line's override is saved in place", "saved" in notice(), notice())
        check("and shown in the grid", value_of(f"#l{first_line}-subject") == "A personal note")

        # --- Log check: a problem linked to its line, mended there ---
        submit(f"#lines a[href$='/lines/{first_line}']")
        type_into("#description", "", clear=True)
        submit("form[aria-label='Line overrides'] button")
        open_page(segment_path)
        submit("form[aria-label='Log check'] button")
        problem = text_of("#problems")
        check("the log check lists the line's problem", f"Line {first_line}" in problem and "no description" in problem, problem)
        accessible("log check")
        submit(f"#problems a[href$='/lines/{first_line}']")
        check("the problem links to its line", f"Line {first_line}" in heading(), heading())
        type_into("#description", "Spring letter")
        submit("form[aria-label='Line overrides'] button")
        open_page(segment_path)
        submit("form[aria-label='Log check'] button")
        check("the log check passes once mended", count("#check-ok") == 1)

        # --- Log, then roll the run back: the worksheet returns, the follow-up segment the Log made goes ---
        click("#log-follow-up")
        submit("form[action$='/log'] button")
        check("a first Log lands on the logged segment", heading().startswith("Logged segment"), heading())
        submit("a[href$='/rollback']")
        check("the rollback page previews what goes",
              text_of("#rollback-entries") == f"{lines} interaction log entries", text_of("#rollback-entries"))
        check("including the follow-up segment the Log created",
              "the follow-up segment" in text_of("#rollback-follow-up"), text_of("#rollback-follow-up"))
        accessible("rollback preview")
        submit("#rollback-form button")
        rolled_back = notice()
        check("the rollback brings the worksheet back", "was rolled back" in rolled_back
              and "follow-up segment" in rolled_back and segment_path.rsplit("/", 1)[1] in heading(),
              f"{rolled_back} / {heading()}")
        check("with its lines", int(text_of("#totals").split(" ")[0]) == lines)

        # --- Versions: freeze the membership by hand, compare it with today's lines ---
        open_page(segment_path + "/versions")
        submit("#freeze-version button")
        wait_for("#versions tbody tr")
        versions = js("return document.querySelector('#versions tbody').textContent")
        check("a version is frozen by hand", count("#versions tbody tr") == 1 and "Frozen by hand" in versions
              and str(lines) in versions, versions)
        submit("#compare-versions button")
        check("and compares with the current lines", text_of("#diff-counts") == "0 added · 0 removed · 0 changed",
              text_of("#diff-counts"))
        accessible("segment versions")
        open_page(segment_path)

        # --- Log with Send, scheduled, and a follow-up ---
        click("#log-send")
        click("#log-follow-up")
        js("document.querySelector('#log-send-at').value = '2030-01-02T09:30'")
        submit("form[action$='/log'] button")
        logged_notice = notice()
        check("Log lands on the logged segment", heading().startswith("Logged segment"), heading())
        check("and reports the interactions and the follow-up",
              f"{lines} interactions" in logged_notice and "Follow-up segment" in logged_notice, logged_notice)
        check("the logged segment lists its entries", count("#entries tbody tr") == min(lines, 100))
        check("each entry shows its delivery status", "pending" in text_of("#entries"))
        check("the deliveries are summed up", f"{lines} pending" in text_of("#deliveries"), text_of("#deliveries"))
        check("and wait for their scheduled start", "2030-01-02T09:30" in text_of("#delivery-start"),
              text_of("#delivery-start"))
        accessible("logged segment")
        logged_path = driver.current_url.split(url)[1].split("?")[0]
        submit("form[action$='/follow-up'] button")
        check("a follow-up segment starts from the logged one", "Follow-up segment" in notice(), notice())
        check("with the same contacts", int(text_of("#totals").split(" ")[0]) == lines)
        open_page("/logged-segments")
        check("logged segments are listed", count("#logged-segments tbody tr") >= 1)
        accessible("logged segments")
        kind, exported = fetch_text(element("a.csv-export").get_attribute("href"))
        rows = list(csv.reader(io.StringIO(exported)))
        check("a list page exports what it shows as CSV", kind.startswith("text/csv")
              and rows[0][:2] == ["entryNo", "segmentNo"] and len(rows) - 1 == count("#logged-segments tbody tr"),
              f"{kind} {rows[:1]} {len(rows)}")
        open_page("/interaction-log-entries?segmentNo=" + segment_path.rsplit("/", 1)[1])
        check("the entries page filters by segment", count("#entries tbody tr") == min(lines, 100))
        accessible("interaction log entries")
        open_page("/interaction-log-entries?date=notadate")
        check("a wrong entry filter is shown next to its field", len(text_of("#filter-date-error")) > 0)
        open_page(logged_path)
        submit("form[action$='/cancel'] button")
        check("the logged segment can be canceled", "canceled" in notice(), notice())

        # --- A phone call recorded from a contact card, evaluated later; canceled entries deleted ---
        open_page("/contacts?city=Leeds&type=person")
        submit("#contacts tbody tr td a")
        card_path = driver.current_url.split(url)[1]
        click("#c-attemptFailed")
        type_into("#c-contactVia", "+44 113 496 0999")
        type_into("#c-comment", "No answer; try Friday")
        submit("#record-call button[type=submit]")
        called = notice()
        check("a phone call is recorded from the contact card", called.startswith("Phone call "), called)
        check("and shows in the card's history", "Outgoing phone call" in text_of("#history"))
        accessible("contact card with its forms")
        submit("#history tbody tr td a")
        check("the entry has its own page", heading().startswith("Interaction log entry"), heading())
        check("with the call's comment", "No answer; try Friday" in value_of("#e-comments"))
        choose("#e-evaluation", "positive")
        type_into("#e-comments", "\nCalled back on Friday")
        submit("#evaluate-entry button")
        check("the entry is evaluated later", notice().endswith("was saved."), notice())
        check("and keeps the new comment", "Called back on Friday" in value_of("#e-comments"))
        accessible("interaction log entry")
        open_page(card_path)
        type_into("#i-description", "Agreed on a visit")
        choose("#i-interactionTemplateCode", "MEETING")
        submit("#record-interaction button[type=submit]")
        check("an interaction is recorded from the contact card", notice().startswith("Interaction "), notice())

        # --- Templates and setup as the admin ---
        submit("header form button")
        sign_in("DEMOADMIN", "rapport-admin")
        open_page("/interaction-templates/LETTER")
        check("the template page lists its languages", "Languages and documents" in driver.page_source)
        accessible("template")
        submit("a.statistics")
        check("the template's statistics page opens", heading() == "Statistics of Interaction template LETTER", heading())
        accessible("template statistics")
        open_page("/setup/interaction-groups/LETTER")
        submit("a.statistics")
        check("an interaction group's statistics page opens", heading().startswith("Statistics of Interaction group"), heading())
        accessible("interaction group statistics")
        open_page("/setup")
        accessible("setup")
        type_into("#smtp-port", "many", clear=True)
        submit("form[action='/setup'] button")
        check("a wrong setup value is shown next to its field", len(text_of("#smtp-port-error")) > 0)
        open_page("/setup/salespeople")
        accessible("salespeople")
        open_page("/users")
        check("admins see the users", "DEMO" in text_of("#records"))
        open_page("/interaction-log-entries?canceled=true")
        canceled = count("#entries tbody tr")
        check("the admin sees the canceled entries", canceled > 0, str(canceled))
        submit_confirmed("#delete-canceled-entries button")
        deleted = notice().split(" ")[0]
        check("and deletes them", deleted.isdigit() and int(deleted) >= canceled
              and notice().endswith("canceled interaction log entries were deleted."), notice())
        open_page("/interaction-log-entries?canceled=true")
        check("none is left", count("#entries tbody tr") == 0)

        # --- A narrow screen ---
        driver.set_window_size(380, 800)
        open_page(segment_path)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check("the worksheet fits a narrow screen", overflow <= 1, str(overflow))
        driver.set_window_size(1280, 900)
    except Exception:
        results.append(("the walk-through ran to the end", False, traceback.format_exc()[-1500:]))
        if driver is not None:
            driver.save_screenshot(os.path.join(shots, "exception.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.stop()
    errors = server.server_errors()
    results.append(("no 5xx in the server log", not errors, "".join(errors[:10])))
    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {name} {detail}")
    print(f"screenshots: {shots}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if not failed and "RAPPORT_SCREENSHOTS" in os.environ:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
