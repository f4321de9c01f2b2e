#!/usr/bin/env python3
"""Checks the server's lifecycle with real `rapport serve` processes (build first: `swift build`):

- a browser signed in stays signed in when its SQLite-backed server restarts (sessions live in the database);
- SIGTERM in the middle of a request: the server stops accepting, completes the request, and exits 0;
- SIGTERM just after an import started: the import finishes within the grace period, and the restarted server shows its
  result;
- with RAPPORT_LIFECYCLE_POSTGRES (a server URL), the same on PostgreSQL; two instances started at once on one
  fresh database both come up, with every migration recorded once; and an instance killed (SIGKILL) in the middle
  of an import: the other instance shows the job failed, and no contact of it was written.

Prints "N passed, N failed" and exits 1 when any failed.
"""
import http.client, json, os, re, socket, subprocess, sys, tempfile, threading, traceback, urllib.parse

from rapport_server import ROOT, RapportServer

TOKEN = "lifecycle-admin-token"
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def request(url, method, path, body=None, headers=None):
    """One HTTP request; returns (status, headers as a list of pairs, body text). Redirects are not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    answer = (response.status, response.getheaders(), response.read().decode("utf-8", "replace"))
    connection.close()
    return answer


def cookie(headers, name):
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";")[0].split("=", 1)[1]
    return None


def sign_in(url, user_id, password):
    """Signs in through the web form; returns the session cookie's value."""
    status, headers, html = request(url, "GET", "/sign-in")
    csrf = cookie(headers, "rapport_csrf")
    form = urllib.parse.urlencode({"csrf": csrf, "userId": user_id, "password": password, "next": ""})
    status, headers, _ = request(url, "POST", "/sign-in", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rapport_csrf={csrf}"})
    return cookie(headers, "rapport_session") if status == 303 else None


def api(url, method, path, document):
    return request(url, method, path, json.dumps(document), {
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})


def serve(db, log, environment=None):
    return RapportServer(["--no-delivery", "--admin-token", TOKEN, "--db", db], log, environment)


def stop(server):
    server.stop()
    return server.process.returncode


def restart_keeps_sign_in(db, work, label):
    first = serve(db, os.path.join(work, f"{label}-first.log"))
    status, _, text = api(first.url, "POST", "/api/v1/users",
                          {"userId": "MARY", "role": "marketer", "password": "correct horse"})
    check(f"{label}: the user is created", status == 201, text)
    session = sign_in(first.url, "MARY", "correct horse")
    check(f"{label}: signing in sets the session cookie", session is not None)
    status, _, _ = request(first.url, "GET", "/segments", headers={"Cookie": f"rapport_session={session}"})
    check(f"{label}: the first server shows the segments page", status == 200, status)
    check(f"{label}: the first server exits 0 on SIGTERM", stop(first) == 0, first.process.returncode)
    second = serve(db, os.path.join(work, f"{label}-second.log"))
    status, _, html = request(second.url, "GET", "/segments", headers={"Cookie": f"rapport_session={session}"})
    check(f"{label}: the restarted server knows the session", status == 200 and "MARY" in html, status)
    status, headers, _ = request(second.url, "GET", "/segments", headers={"Cookie": "rapport_session=" + "0" * 64})
    check(f"{label}: an unknown cookie is sent to sign in", status == 303, status)
    check(f"{label}: the restarted server exits 0 on SIGTERM", stop(second) == 0, second.process.returncode)


def sigterm_mid_request(db, work, label):
    server = serve(db, os.path.join(work, f"{label}-sigterm.log"))
    body = json.dumps({"code": "ZZ", "name": "Stopped mid-request"}).encode()
    parts = urllib.parse.urlsplit(server.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    head = (f"POST /api/v1/salespeople HTTP/1.1\r\nHost: {parts.hostname}\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    sock.sendall(head + body[:10])
    # The server shows no sign of having read a request head, so the check gives it a moment. A head not yet read
    # when SIGTERM lands would make the check fail (the connection is closed as idle), never pass wrongly.
    threading.Event().wait(0.5)
    server.process.terminate()
    stopping = server.wait_for(r"stopping: no new connections")
    check(f"{label}: SIGTERM starts a graceful stop", stopping is not None)
    # The notice comes just before the listener closes: try until a connection is refused (at most 10 s).
    refused = False
    for _ in range(200):
        try:
            socket.create_connection((parts.hostname, parts.port), timeout=5).close()
        except OSError:
            refused = True
            break
        threading.Event().wait(0.05)
    check(f"{label}: new connections are refused while stopping", refused)
    sock.sendall(body[10:])
    response = b""
    while b"\r\n\r\n" not in response or len(response.split(b"\r\n\r\n", 1)[1]) < content_length(response):
        chunk = sock.recv(65536)
        if not chunk:
            break
        response += chunk
    sock.close()
    status_line = response.split(b"\r\n", 1)[0].decode("latin-1")
    check(f"{label}: the request under way completes", status_line.startswith("HTTP/1.1 201"), status_line)
    server.process.wait(timeout=60)
    check(f"{label}: the server exits 0", stop(server) == 0, server.process.returncode)


def page_csrf(html):
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return found.group(1) if found else ""


def start_import(url, session, rows):
    """Uploads a CSV of `rows` new companies through the import page; returns the job page's path."""
    cookies = {"Cookie": f"rapport_session={session}"}
    _, _, form = request(url, "GET", "/contacts/import", headers=cookies)
    boundary = "----RapportLifecycle"
    csv = "no,type,name\n" + "".join(f"K{index:07d},company,Company {index}\n" for index in range(rows))
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{page_csrf(form)}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"many.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n").encode()
    status, headers, text = request(url, "POST", "/contacts/import", body, {
        **cookies, "Content-Type": f"multipart/form-data; boundary={boundary}"})
    location = dict((key.lower(), value) for key, value in headers).get("location", "")
    return location if status == 303 and location.startswith("/jobs/") else None


def job_page(url, session, path):
    return request(url, "GET", path, headers={"Cookie": f"rapport_session={session}"})[2]


def until(read, condition, seconds=120):
    """Reads until `condition` holds of the answer (a few times a second), at most `seconds`; the last answer."""
    deadline = threading.Event()
    timer = threading.Timer(seconds, deadline.set)
    timer.start()
    value = read()
    while not condition(value) and not deadline.is_set():
        deadline.wait(0.2)
        value = read()
    timer.cancel()
    return value


def contact_count(url):
    status, _, text = request(url, "GET", "/api/v1/contacts?limit=1000", headers={"Authorization": f"Bearer {TOKEN}"})
    return len(json.loads(text).get("items", [])) if status == 200 else None


def signed_in_marketer(url):
    status, _, text = api(url, "POST", "/api/v1/users", {"userId": "MARY", "role": "marketer", "password": "correct horse"})
    return sign_in(url, "MARY", "correct horse") if status == 201 else None


def jobs_finish_on_sigterm(db, work, label):
    first = serve(db, os.path.join(work, f"{label}-import-first.log"))
    session = signed_in_marketer(first.url)
    path = start_import(first.url, session, 20000)
    check(f"{label}: the import starts as a job", path is not None, path)
    # At once: the job has just been recorded and runs for seconds yet.
    first.process.terminate()
    check(f"{label}: the server waits for the running job", first.wait_for(r"waiting for running jobs") is not None)
    # The job may take seconds yet (the grace period is 20 s); `stop` would kill the server after 10.
    first.process.wait(timeout=60)
    check(f"{label}: the server exits 0 after the job", stop(first) == 0, first.process.returncode)
    second = serve(db, os.path.join(work, f"{label}-import-second.log"))
    html = job_page(second.url, session, path)
    check(f"{label}: the restarted server shows the job's result", "20000 contacts created, 0 updated." in html,
          re.sub(r"\s+", " ", html)[-400:])
    stop(second)


def killed_mid_import(postgres, work):
    db = postgres + ("&" if "?" in postgres else "?") + "search_path=killed_" + os.path.basename(work).replace("-", "_")
    doomed = serve(db, os.path.join(work, "killed-doomed.log"))
    other = serve(db, os.path.join(work, "killed-other.log"), {"RAPPORT_JOB_HEARTBEAT_LIMIT": "3"})
    session = signed_in_marketer(doomed.url)
    path = start_import(doomed.url, session, 300000)
    check("postgres: the import starts as a job", path is not None, path)
    running = until(lambda: job_page(other.url, session, path), lambda html: "Writing" in html or "job-result" in html)
    check("postgres: the other instance shows the import writing", "Writing" in running, "it ended first")
    doomed.process.kill()
    doomed.process.wait()
    failed = until(lambda: job_page(other.url, session, path), lambda html: "job-error" in html, seconds=30)
    check("postgres: the other instance shows the killed instance's job failed", "stopped before it finished" in failed,
          re.sub(r"\s+", " ", failed)[-400:])
    check("postgres: no contact of the killed import was written", contact_count(other.url) == 0)
    doomed.stop()
    check("postgres: the other instance exits 0", stop(other) == 0, other.process.returncode)


def content_length(response):
    found = re.search(rb"(?i)content-length: *(\d+)", response.split(b"\r\n\r\n", 1)[0])
    return int(found.group(1)) if found else 0


def instances_start_together(postgres, work):
    db = postgres + ("&" if "?" in postgres else "?") + "search_path=together_" + os.path.basename(work).replace("-", "_")
    servers = [None, None]
    failures = []

    def start(index):
        try:
            servers[index] = serve(db, os.path.join(work, f"together-{index}.log"))
        except BaseException as error:  # SystemExit when it exits before listening
            failures.append(str(error))

    threads = [threading.Thread(target=start, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check("postgres: two instances started at once both listen", not failures and all(servers), failures)
    migrations = len([name for name in os.listdir(os.path.join(ROOT, "Sources/RapportStorage/Migrations/SQLite"))
                      if re.match(r"\d{4}-", name)])
    psql = sorted(subprocess.run(["bash", "-c", "ls -d /usr/lib/postgresql/*/bin/psql"], capture_output=True,
                                 text=True).stdout.split())[-1]
    schema = db.rsplit("search_path=", 1)[1]
    base = postgres.split("?")[0]
    recorded = subprocess.run([psql, base, "-Atc", f"SELECT count(*), count(DISTINCT name) FROM {schema}.schema_migration"],
                              capture_output=True, text=True)
    check("postgres: every migration recorded once", recorded.stdout.strip() == f"{migrations}|{migrations}",
          recorded.stdout + recorded.stderr)
    for server in servers:
        if server:
            check("postgres: an instance started together exits 0", stop(server) == 0, server.process.returncode)


def main():
    work = tempfile.mkdtemp(prefix="rapport-lifecycle-")
    postgres = os.environ.get("RAPPORT_LIFECYCLE_POSTGRES")
    cases = [("sqlite", lambda: restart_keeps_sign_in(os.path.join(work, "r.sqlite"), work, "sqlite")),
             ("sqlite", lambda: sigterm_mid_request(os.path.join(work, "s.sqlite"), work, "sqlite")),
             ("sqlite", lambda: jobs_finish_on_sigterm(os.path.join(work, "j.sqlite"), work, "sqlite"))]
    if postgres:
        schema = lambda name: postgres + ("&" if "?" in postgres else "?") + f"search_path={name}_" + \
            os.path.basename(work).replace("-", "_")
        cases += [("postgres", lambda: restart_keeps_sign_in(schema("restart"), work, "postgres")),
                  ("postgres", lambda: sigterm_mid_request(schema("sigterm"), work, "postgres")),
                  ("postgres", lambda: jobs_finish_on_sigterm(schema("jobs"), work, "postgres")),
                  ("postgres", lambda: instances_start_together(postgres, work)),
                  ("postgres", lambda: killed_mid_import(postgres, work))]
    for label, case in cases:
        try:
            case()
        except BaseException:
            check(f"{label}: ran without an exception", False, traceback.format_exc())
    for name, ok, detail in results:
        print(("passed  " if ok else "FAILED  ") + name + ("" if ok else f"  ({detail})"))
    failed = sum(1 for _, ok, _ in results if not ok)
    print(f"{len(results) - failed} passed, {failed} failed (logs in {work})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
