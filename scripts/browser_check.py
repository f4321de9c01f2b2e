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

        def submit(css):
            """Clicks a submit button and waits for the next page to replace this one."""
            old = driver.find_element(By.TAG_NAME, "html")
            driver.find_element(By.CSS_SELECTOR, css).click()
            WebDriverWait(driver, 20).until(EC.staleness_of(old))
            WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.TAG_NAME, "h1")))

        def accessible(page):
            axe = Axe(driver)
            axe.inject()
            found = axe.run()
            bad = [v["id"] for v in found["violations"] if v.get("impact") in ("serious", "critical")]
            check(f"axe: no serious or critical violations on {page}", not bad, ", ".join(bad))

        driver.get(url + "/segments")
        check("unsigned visitors land on sign-in", driver.current_url.endswith("/sign-in"))
        accessible("sign-in")
        driver.find_element(By.ID, "userId").send_keys("DEMO")
        driver.find_element(By.ID, "password").send_keys("wrong password")
        submit("form button[type=submit]")
        check("a wrong password is refused next to the form", "not right" in driver.page_source)
        check("the user ID is kept", driver.find_element(By.ID, "userId").get_attribute("value") == "DEMO")
        driver.find_element(By.ID, "password").send_keys("rapport-demo")
        submit("main form button[type=submit]")
        check("signed in, on the segments page", driver.find_element(By.TAG_NAME, "h1").text == "Segments")
        accessible("segments")
        driver.get(url + "/contacts?city=Leeds")
        check("contacts are listed", "Leeds" in driver.page_source)
        accessible("contacts")
        driver.get(url + "/segments")
        driver.find_element(By.ID, "description").send_keys("Spring letter <b>to</b> Leeds & York")
        driver.find_element(By.ID, "template").send_keys("LETTER")
        submit("form[action='/segments'] button")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        check("the worksheet opens, its text escaped", "Spring letter <b>to</b> Leeds & York" in heading, heading)
        driver.find_element(By.NAME, "contact.city").send_keys("Leeds|York")
        driver.find_element(By.NAME, "mailingGroups.code").send_keys("NEWS")
        submit("button[value=preview]")
        preview = driver.find_element(By.ID, "preview").text
        check("preview shows the count", "contacts would be added" in preview, preview)
        submit("button[value=add]")
        lines = driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr")
        check("lines were added", len(lines) > 0, str(len(lines)))
        check("the criteria list reads like BC", "Add Contacts: Mailing Group = NEWS" in driver.page_source)
        accessible("worksheet")
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(os.path.join(shots, "worksheet.png"))
        submit("form[action$='/go-back'] button")
        check("go back empties the worksheet", len(driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr")) == 0)
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
