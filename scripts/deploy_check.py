#!/usr/bin/env python3
"""The production set-up, end to end on one machine: PostgreSQL, two `rapport serve` instances on it and a
real nginx balancing round-robin between them, with the proxy settings of deploy/nginx/rapport-proxy.conf.

It starts a throwaway PostgreSQL cluster (scripts/postgres_cluster), two instances configured through
RAPPORT_* environment variables (each on a free port, trusting the proxy's address only), and nginx as
this user with a temporary prefix on a free port (plain HTTP here; TLS is nginx's own business). Through
the balancer it checks the health endpoints, /metrics of each instance, that X-Request-Id passes through,
that API calls with a bearer token land alternately on both instances, and that an instance takes the
client's address from X-Forwarded-For only when the request comes from the proxy; and that the shipped
deploy/nginx/rapport.conf (TLS server blocks) passes `nginx -t` with a throwaway certificate. Prints
"N passed, N failed".

Then it walks issue 12's scenario through the balancer, with a request id on every request so the instance
that answered each one is known (consecutive requests land on alternate instances): a marketer signs in and
walks the worksheet (create a segment, Add Contacts, the lines, Go Back) with every other request on the other
instance; starts a contact import and watches its job page answered by both instances until it is done; logs
one segment from both instances at once (one 201, one 409 `already_logged`, one logged segment); delivers
1,000 e-mails to a local SMTP sink (scripts/smtp_sink.py) with both instances' workers claiming (each message
exactly once, counted by the entry number in its Message-ID); then kills the instance running an import with
SIGKILL (the other shows the job failed once its heartbeat is older than RAPPORT_JOB_HEARTBEAT_LIMIT, and no
row of it was written), and stops the survivor with SIGTERM while a request waits on a table lock held from
psql (the request completes with 201 and the process exits 0). Those last two checks end both instances, so
they run last.

To extend it, add a function taking a `Deployment` and the results list, and list it in CHECKS:
`deployment.session()` is a client through nginx with a cookie jar, `Walk` one that also records which
instance answered each step, `deployment.served_by(request_id)` says which instance answered, `deployment.api`
calls the API as the admin, `sql` asks the database, and `stop_instance`/`start_instance` restart one.

Usage: deploy_check.py [--keep]   (--keep leaves the work folder with the logs and nginx.conf)
"""
import argparse
import glob
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from rapport_server import RapportServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROXY_SNIPPET = os.path.join(ROOT, "deploy", "nginx", "rapport-proxy.conf")
ADMIN_TOKEN = "deploy-check-admin-token"
METRICS_TOKEN = "deploy-check-metrics-token"
# nginx connects to the instances from this loopback address, the only one they trust; the checks connect
# from CLIENT_ADDRESS, so the three roles have addresses of their own on one machine.
PROXY_ADDRESS = "127.0.0.2"
CLIENT_ADDRESS = "127.0.0.3"
# A job whose instance has not written a heartbeat for this long (seconds) is taken for dead by the other one
# (60 by default; the heartbeat is written every second).
HEARTBEAT_LIMIT = "5"
# How often a condition is looked at while waiting for it (never a fixed sleep as synchronisation).
POLL_INTERVAL = 0.1
# The request log line of an instance: swift-log's "... requestId=ID ... [RapportServer] request".
REQUEST_LINE = re.compile(r"\brequestId=(\S+).* request$")


# MARK: - Processes

def start_postgres(work):
    """A throwaway cluster; returns (its folder, its URL)."""
    folder = os.path.join(work, "postgres")
    url = subprocess.run([os.path.join(ROOT, "scripts", "postgres_cluster"), "start", folder],
                         check=True, capture_output=True, text=True).stdout.strip()
    return folder, url


def stop_postgres(folder):
    subprocess.run([os.path.join(ROOT, "scripts", "postgres_cluster"), "stop", folder], check=False)


def start_instance(name, database, work, extra_environment=None):
    """`rapport serve` on a free port, configured the way a service manager would: through RAPPORT_*."""
    environment = {
        "RAPPORT_DB": database, "RAPPORT_ADMIN_TOKEN": ADMIN_TOKEN, "RAPPORT_METRICS_TOKEN": METRICS_TOKEN,
        "RAPPORT_TRUSTED_PROXY": PROXY_ADDRESS, "RAPPORT_HOST": "127.0.0.1", **(extra_environment or {}),
    }
    server = RapportServer([], os.path.join(work, f"{name}.log"), environment=environment)
    server.name = name
    return server


def stop_instance(instance):
    instance.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_configuration(prefix, port, instances):
    upstreams = "\n".join(f"        server {instance.url.removeprefix('http://')};" for instance in instances)
    return f"""
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr id=$rapport_request_id';
    access_log {prefix}/access.log upstream;
    map $http_x_request_id $rapport_request_id {{
        default $request_id;
        "~^[A-Za-z0-9._:+/=-]{{1,128}}$" $http_x_request_id;
    }}
    upstream rapport {{
{upstreams}
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_bind {PROXY_ADDRESS};
            include {PROXY_SNIPPET};
        }}
    }}
}}
"""


