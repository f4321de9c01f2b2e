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

To extend it (a signed-in web walk, an import), add a function taking a `Deployment` and list it in CHECKS:
`deployment.session()` is a client through nginx with a cookie jar, `deployment.served_by(request_id)` says
which instance answered, and `stop_instance`/`start_instance` restart one.

Usage: deploy_check.py [--keep]   (--keep leaves the work folder with the logs and nginx.conf)
"""
import argparse
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
import time
import urllib.error
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

    def __init__(self, database, instances, nginx):
        self.database, self.instances, self.nginx = database, instances, nginx

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


CHECKS = [check_health, check_session, check_request_id, check_metrics, check_api_alternates, check_forwarded_for,
          check_production_configuration]


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
            instances.append(start_instance(name, database, work))
        nginx = Nginx(work, instances)
        deployment = Deployment(database, instances, nginx)
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
        print(("PASS " if passed else "FAIL ") + name + ("" if passed else f": {detail}"))
    failed = sum(1 for _, passed, _ in results if not passed)
    print(f"{len(results) - failed} passed, {failed} failed")
    if arguments.keep or failed:
        print(f"logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
