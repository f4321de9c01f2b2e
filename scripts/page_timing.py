#!/usr/bin/env python3
"""Times the web pages on a database (issue 15's bar: a page of the 1,000,000-contact bench database in
under 200 ms, release build, charts included). Not part of scripts/test: it needs a big database.

    swift build -c release --scratch-path .build-release --product rapport
    .build-release/release/rapport bench            # leaves /tmp/rapport-bench/rapport-bench-1000000.sqlite
    python3 scripts/page_timing.py --binary .build-release/release/rapport \
        --db /tmp/rapport-bench/rapport-bench-1000000.sqlite

It creates a marketer (PAGETIMER) in that database, signs in through the form and fetches each page
`--runs` times after one warm-up, printing the median and the slowest time of each."""
import argparse
import http.cookiejar
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

PAGES = ["/", "/contacts", "/segments", "/logged-segments", "/interaction-log-entries", "/interaction-templates",
         "/interaction-templates/LETTER/statistics", "/setup/campaigns", "/setup/audit-log"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--extra", action="append", default=[], help="another page to time, e.g. /segments/SEG-B")
    options = parser.parse_args()
    password = "page-timer-secret"
    subprocess.run([options.binary, "user", "create", "PAGETIMER", "--role", "admin", "--password", password,
                    "--db", options.db], capture_output=True, text=True)
    server = subprocess.Popen([options.binary, "serve", "--port", "0", "--db", options.db, "--no-delivery"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            match = re.search(r"(http://127\.0\.0\.1:\d+)", line)
            if match:
                url = match.group(1)
        if url is None:
            sys.exit("the server did not say where it listens")
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        opener.open(url + "/sign-in").read()
        csrf = next(cookie.value for cookie in jar if cookie.name == "rapport_csrf")
        form = urllib.parse.urlencode({"csrf": csrf, "userId": "PAGETIMER", "password": password, "next": ""})
        opener.open(url + "/sign-in", data=form.encode()).read()
        print(f"{'page':45} {'median ms':>10} {'max ms':>8}  status")
        for page in PAGES + options.extra:
            times, status = [], None
            for run in range(options.runs + 1):
                started = time.perf_counter()
                try:
                    with opener.open(url + page) as answer:
                        answer.read()
                        status = answer.status
                except urllib.error.HTTPError as error:
                    status = error.code
                if run > 0:
                    times.append((time.perf_counter() - started) * 1000)
            print(f"{page:45} {statistics.median(times):10.1f} {max(times):8.1f}  {status}")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