class Nginx:
    """nginx as this user, everything under `prefix`, on a free port; `url` is the balancer's address."""

    def __init__(self, work, instances):
        self.prefix = os.path.join(work, "nginx")
        os.makedirs(self.prefix, exist_ok=True)
        self.process = None
        # nginx cannot be told to take port 0: offer ports the kernel just handed out until one binds.
        for _ in range(5):
            port = free_port()
            path = os.path.join(self.prefix, "nginx.conf")
            with open(path, "w", encoding="utf-8") as conf:
                conf.write(nginx_configuration(self.prefix, port, instances))
            self.process = subprocess.Popen(["nginx", "-p", self.prefix, "-c", path, "-e", self.prefix + "/error.log"],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._wait_listening(port):
                self.url = f"http://127.0.0.1:{port}"
                return
            self.process.wait()
        raise SystemExit("nginx did not start:\n" + open(os.path.join(self.prefix, "error.log")).read())

    def _wait_listening(self, port):
        """True once nginx accepts connections, False when it exited (the port was taken)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


# MARK: - Clients

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


def request(url, path, method="GET", headers=None, body=None, source=CLIENT_ADDRESS):
    """One request from the loopback address `source`; returns an Answer whatever the status."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60, source_address=(source, 0))
    try:
        data = body.encode("utf-8") if isinstance(body, str) else body
        connection.request(method, path, body=data, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


class Session:
    """A client of the site through the balancer that keeps cookies, as a browser does (for the web walk)."""

    def __init__(self, url):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies),
                                                  NoRedirect())

    def call(self, method, path, headers=None, body=None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        sent = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        try:
            with self.opener.open(sent, timeout=60) as response:
                return Answer(response.status, {k.lower(): v for k, v in response.headers.items()},
                              response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Answer(error.code, {k.lower(): v for k, v in error.headers.items()},
                          error.read().decode("utf-8", "replace"))

    def get(self, path, headers=None):
        return self.call("GET", path, headers)

    def post(self, path, body, headers=None):
        return self.call("POST", path, {"Content-Type": "application/json", **(headers or {})}, body)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check (sign-in, after a form), not to follow blindly."""

    def redirect_request(self, *arguments):
        return None


class Deployment:
    """The running set-up: the cluster's URL, the instances, nginx, and what each instance logged."""

    def __init__(self, database, instances, nginx, work):
        self.database, self.instances, self.nginx, self.work = database, instances, nginx, work
        self.is_prepared = False

    def instance(self, name):
        return next(instance for instance in self.instances if instance.name == name)

    def api(self, method, path, document=None, content_type="application/json", request_id=None):
        """An API call as the admin through nginx; `document` is JSON-encoded unless it is text already."""
        body = document if document is None or isinstance(document, (str, bytes)) else json.dumps(document)
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": content_type,
                   "X-Request-Id": request_id or new_id("api")}
        return request(self.url, path, method, headers, body)

    @property
    def url(self):
        return self.nginx.url

    def session(self):
        return Session(self.url)

    def request_lines(self, instance):
        """The instance's request log lines, by request id."""
        with open(instance.log_path, encoding="utf-8", errors="replace") as log:
            return {match.group(1): line for line in log if (match := REQUEST_LINE.search(line.rstrip()))}

    def logged(self, request_id):
        """{instance name: its request log line} for the request with this id. An instance writes the line
        before it answers, but its log reaches the file through a pipe: wait (10 s at most) until it is there."""
        deadline = time.monotonic() + 10
        while True:
            found = {instance.name: line for instance in self.instances
                     if (line := self.request_lines(instance).get(request_id))}
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def served_by(self, request_id):
        """The names of the instances that logged a request with this id (one, when all is well)."""
        return sorted(self.logged(request_id))

    def logged_client(self, request_id):
        """The client address the instance logged for the request."""
        for line in self.logged(request_id).values():
            found = re.search(r"\bclient=(\S+)", line)
            return found.group(1) if found else None
        return None


def new_id(label):
    return f"deploy-{label}-{uuid.uuid4().hex[:12]}"


# MARK: - Checks

def check_health(deployment, results):
    live = request(deployment.url, "/health/live")
    results.append(("GET /health/live through nginx", live.status == 200 and live.json() == {"status": "ok"},
                    f"{live.status} {live.body}"))
    for _ in deployment.instances:
        ready = request(deployment.url, "/health/ready")
        results.append(("GET /health/ready through nginx",
                        ready.status == 200 and ready.json() == {"status": "ok", "database": "ok"},
                        f"{ready.status} {ready.body}"))


def check_session(deployment, results):
    """A browser-like session through nginx: the sign-in page and its CSRF cookie come back."""
    session = deployment.session()
    page = session.get("/sign-in")
    cookies = {cookie.name for cookie in session.cookies}
    results.append(("the sign-in page through nginx, with its CSRF cookie", page.status == 200
                    and "rapport_csrf" in cookies, f"{page.status}, cookies {sorted(cookies)}"))
    redirected = session.get("/segments")
    results.append(("a page needing a session redirects to sign-in", redirected.status == 303
                    and redirected.headers.get("location", "").startswith("/sign-in"),
                    f"{redirected.status} {redirected.headers.get('location')}"))


def check_request_id(deployment, results):
    sent = new_id("echo")
    answer = request(deployment.url, "/health/live", headers={"X-Request-Id": sent})
    results.append(("X-Request-Id passes through nginx and is echoed", answer.headers.get("x-request-id") == sent,
                    f"sent {sent}, got {answer.headers.get('x-request-id')}"))
    results.append(("the instance logged the request under that id", len(deployment.served_by(sent)) == 1,
                    f"served by {deployment.served_by(sent)}"))
    made = request(deployment.url, "/health/live").headers.get("x-request-id", "")
    results.append(("without one, nginx's own id reaches the instance", re.fullmatch(r"[0-9a-f]{32}", made) is not None
                    and len(deployment.served_by(made)) == 1, f"got {made!r}"))


def check_metrics(deployment, results):
    refused = request(deployment.url, "/metrics")
    results.append(("/metrics without the metrics token is 401", refused.status == 401, f"{refused.status}"))
    seen = {}
    for _ in deployment.instances:
        sent = new_id("metrics")
        answer = request(deployment.url, "/metrics",
                         headers={"Authorization": f"Bearer {METRICS_TOKEN}", "X-Request-Id": sent})
        for name in deployment.served_by(sent):
            seen[name] = answer
    results.append(("/metrics answered by each instance in turn", sorted(seen) == sorted(i.name for i in deployment.instances),
                    f"answered by {sorted(seen)}"))
    for name, answer in sorted(seen.items()):
        ok = (answer.status == 200 and "rapport_db_up 1" in answer.body
              and "rapport_http_requests_total{" in answer.body and "rapport_delivery_queue_depth" in answer.body)
        results.append((f"/metrics of {name} is Prometheus text with the database up", ok, answer.body[:500]))


def check_api_alternates(deployment, results):
    created = request(deployment.url, "/api/v1/users", "POST",
                      {"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"},
                      json.dumps({"userId": "DEPLOY" + uuid.uuid4().hex[:6].upper(), "role": "marketer"}))
    results.append(("a user created through nginx", created.status == 201, f"{created.status} {created.body[:300]}"))
    if created.status != 201:
        return
    token = created.json()["token"]
    before = {i.name: route_count(i, "/api/v1/me") for i in deployment.instances}
    order, statuses = [], []
    for index in range(10):
        sent = new_id(f"me{index}")
        answer = request(deployment.url, "/api/v1/me",
                         headers={"Authorization": f"Bearer {token}", "X-Request-Id": sent})
        statuses.append(answer.status)
        order.append(",".join(deployment.served_by(sent)))
    results.append(("ten calls with the user's token all succeed", statuses == [200] * 10, f"{statuses}"))
    alternating = all(order[i] and order[i] != order[i + 1] for i in range(len(order) - 1))
    results.append(("consecutive calls land on alternate instances", alternating, f"{order}"))
    after = {i.name: route_count(i, "/api/v1/me") for i in deployment.instances}
    served = {name: after[name] - before[name] for name in after}
    results.append(("each instance's metrics count five of them", served == {i.name: 5 for i in deployment.instances},
                    f"{served}"))


def route_count(instance, route):
    """rapport_http_requests_total for GET `route` with 200, read from the instance directly."""
    text = request(instance.url, "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).body
    pattern = re.compile(r'^rapport_http_requests_total\{(?=.*method="GET")(?=.*route="' + re.escape(route)
                         + r'")(?=.*status="200")[^}]*\} (\d+)', re.MULTILINE)
    found = pattern.search(text)
    return int(found.group(1)) if found else 0


def check_forwarded_for(deployment, results):
    spoofed = "198.51.100.7"
    through = new_id("xff-proxy")
    request(deployment.url, "/health/live", headers={"X-Request-Id": through, "X-Forwarded-For": spoofed})
    results.append(("through nginx the client's own address is logged (from X-Forwarded-For), not the proxy's "
                    "nor a forged one", deployment.logged_client(through) == CLIENT_ADDRESS,
                    f"logged {deployment.logged_client(through)}"))
    instance = deployment.instances[0]
    direct = new_id("xff-direct")
    request(instance.url, "/health/live", headers={"X-Request-Id": direct, "X-Forwarded-For": spoofed})
    results.append(("straight to an instance X-Forwarded-For is ignored", deployment.logged_client(direct) == CLIENT_ADDRESS,
                    f"logged {deployment.logged_client(direct)}"))
    trusted = new_id("xff-trusted")
    request(instance.url, "/health/live", headers={"X-Request-Id": trusted, "X-Forwarded-For": spoofed},
            source=PROXY_ADDRESS)
    results.append(("from the proxy's address X-Forwarded-For is believed", deployment.logged_client(trusted) == spoofed,
                    f"logged {deployment.logged_client(trusted)}"))


def check_production_configuration(deployment, results):
    """deploy/nginx/rapport.conf as shipped, with a throwaway certificate in place of the real one, passes
    `nginx -t` (the checks above run its proxy settings; this one its server blocks)."""
    folder = os.path.join(deployment.nginx.prefix, "production")
    os.makedirs(os.path.join(folder, "snippets"), exist_ok=True)
    shutil.copy(PROXY_SNIPPET, os.path.join(folder, "snippets", "rapport-proxy.conf"))
    certificate, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=rapport.test",
                    "-keyout", key, "-out", certificate], check=True, capture_output=True)
    with open(os.path.join(ROOT, "deploy", "nginx", "rapport.conf"), encoding="utf-8") as shipped:
        text = (shipped.read().replace("/etc/ssl/certs/rapport.example.com.pem", certificate)
                .replace("/etc/ssl/private/rapport.example.com.key", key)
                .replace("/var/log/nginx/", folder + "/"))
    with open(os.path.join(folder, "rapport.conf"), "w", encoding="utf-8") as conf:
        conf.write(text)
    with open(os.path.join(folder, "nginx.conf"), "w", encoding="utf-8") as main_conf:
        main_conf.write(f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
                        f"http {{\n    include {folder}/rapport.conf;\n}}\n")
    tested = subprocess.run(["nginx", "-t", "-p", folder, "-c", os.path.join(folder, "nginx.conf"),
                             "-e", folder + "/error.log"], capture_output=True, text=True)
    results.append(("deploy/nginx/rapport.conf passes nginx -t", tested.returncode == 0, tested.stderr[-1500:]))


