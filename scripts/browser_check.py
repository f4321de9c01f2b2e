#!/usr/bin/env python3
"""Walks the web UI in headless Chromium (Selenium + the system chromedriver) against a real
`rapport serve --demo`, checks what each page shows, runs axe on every page (no serious or critical
violations), and saves screenshots (docs/worksheet.png is the README's). Prints "N passed, N failed".
"""
import os, shutil, socket, subprocess, sys, tempfile, time, traceback, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, ".build", "debug", "rapport")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from axe_selenium_python import Axe
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    work = tempfile.mkdtemp(prefix="rapport-browser-")
    shots = os.environ.get("RAPPORT_SCREENSHOTS", os.path.join(work, "shots"))
    os.makedirs(shots, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([BINARY, "serve", "--demo", "--db", os.path.join(work, "r.sqlite"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = None
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)

        def check(name, condition, detail=""):
            results.append((name, bool(condition), detail))
            if not condition:
                driver.save_screenshot(os.path.join(shots, f"failed-{len(results)}.png"))

        from selenium.common.exceptions import WebDriverException

        def retry(action):
            """Chromium can answer about a node of the page it is leaving: try again on the settled page."""
            for attempt in range(6):
                try:
                    return action()
                except WebDriverException:
                    if attempt == 5:
                        raise
                    time.sleep(0.5)

        def find(by, value):
            WebDriverWait(driver, 20).until(EC.presence_of_element_located((by, value)))
            return retry(lambda: driver.find_element(by, value))

        def type_into(by, value, text):
            retry(lambda: driver.find_element(by, value).send_keys(text))

        def open_page(path):
            driver.get(url + path)
            WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))

        def submit(css):
            """Clicks a submit button and waits for the next page to replace this one."""
            old = find(By.TAG_NAME, "html")
            retry(lambda: driver.find_element(By.CSS_SELECTOR, css).click())
            WebDriverWait(driver, 20).until(EC.staleness_of(old))
            WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))

        def accessible(page):
            axe = Axe(driver)
            retry(axe.inject)
            found = retry(axe.run)
            bad = [v["id"] for v in found["violations"] if v.get("impact") in ("serious", "critical")]
            check(f"axe: no serious or critical violations on {page}", not bad, ", ".join(bad))

        open_page("/segments")
        check("unsigned visitors land on sign-in", driver.current_url.endswith("/sign-in"))
        accessible("sign-in")
        type_into(By.ID, "userId", "DEMO")
        type_into(By.ID, "password", "wrong password")
        submit("form button[type=submit]")
        check("a wrong password is refused next to the form", "not right" in driver.page_source)
        check("the user ID is kept", find(By.ID, "userId").get_attribute("value") == "DEMO")
        type_into(By.ID, "password", "rapport-demo")
        submit("main form button[type=submit]")
        check("signed in, on the segments page", retry(lambda: find(By.TAG_NAME, "h1").text) == "Segments")
        accessible("segments")
        open_page("/contacts?city=Leeds")
        check("contacts are listed", "Leeds" in driver.page_source)
        accessible("contacts")
        open_page("/segments")
        type_into(By.ID, "description", "Spring letter <b>to</b> Leeds & York")
        type_into(By.ID, "template", "LETTER")
        submit("form[action='/segments'] button")
        heading = retry(lambda: find(By.TAG_NAME, "h1").text)
        check("the worksheet opens, its text escaped", "Spring letter <b>to</b> Leeds & York" in heading, heading)
        type_into(By.NAME, "contact.city", "Leeds|York")
        type_into(By.NAME, "mailingGroups.code", "NEWS")
        submit("button[value=preview]")
        preview = retry(lambda: find(By.ID, "preview").text)
        check("preview shows the count", "contacts would be added" in preview, preview)
        submit("button[value=add]")
        lines = retry(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr")))
        check("lines were added", lines > 0, str(lines))
        check("the criteria list reads like BC", "Add Contacts: Mailing Group = NEWS" in driver.page_source)
        accessible("worksheet")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(shots, "worksheet.png"))
        submit("form[action$='/go-back'] button")
        check("go back empties the worksheet",
              retry(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr"))) == 0)
    except Exception:
        results.append(("the walk-through ran to the end", False, traceback.format_exc()[-1500:]))
        if driver is not None:
            driver.save_screenshot(os.path.join(shots, "exception.png"))
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'} {name} {detail}")
    print(f"screenshots: {shots}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    shutil.rmtree(os.path.join(work, "r.sqlite"), ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
