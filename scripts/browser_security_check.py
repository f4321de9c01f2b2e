#!/usr/bin/env python3
"""Checks the security baseline in a real browser: headless Chromium (Selenium and the system chromedriver)
against `rapport serve --demo`. The Content-Security-Policy is sent and enforced (the worksheet's own scripts
run: the live count works; an inline script is refused; no page reports a CSP violation), ten wrong
passwords lock a user ID and the page says so, an admin clears the lock on the user's page, and the audit
log page renders the trail from Setup. RAPPORT_BROWSER_POSTGRES (a server URL) runs it on PostgreSQL.
Prints "N passed, N failed".
"""
import os, shutil, sys, tempfile, traceback, urllib.error, urllib.request

from rapport_server import RapportServer

# Collects CSP violations from the first moment of every page (DevTools scripts are not subject to the CSP).
COLLECTOR = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def main():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    work = tempfile.mkdtemp(prefix="rapport-security-")
    postgres = os.environ.get("RAPPORT_BROWSER_POSTGRES")
    db = (postgres + ("&" if "?" in postgres else "?") + "search_path=security_" + os.path.basename(work).replace("-", "_")
          if postgres else os.path.join(work, "r.sqlite"))
    # The server binds port 0 and says where it listens, once it does.
    server = RapportServer(["--demo", "--no-delivery", "--db", db], os.path.join(work, "server.log"))
    url = server.url
    results = []
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = None
    visited = []
    try:
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                  options=options)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COLLECTOR})

        def check(name, condition, detail=""):
            results.append((name, bool(condition), detail))
            if not condition:
                driver.save_screenshot(os.path.join(work, f"failed-{len(results)}.png"))

        def violations():
            """CSP violations of the page shown now, from its event and from the console."""
            found = driver.execute_script("return window.__csp || []")
            found += [entry["message"] for entry in driver.get_log("browser")
                      if "Content Security Policy" in entry["message"]]
            return found

        def open_page(path):
            driver.get(url + path)
            WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))
            visited.append(path)
            found = violations()
            check(f"no CSP violation on {path}", not found, "; ".join(found)[:500])

        def settled(previous):
            """The next document has replaced `previous` (by its time origin), loaded, and shows its heading."""
            return driver.execute_script(
                "return performance.timeOrigin !== arguments[0] && document.readyState === 'complete'"
                " && document.querySelector('h1') !== null", previous)

        def submit(css):
            # Clicked in the page, and waited for by the document's time origin: no answer is ever about a
            # node of the page the click replaced.
            previous = driver.execute_script("return performance.timeOrigin")
            driver.execute_script("document.querySelector(arguments[0]).click()", css)
            WebDriverWait(driver, 30).until(lambda d: settled(previous))

        def text_now(css):
            return driver.execute_script(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : ''", css)

        def sign_in(user, password):
            open_page("/sign-in")
            driver.find_element(By.ID, "userId").send_keys(user)
            driver.find_element(By.ID, "password").send_keys(password)
            submit("main form button[type=submit]")

        def headers(path):
            try:
                answer = urllib.request.urlopen(url + path, timeout=10)
            except urllib.error.HTTPError as error:
                answer = error
            return answer.headers

        # --- The headers, as the browser receives them ---
        page = headers("/sign-in")
        policy = page.get("Content-Security-Policy", "")
        check("the sign-in page sends a strict CSP", "script-src 'self'" in policy and "style-src 'self'" in policy
              and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, policy)
        check("pages are nosniff, same-origin referrer", page.get("X-Content-Type-Options") == "nosniff"
              and page.get("Referrer-Policy") == "same-origin")
        api = headers("/api/v1/contacts")
        check("API answers are nosniff and no-store", api.get("X-Content-Type-Options") == "nosniff"
              and api.get("Cache-Control") == "no-store", str(dict(api)))

        # --- The worksheet's own scripts run under the policy ---
        sign_in("DEMO", "rapport-demo")
        check("signed in, on the home page", text_now("h1") == "Home")
        visited.append("/")
        check("no CSP violation on the home page (its SVG charts, the lookup script)", not violations(),
              "; ".join(violations())[:500])
        open_page("/segments")
        driver.find_element(By.ID, "description").send_keys("CSP check")
        submit("form[action='/segments'] button")
        visited.append(driver.current_url.split(url)[1])
        driver.find_element(By.ID, "f-contact-city").send_keys("Leeds|York")
        WebDriverWait(driver, 20).until(lambda d: "would be added" in d.find_element(By.ID, "live-count").text)
        check("the live count works (live-count.js ran, its fetch was allowed)",
              "contacts would be added" in driver.find_element(By.ID, "live-count").text)
        check("no CSP violation on the worksheet", not violations(), "; ".join(violations())[:500])
        driver.execute_script(
            "var s = document.createElement('script'); s.textContent = 'window.__inline = 1';"
            "document.body.appendChild(s);")
        # The refusal is reported by an event; wait for it rather than for time.
        reported = WebDriverWait(driver, 10).until(lambda d: any("script-src" in v for v in violations()))
        check("an inline script is refused by the CSP", driver.execute_script("return window.__inline") is None)
        check("and reported as a violation", reported)
        submit("header form button[type=submit]")

        # --- Ten wrong passwords lock the user ID; the page says so ---
        for attempt in range(10):
            sign_in("DEMO", f"wrong password {attempt}")
        error = text_now("#signin-error")
        check("ten wrong passwords are refused as wrong", "not right" in error, error)
        sign_in("DEMO", "rapport-demo")
        error = text_now("#signin-error")
        check("the right password is refused plainly after ten failures",
              "Too many failed sign-ins" in error and "try again in" in error, error)

        # --- The admin clears it on the user's page, and the audit log shows it ---
        sign_in("DEMOADMIN", "rapport-admin")
        open_page("/users/DEMO")
        lock = text_now("#sign-in-lock")
        check("the user's page shows the lock", "blocked after 10 failed sign-ins" in lock, lock)
        submit("form[action='/users/DEMO/sign-in-lock/clear'] button")
        check("the admin clears it", "No failed sign-ins" in text_now("#sign-in-lock"))
        open_page("/setup")
        submit("a[href='/setup/audit-log']")
        check("the audit log is linked from Setup", text_now("h1") == "Audit log", text_now("h1"))
        visited.append("/setup/audit-log")
        rows = driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
        check("the audit log page lists entries", len(rows) > 0, str(len(rows)))
        first = rows[0].text if rows else ""
        check("newest first: the admin's clearing of DEMO's lock", "DEMOADMIN" in first and "signInFailures" in first,
              first)
        check("no CSP violation on the audit log", not violations(), "; ".join(violations())[:500])
        open_page("/setup/audit-log?action=create&resource=users")
        text = text_now("#audit")
        check("the filters work: the demo users' creation", "DEMOADMIN" in text and "CLI" in text, text[:300])
        check("no password or hash in the audit log", "rapport-demo" not in driver.page_source
              and "$2b$" not in driver.page_source)
    except Exception:
        results.append(("the check ran to the end", False, traceback.format_exc()[-1500:]))
        if driver is not None:
            driver.save_screenshot(os.path.join(work, "exception.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.stop()
    errors = server.server_errors()
    results.append(("the server answered no request with a 5xx", not errors, "".join(errors[:5])))
    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {name} {detail}")
    print(f"pages: {', '.join(visited)}")
    print(f"work folder: {work}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if not failed:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