# MARK: - Issue 12's scenario: helpers

MARKETER_PASSWORD = "correct horse battery"
PSQL = (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or ["psql"])[-1]


def until(read, condition, seconds):
    """Reads until `condition` holds of the value (every POLL_INTERVAL), at most `seconds`; the last value read."""
    deadline = time.monotonic() + seconds
    value = read()
    while not condition(value) and time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL)
        value = read()
    return value


def alternates(order):
    """True when every step was answered by one instance, each by another than the step before."""
    return (len(order) > 1 and all(step and "," not in step for step in order)
            and all(step != following for step, following in zip(order, order[1:])))


def sql(deployment, query):
    """One query's rows as text (psql -At), asked of the cluster directly."""
    return subprocess.run([PSQL, deployment.database, "-Atc", query], check=True, capture_output=True,
                          text=True).stdout.strip()


def expect(answer, status, what):
    """The answer when it has `status` (or one of a tuple); otherwise the check stops here, its failure saying
    what was refused."""
    if answer.status not in (status if isinstance(status, tuple) else (status,)):
        raise RuntimeError(f"{what}: {answer.status} {answer.body[:300]}")
    return answer


def prepare(deployment):
    """What every scenario check needs, once: segment numbers, a salesperson, a letter and an e-mail template
    (with a body)."""
    if deployment.is_prepared:
        return
    for path, document in [("/api/v1/number-series", {"code": "SEG", "startingNo": "SEG00001"}),
                           ("/api/v1/salespeople", {"code": "JO", "name": "Jo"}),
                           ("/api/v1/languages", {"code": "ENU"}),
                           ("/api/v1/interaction-templates",
                            {"code": "LETTER", "description": "Letter", "correspondenceTypeDefault": "hardCopy"}),
                           ("/api/v1/interaction-templates",
                            {"code": "EMAIL", "description": "E-mail", "correspondenceTypeDefault": "email",
                             "ignoreContactCorrespondenceType": True})]:
        expect(deployment.api("POST", path, document), 201, f"POST {path}")
    expect(deployment.api("PATCH", "/api/v1/setup", {"segmentNos": "SEG"}), 200, "PATCH /api/v1/setup")
    expect(deployment.api("PUT", "/api/v1/interaction-templates/EMAIL/languages/ENU", {"description": "E-mail"}),
           (200, 201), "the e-mail template's language")
    expect(deployment.api("PATCH", "/api/v1/interaction-templates/EMAIL", {"languageCodeDefault": "ENU"}), 200,
           "the e-mail template's default language")
    expect(deployment.api("PUT", "/api/v1/interaction-templates/EMAIL/languages/ENU/email-body",
                          "<p>Dear {{ContactName}}</p>", content_type="text/html"), (200, 201), "the e-mail body")
    deployment.is_prepared = True


def import_contacts(deployment, header, rows):
    """Imports CSV rows through the API (at once, not as a job)."""
    csv = header + "\n" + "".join(row + "\n" for row in rows)
    expect(deployment.api("POST", "/api/v1/contacts/import", csv, content_type="text/csv"), 200, "the contact import")


def segment_of(deployment, description, template, filters, header=None):
    """A new segment (numbered from the series) with the contacts the filters select; returns its number."""
    created = expect(deployment.api("POST", "/api/v1/segments",
                                    {"description": description, "interactionTemplateCode": template,
                                     "salespersonCode": "JO"}),
                     201, "POST /api/v1/segments")
    no = created.json()["no"]
    if header:
        expect(deployment.api("PATCH", f"/api/v1/segments/{no}", header), 200, "the segment header")
    expect(deployment.api("POST", f"/api/v1/segments/{no}/add-contacts", {"filters": filters}), 200, "Add Contacts")
    return no


def new_marketer(deployment):
    """A marketer with a password, for the web pages; returns the user id."""
    user_id = "WALK" + uuid.uuid4().hex[:6].upper()
    expect(deployment.api("POST", "/api/v1/users", {"userId": user_id, "role": "marketer",
                                                    "password": MARKETER_PASSWORD}), 201, "POST /api/v1/users")
    return user_id


def page_csrf(html):
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return found.group(1) if found else ""


def notice(html):
    found = re.search(r'id="notice">([^<]*)<', html)
    return found.group(1) if found else ""


class Walk:
    """A browser through the balancer: a cookie jar, a request id on every step, and `steps` recording each
    step's label, status and the instance that answered it."""

    def __init__(self, deployment):
        self.deployment = deployment
        self.session = deployment.session()
        self.steps = []

    def call(self, label, method, path, form=None, body=None, content_type=None):
        sent = new_id("walk")
        headers = {"X-Request-Id": sent}
        if form is not None:
            body, content_type = urllib.parse.urlencode(form), "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        answer = self.session.call(method, path, headers, body)
        answer.instance = ",".join(self.deployment.served_by(sent))
        self.steps.append((label, answer.status, answer.instance))
        return answer

    def order(self):
        return [instance for _, _, instance in self.steps]

    def cookie(self, name):
        return next((cookie.value for cookie in self.session.cookies if cookie.name == name), "")

    def sign_in(self, user_id):
        """Signs in through the form; True when the site answered with the redirect to the page asked for."""
        self.call("the sign-in page", "GET", "/sign-in")
        answer = self.call("sign in", "POST", "/sign-in", form={
            "csrf": self.cookie("rapport_csrf"), "userId": user_id, "password": MARKETER_PASSWORD, "next": ""})
        return answer.status == 303 and not answer.headers.get("location", "").startswith("/sign-in")

    def start_import(self, prefix, rows):
        """Uploads `rows` new companies numbered PREFIX0000001… on the import page; returns (the job page's path,
        the instance that runs the job: the one that took the upload)."""
        form = self.call("the import page", "GET", "/contacts/import")
        boundary = "----RapportDeployCheck"
        csv = "no,type,name\n" + "".join(f"{prefix}{index:07d},company,Company {index}\n" for index in range(rows))
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{page_csrf(form.body)}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{prefix}.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n").encode()
        answer = self.call("upload the CSV", "POST", "/contacts/import", body=body,
                           content_type=f"multipart/form-data; boundary={boundary}")
        location = answer.headers.get("location", "")
        return (location if answer.status == 303 and location.startswith("/jobs/") else None), answer.instance


def job_state(html):
    """What a job page says: ("running", its progress), ("done", the result) or ("failed", the error)."""
    for state, pattern in [("running", r'id="job-status"[^>]*>.*?</progress>\s*([^<]*)'),
                           ("done", r'id="job-result">([^<]*)<'), ("failed", r'id="job-error">([^<]*)<')]:
        found = re.search(pattern, html, re.DOTALL)
        if found:
            return state, " ".join(found.group(1).split())
    return "unknown", " ".join(re.sub(r"<[^>]+>", " ", html).split())[-200:]


def contacts_numbered(deployment, prefix):
    return int(sql(deployment, f"SELECT count(*) FROM contact WHERE no LIKE '{prefix}%'"))


class SMTPSink:
    """scripts/smtp_sink.py in a folder of its own: a real SMTP server keeping each accepted message as a file."""

    def __init__(self, folder):
        self.folder = folder
        self.process = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts", "smtp_sink.py"), folder],
                                        stdout=subprocess.PIPE, text=True)
        # The sink prints its port once it answers SMTP.
        line = self.process.stdout.readline().strip()
        if not line.isdigit():
            self.stop()
            raise RuntimeError(f"the SMTP sink did not start: {line!r}")
        self.port = int(line)

    def messages(self):
        names = sorted(name for name in os.listdir(self.folder) if name.endswith(".eml"))
        return [open(os.path.join(self.folder, name), encoding="utf-8", errors="replace").read() for name in names]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class TableLock:
    """A transaction in psql holding a lock that makes every INSERT into `table` wait until `release`."""

    def __init__(self, deployment, table):
        self.process = subprocess.Popen([PSQL, deployment.database, "-q"], stdin=subprocess.PIPE,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        self.process.stdin.write(f"BEGIN;\nLOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE;\n")
        self.process.stdin.flush()
        held = until(lambda: sql(deployment, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                             f"WHERE c.relname = '{table}' AND l.mode = 'ShareRowExclusiveLock' "
                                             "AND l.granted"), lambda count: count == "1", 30)
        if held != "1":
            self.release()
            raise RuntimeError(f"psql did not get the lock on {table}")

    def release(self):
        if self.process.poll() is None:
            self.process.stdin.write("COMMIT;\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)


# MARK: - Issue 12's scenario: checks

def check_web_walk(deployment, results):
    """A marketer signs in and walks the worksheet, every other request on the other instance: the session,
    the flash notices and the CSRF secret come from the database, whichever instance answers."""
    prepare(deployment)
    import_contacts(deployment, "no,type,name,city",
                    [f"WALK{index:03d},company,Walk {index},{'Leeds' if index % 3 else 'York'}" for index in range(30)])
    leeds = sum(1 for index in range(30) if index % 3)
    walk = Walk(deployment)
    results.append(("web walk: a marketer signs in through nginx", walk.sign_in(new_marketer(deployment)),
                    f"{walk.steps}"))
    listed = walk.call("the segments page", "GET", "/segments")
    csrf = page_csrf(listed.body)
    created = walk.call("create a segment", "POST", "/segments", form={"csrf": csrf, "description": "Through nginx"})
    path = created.headers.get("location", "")
    sheet = walk.call("the new worksheet", "GET", path)
    results.append(("web walk: the segment is created and its worksheet shows the notice set by the other instance",
                    created.status == 303 and path.startswith("/segments/SEG") and sheet.status == 200
                    and notice(sheet.body) == f"Segment {path.rsplit('/', 1)[-1]} was created.",
                    f"{created.status} {path}, {sheet.status} notice {notice(sheet.body)!r}"))
    added = walk.call("Add Contacts", "POST", path + "/contacts",
                      form={"csrf": csrf, "action": "add", "contact.no": "WALK*", "contact.city": "Leeds"})
    lines = walk.call("the worksheet with its lines", "GET", path)
    shown = len(re.findall(r'<tr id="line-\d+">', lines.body))
    results.append(("web walk: Add Contacts with a filter adds the Leeds contacts and the lines are shown",
                    added.status == 303 and notice(lines.body).startswith(f"{leeds} lines added") and shown == leeds,
                    f"{added.status}, notice {notice(lines.body)!r}, {shown} lines shown of {leeds}"))
    back = walk.call("Go Back", "POST", path + "/go-back", form={"csrf": csrf})
    after = walk.call("the worksheet after Go Back", "GET", path)
    results.append(("web walk: Go Back undoes the Add", back.status == 303
                    and notice(after.body) == "The last action was undone: 0 lines."
                    and "<p id=\"totals\">0 lines" in after.body, f"{back.status}, notice {notice(after.body)!r}"))
    statuses = [(label, status) for label, status, _ in walk.steps]
    results.append(("web walk: never signed out nor refused (no 403 for CSRF, no redirect to sign-in)",
                    all(status in (200, 303) for _, status in statuses)
                    and all(not answer.headers.get("location", "").startswith("/sign-in") for answer in (created, added, back)),
                    f"{statuses}"))
    results.append(("web walk: every other request on the other instance", alternates(walk.order()),
                    f"{walk.order()}"))


# Big enough that the import outlasts many one-second heartbeats however fast it gets (with COPY on PostgreSQL,
# 30,000 rows took 2 s and the other instance could miss the one heartbeat in between).
IMPORT_ROWS = 200000


def check_import_progress(deployment, results):
    """An import started on the import page; its job page, polled through nginx, shows its progress from both
    instances (the one running it and the other, reading the heartbeat from the database) until it is done."""
    walk = Walk(deployment)
    walk.sign_in(new_marketer(deployment))
    path, runner = walk.start_import("WATCH", IMPORT_ROWS)
    results.append(("import: the upload starts a job", path is not None, f"{walk.steps[-1]}"))
    if path is None:
        return
    pages = []

    def poll():
        answer = walk.call("the job page", "GET", path)
        pages.append((answer.instance, answer.status) + job_state(answer.body))
        return pages[-1]

    until(poll, lambda page: page[2] != "running", 300)
    running = sorted({instance for instance, _, state, _ in pages if state == "running"})
    results.append(("import: both instances showed the job running",
                    running == sorted(instance.name for instance in deployment.instances),
                    f"runner {runner}; {len(pages)} polls; running shown by {running}"))
    # Each change of what the page said, with the instance that said it.
    changes = [f"{instance}: {text}" for index, (instance, _, _, text) in enumerate(pages)
               if index == 0 or re.sub(r" \(\d+ s\)", "", text) != re.sub(r" \(\d+ s\)", "", pages[index - 1][3])]
    # The instance not running the job knows its progress only from the heartbeat in the database.
    relayed = {text.split(" ")[0] for instance, _, state, text in pages if state == "running" and instance != runner}
    results.append(("import: the other instance showed the progress written by the runner's heartbeat",
                    bool(relayed - {"Starting…"}), f"{changes}"))
    results.append(("import: the upload and the job page polls alternated between the instances",
                    alternates(walk.order()), f"{walk.order()}"))
    last = pages[-1]
    results.append(("import: the job ends done, with every row written",
                    last[2] == "done" and last[3].startswith(f"{IMPORT_ROWS} contacts created, 0 updated.")
                    and contacts_numbered(deployment, "WATCH") == IMPORT_ROWS,
                    f"{last}, {contacts_numbered(deployment, 'WATCH')} in the database"))


def check_log_race(deployment, results):
    """The same segment logged from both instances at once: exactly one Log wins (201), the other is told
    409 `already_logged`, and the database holds one logged segment for it."""
    prepare(deployment)
    import_contacts(deployment, "no,type,name", [f"RACE{index:05d},company,Race {index}" for index in range(2000)])
    no = segment_of(deployment, "Logged twice at once", "LETTER", {"contact": {"no": "RACE*"}})
    answers, barrier = {}, threading.Barrier(2)

    def log(index):
        sent = new_id(f"log{index}")
        barrier.wait()
        started = time.monotonic()
        answer = deployment.api("POST", f"/api/v1/segments/{no}/log", "{}", request_id=sent)
        answers[index] = (answer, started, time.monotonic(), ",".join(deployment.served_by(sent)))

    threads = [threading.Thread(target=log, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answers[index][0].status for index in answers)
    instances = sorted(answers[index][3] for index in answers)
    results.append(("log race: the two Logs went to different instances, at the same time",
                    instances == sorted(i.name for i in deployment.instances)
                    and max(a[1] for a in answers.values()) < min(a[2] for a in answers.values()),
                    f"{instances}"))
    loser = next((a[0] for a in answers.values() if a[0].status != 201), None)
    code = loser.json().get("error", {}).get("code") if loser and loser.body.startswith("{") else None
    results.append(("log race: exactly one 201, the other 409 already_logged",
                    statuses == [201, 409] and code == "already_logged",
                    f"{statuses} {loser.body[:200] if loser else ''}"))
    logged = sql(deployment, f"SELECT count(*) FROM logged_segment WHERE segment_no = '{no}'")
    entries = sql(deployment, "SELECT count(*) FROM interaction_log_entry e JOIN logged_segment l "
                              f"ON l.entry_no = e.logged_segment_entry_no WHERE l.segment_no = '{no}'")
    results.append(("log race: one logged segment in the database, its 2000 entries once",
                    logged == "1" and entries == "2000", f"logged {logged}, entries {entries}"))


MAILS = 1000


def check_delivery_exactly_once(deployment, results):
    """1,000 e-mails to a local SMTP sink with both instances' delivery workers claiming from the one queue:
    every entry sent, each message exactly once (counted by the entry number in its Message-ID)."""
    prepare(deployment)
    import_contacts(deployment, "no,type,name,email",
                    [f"MAIL{index:05d},company,Mail {index},mail-{index:05d}@example.com" for index in range(MAILS)])
    sink = SMTPSink(os.path.join(deployment.work, "smtp"))
    try:
        expect(deployment.api("PATCH", "/api/v1/setup", {"smtp": {"host": "127.0.0.1", "port": sink.port,
                                                                  "fromAddress": "news@rapport.example"}}),
               200, "the SMTP setup")
        no = segment_of(deployment, "A thousand e-mails", "EMAIL", {"contact": {"no": "MAIL*"}},
                        {"correspondenceTypeDefault": "email", "ignoreContactCorrespondenceType": True})
        logged = expect(deployment.api("POST", f"/api/v1/segments/{no}/log", {"send": True}), 201, "Log with send")
        entry_no = logged.json()["loggedSegment"]["entryNo"]
        results.append(("delivery: Log queues 1000 e-mails", logged.json()["deliveries"]["queued"] == MAILS,
                        logged.body[:300]))
        claimants = set()

        def progress():
            claimants.update(sql(deployment, "SELECT DISTINCT delivery_claimed_by FROM interaction_log_entry "
                                             f"WHERE logged_segment_entry_no = {entry_no} "
                                             "AND delivery_claimed_by IS NOT NULL").split())
            return sql(deployment, "SELECT delivery_status || '=' || count(*) FROM interaction_log_entry "
                                   f"WHERE logged_segment_entry_no = {entry_no} GROUP BY delivery_status")

        statuses = until(progress, lambda text: text.split() == [f"sent={MAILS}"] or "pending" not in text, 600)
        results.append(("delivery: every entry is sent", statuses.split() == [f"sent={MAILS}"], statuses))
        workers = {i.name: any(f"-{i.process.pid}-" in claimant for claimant in claimants)
                   for i in deployment.instances}
        results.append(("delivery: both instances' workers claimed some", all(workers.values()),
                        f"{workers}; claimants seen {sorted(claimants)}"))
        messages = sink.messages()
        numbers = [int(found.group(1)) for message in messages
                   if (found := re.search(r"^Message-ID: <entry-(\d+)[-@]", message, re.MULTILINE))]
        expected = sql(deployment, "SELECT entry_no FROM interaction_log_entry "
                                   f"WHERE logged_segment_entry_no = {entry_no}").split()
        results.append(("delivery: the sink holds each e-mail exactly once",
                        len(messages) == MAILS and sorted(numbers) == sorted(int(n) for n in expected),
                        f"{len(messages)} messages, {len(set(numbers))} distinct entries of {len(expected)}"))
    finally:
        sink.stop()


# As big, so that the import is still writing when the check kills its instance.
KILLED_IMPORT_ROWS = 200000


def check_sigkill_mid_import(deployment, results):
    """The instance running an import is killed (SIGKILL) while it writes: the other instance, through nginx,
    shows the job failed once the heartbeat is older than the limit, and no row of the import was written."""
    walk = Walk(deployment)
    walk.sign_in(new_marketer(deployment))
    path, runner = walk.start_import("KILL", KILLED_IMPORT_ROWS)
    results.append(("kill: the upload starts a job", path is not None and bool(runner), f"{walk.steps[-1]}"))
    if not path or "," in runner:
        return
    doomed = deployment.instance(runner)
    survivor = next(instance for instance in deployment.instances if instance is not doomed)
    page = until(lambda: job_state(walk.call("the job page", "GET", path).body),
                 lambda state: state[0] != "running" or state[1].startswith("Writing"), 300)
    results.append(("kill: the import is writing when its instance is killed",
                    page[0] == "running" and page[1].startswith("Writing"), f"{page}"))
    doomed.process.kill()
    doomed.process.wait()
    killed_at, killed_time = len(walk.steps), time.monotonic()
    answer = until(lambda: walk.call("the job page", "GET", path),
                   lambda answer: job_state(answer.body)[0] != "running", 120)
    state = job_state(answer.body)
    results.append((f"kill: the survivor shows the job failed (heartbeat limit {HEARTBEAT_LIMIT} s)",
                    state[0] == "failed" and "stopped before it finished" in state[1],
                    f"after {time.monotonic() - killed_time:.1f} s: {state}"))
    after = {instance for _, _, instance in walk.steps[killed_at:]}
    results.append(("kill: nginx sent every later request to the survivor", after == {survivor.name}, f"{after}"))
    results.append(("kill: no row of the killed import was written", contacts_numbered(deployment, "KILL") == 0,
                    f"{contacts_numbered(deployment, 'KILL')} rows"))


def check_sigterm_mid_request(deployment, results):
    """The last instance is sent SIGTERM while a request through nginx is under way (waiting on a table lock
    held from psql): it stops accepting, the request completes once the lock is released, and it exits 0."""
    alive = [instance for instance in deployment.instances if instance.process.poll() is None]
    if len(alive) != 1:
        results.append(("sigterm: exactly one instance is left (the other was killed)", False, f"{alive}"))
        return
    instance, sent, outcome = alive[0], new_id("sigterm"), {}
    lock = TableLock(deployment, "salesperson")
    try:
        thread = threading.Thread(target=lambda: outcome.update(answer=deployment.api(
            "POST", "/api/v1/salespeople", {"code": "SIGTERM", "name": "Stopped mid-request"}, request_id=sent)))
        thread.start()
        waiting = until(lambda: sql(deployment, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                                "AND query ILIKE '%salesperson%'"), lambda count: count == "1", 30)
        results.append(("sigterm: the request is under way on the instance (waiting on the lock)", waiting == "1",
                        waiting))
        instance.process.terminate()
        stopping = instance.wait_for(r"stopping: no new connections")
        results.append(("sigterm: the instance starts a graceful stop", stopping is not None, ""))
    finally:
        lock.release()
    thread.join(timeout=120)
    answer = outcome.get("answer")
    results.append(("sigterm: the request under way completes with 201", answer is not None and answer.status == 201
                    and deployment.served_by(sent) == [instance.name],
                    f"{answer.status if answer else None} {answer.body[:200] if answer else ''}"))
    try:
        code = instance.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        code = None
    results.append(("sigterm: the instance exits 0", code == 0, f"exit {code}"))
    stored = sql(deployment, "SELECT count(*) FROM salesperson WHERE code = 'SIGTERM'")
    results.append(("sigterm: what the request wrote is stored", stored == "1", stored))


# The last two end both instances; the configuration check needs none.
CHECKS = [check_health, check_session, check_request_id, check_metrics, check_api_alternates, check_forwarded_for,
          check_web_walk, check_import_progress, check_log_race, check_delivery_exactly_once, check_sigkill_mid_import,
          check_sigterm_mid_request, check_production_configuration]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, nginx.conf)")
    arguments = parser.parse_args()
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        print("nginx is not installed (Debian package nginx)", file=sys.stderr)
        return 69
    os.environ["PATH"] += os.pathsep + "/usr/sbin"
    work = tempfile.mkdtemp(prefix="rapport-deploy-")
    # The cluster runs as `postgres` and nginx's workers as `nobody` when started by root: both reach their
    # folders inside.
    os.chmod(work, 0o755)
    results, instances, nginx, postgres = [], [], None, None
    try:
        postgres, database = start_postgres(work)
        for name in ("instance-a", "instance-b"):
            instances.append(start_instance(name, database, work, {"RAPPORT_JOB_HEARTBEAT_LIMIT": HEARTBEAT_LIMIT}))
        nginx = Nginx(work, instances)
        deployment = Deployment(database, instances, nginx, work)
        print(f"nginx at {nginx.url} in front of {[i.url for i in instances]}; work folder {work}")
        for check in CHECKS:
            try:
                check(deployment, results)
            except Exception as error:  # one check's crash is its failure; the others still run
                results.append((check.__name__, False, repr(error)))
    finally:
        if nginx:
            nginx.stop()
        for instance in instances:
            stop_instance(instance)
        if postgres:
            stop_postgres(postgres)
    for instance in instances:
        errors = instance.server_errors()
        results.append((f"no 5xx in the log of {instance.name}", not errors, "".join(errors[:5])))
    for name, passed, detail in results:
        # A short detail is the evidence of a pass (which instance answered what): shown for passes too.
        shown = f": {detail}" if not passed else (f" [{detail}]" if detail and len(str(detail)) <= 240 else "")
        print(("PASS " if passed else "FAIL ") + name + shown)
    failed = sum(1 for _, passed, _ in results if not passed)
    print(f"{len(results) - failed} passed, {failed} failed")
    if arguments.keep or failed:
        print(f"logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
