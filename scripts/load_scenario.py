#!/usr/bin/env python3
"""The load scenario of issue 13: concurrent clients on the API and the web pages of a running `rapport serve`.

Each client signs in through the form (its own web session), creates a segment of its own, then until the time is
up picks, at random, one of: the API lists (contacts with a filter, segments, interaction log entries), the web
pages (contacts, segments, its worksheet), the worksheet's live count (`preview-contacts` with the session cookie
and the CSRF header, as `static/live-count.js` sends it), or, one request in ten, Add or Reduce Contacts on its own
segment (a post code at a time, so the segment stays small), waiting `--think` seconds on average between
requests (none by default: then each client always has a request in flight, and by Little's law the mean latency
is the number of clients divided by the throughput). At the end it deletes its segment. Every request is
timed; the report gives the throughput and p50/p95/p99 per request kind and for all reads and all writes, the
errors (a status other than the one expected, a refused connection, a timeout), and, for a server it started, the
server's CPU time per request (what bounds the throughput of a machine with few cores).

    # a server it starts itself (SQLite or PostgreSQL, whatever --db names), 64 clients for 30 s:
    python3 scripts/load_scenario.py --binary .build/release/rapport --db /tmp/rapport-bench/copy.sqlite
    python3 scripts/load_scenario.py --binary .build/release/rapport --db postgres://user@127.0.0.1:5432/rapport
    # a server already running (behind nginx, say), with an admin token:
    python3 scripts/load_scenario.py --url http://127.0.0.1:8080 --token ADMIN-TOKEN

Python's standard library only (asyncio streams, HTTP/1.1 keep-alive, one connection per client). It exits 1 when
there was any error, or when `--p99-reads-ms` is given and the reads' p99 is above it.
"""
import argparse
import asyncio
import json
import os
import random
import re
import secrets
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


class HTTPError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection; reopened after the server closes it."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout = host, port, timeout
        self.reader = self.writer = None

    async def request(self, method, path, headers=None, body=b""):
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
            lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            try:
                await self.writer.drain()
                return await asyncio.wait_for(self._response(), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                # A keep-alive connection the server closed while idle: once more on a new one.
                self.close()
                if attempt == 1:
                    raise

    async def _response(self):
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        headers = {}
        cookies = []
        while True:
            line = (await self.reader.readuntil(b"\r\n")).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookies.append(value)
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")
                    break
                body += await self.reader.readexactly(size)
                await self.reader.readexactly(2)
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, cookies, body

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Client:
    """One simulated marketer: a web session, an API token, a segment of its own."""

    def __init__(self, number, options, shared, results):
        self.number, self.options, self.shared, self.results = number, options, shared, results
        url = urllib.parse.urlsplit(options.url)
        self.connection = Connection(url.hostname, url.port or 80, options.timeout)
        self.cookies = {}
        self.csrf = ""
        self.segment = f"LOAD{shared['run']}-{number:02d}"
        self.random = random.Random(number)
        self.calls = 0
        self.trace = shared.get("trace")

    def headers(self, json_body=False, api=False):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if api:
            headers = {"Authorization": f"Bearer {self.shared['token']}"}
        if json_body:
            headers["Content-Type"] = "application/json"
        return headers

    async def call(self, kind, name, method, path, expected, headers=None, body=b""):
        self.calls += 1
        request_id = f"load-{self.shared['run']}-{self.number}-{self.calls}"
        # The server logs this id on the request's line, so --trace can set the server's time beside ours.
        headers = {**(headers or {}), "X-Request-Id": request_id}
        started = time.perf_counter()
        try:
            status, response_headers, cookies, content = await self.connection.request(method, path, headers, body)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
            self.connection.close()
            self.results.append((kind, name, time.perf_counter() - started, f"{type(error).__name__}"))
            return None
        elapsed = time.perf_counter() - started
        if kind and self.trace is not None:
            self.trace.append((request_id, kind, name, started, elapsed))
        for cookie in cookies:
            key, _, value = cookie.split(";")[0].partition("=")
            self.cookies[key.strip()] = value.strip()
        error = None if status in expected else f"status {status}"
        if kind:
            self.results.append((kind, name, elapsed, error))
        elif error:
            raise HTTPError(f"{method} {path}: {status} {content[:300]!r}")
        return status, response_headers, content

    async def set_up(self):
        await self.call(None, "", "GET", "/sign-in", (200,))
        form = urllib.parse.urlencode({"csrf": self.cookies.get("rapport_csrf", ""), "userId": self.shared["user"],
                                       "password": self.shared["password"], "next": ""}).encode()
        await self.call(None, "", "POST", "/sign-in", (303,),
                        {**self.headers(), "Content-Type": "application/x-www-form-urlencoded"}, form)
        await self.call(None, "", "DELETE", f"/api/v1/segments/{self.segment}", (204, 404), self.headers(api=True))
        body = json.dumps({"no": self.segment, "description": f"Load client {self.number}"}).encode()
        await self.call(None, "", "POST", "/api/v1/segments", (201,), self.headers(True, api=True), body)
        _, _, page = await self.call(None, "", "GET", f"/segments/{self.segment}", (200,), self.headers())
        found = re.search(rb'name="csrf" value="([^"]+)"', page)
        if not found:
            raise HTTPError("the worksheet has no CSRF token")
        self.csrf = found.group(1).decode()

    async def tear_down(self):
        await self.call(None, "", "DELETE", f"/api/v1/segments/{self.segment}", (204, 404), self.headers(api=True))
        self.connection.close()

    async def step(self):
        choice = self.random.random()
        code = self.random.choice(self.shared["postCodes"])
        city = self.random.choice(self.shared["cities"])
        quoted = urllib.parse.quote(city)
        filters = json.dumps({"filters": {"contact": {"postCode": code}}}).encode()
        if choice < 0.05:
            await self.call("write", "Add Contacts (API)", "POST", f"/api/v1/segments/{self.segment}/add-contacts",
                            (200,), self.headers(True, api=True), filters)
        elif choice < 0.10:
            await self.call("write", "Reduce Contacts (API)", "POST",
                            f"/api/v1/segments/{self.segment}/reduce-contacts", (200,), self.headers(True, api=True),
                            filters)
        elif choice < 0.25:
            await self.call("read", "live count (preview-contacts)", "POST",
                            f"/api/v1/segments/{self.segment}/preview-contacts", (200,),
                            {**self.headers(True), "X-CSRF-Token": self.csrf},
                            json.dumps({"action": "add", "filters": {"contact": {"city": city}}, "sample": False}).encode())
        elif choice < 0.40:
            await self.call("read", "GET /api/v1/contacts?city=…", "GET", f"/api/v1/contacts?limit=50&city={quoted}",
                            (200,), self.headers(api=True))
        elif choice < 0.50:
            await self.call("read", "GET /api/v1/segments", "GET", "/api/v1/segments?limit=50", (200,),
                            self.headers(api=True))
        elif choice < 0.60:
            await self.call("read", "GET /api/v1/interaction-log-entries", "GET",
                            "/api/v1/interaction-log-entries?limit=50", (200,), self.headers(api=True))
        elif choice < 0.72:
            await self.call("read", "page /contacts", "GET", f"/contacts?city={quoted}", (200,), self.headers())
        elif choice < 0.82:
            await self.call("read", "page /segments", "GET", "/segments", (200,), self.headers())
        else:
            await self.call("read", "page worksheet", "GET", f"/segments/{self.segment}", (200,), self.headers())

    async def run(self, until):
        if self.options.think > 0 and self.options.staggered_start:
            # Each client first reads the page it signed in to, as it does between any two requests: otherwise all
            # clients send their first request in the same instant, a burst the steady state never has.
            await asyncio.sleep(min(self.random.expovariate(1 / self.options.think), until - time.monotonic()))
        while time.monotonic() < until:
            await self.step()
            if self.options.think > 0:
                # A person reading the page before the next click: exponential, so arrivals do not march in step.
                await asyncio.sleep(min(self.random.expovariate(1 / self.options.think), until - time.monotonic()))


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def summary(results, seconds):
    groups = {}
    for kind, name, elapsed, error in results:
        for key in ((kind, name), (kind, f"all {kind}s")):
            groups.setdefault(key, []).append((elapsed, error))
    rows = []
    for (kind, name), items in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1].startswith("all"),
                                                                         item[0][1])):
        times = [elapsed * 1000 for elapsed, _ in items]
        errors = [error for _, error in items if error]
        rows.append({"kind": kind, "name": name, "requests": len(items), "perSecond": len(items) / seconds,
                     "p50": percentile(times, 0.50), "p95": percentile(times, 0.95), "p99": percentile(times, 0.99),
                     "max": max(times), "errors": len(errors), "errorKinds": sorted(set(errors))})
    return rows


async def prepare(options):
    """The marketer the clients sign in as, and filter values taken from the contacts themselves."""
    url = urllib.parse.urlsplit(options.url)
    connection = Connection(url.hostname, url.port or 80, options.timeout)
    api = {"Authorization": f"Bearer {options.token}", "Content-Type": "application/json"}
    user, password = "LOADTEST", "load-" + secrets.token_hex(8)
    status, _, _, body = await connection.request("GET", f"/api/v1/users/{user}", api)
    method, path = ("PATCH", f"/api/v1/users/{user}") if status == 200 else ("POST", "/api/v1/users")
    status, _, _, body = await connection.request(
        method, path, api, json.dumps({"userId": user, "role": "marketer", "password": password}).encode())
    if status not in (200, 201):
        raise HTTPError(f"cannot create the load user: {status} {body[:300]!r}")
    status, _, _, body = await connection.request("GET", "/api/v1/contacts?limit=500", api)
    items = json.loads(body).get("items", []) if status == 200 else []
    connection.close()
    # Values that read as themselves in a filter expression (no `|`, `..`, `*`, `@`, quotes...).
    plain = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
    codes = sorted({item.get("postCode") for item in items if plain.match(item.get("postCode") or "")})
    cities = sorted({item.get("city") for item in items if plain.match(item.get("city") or "")})
    if not codes or not cities:
        raise HTTPError("the database has no contacts with post codes and cities to filter on")
    return {"user": user, "password": password, "token": options.token, "postCodes": codes[:50],
            "cities": cities[:50], "run": secrets.token_hex(2).upper()}


def server_cpu_seconds(options):
    """CPU seconds (user and system) the server this script started has used so far, from /proc; None for a
    server at --url (its process is elsewhere). A database server's own processes are not counted."""
    pid = getattr(options, "server_pid", None)
    if pid is None:
        return None
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(options):
    shared = await prepare(options)
    if options.trace:
        shared["trace"] = []
    results = []
    clients = [Client(number, options, shared, results) for number in range(options.clients)]
    # Sign-ins check bcrypt hashes: a few at a time, as people arrive.
    gate = asyncio.Semaphore(8)

    async def set_up(client):
        async with gate:
            await client.set_up()

    await asyncio.gather(*(set_up(client) for client in clients))
    cpu_before = server_cpu_seconds(options)
    started = time.monotonic()
    started_at = time.perf_counter()
    await asyncio.gather(*(client.run(started + options.duration) for client in clients))
    seconds = time.monotonic() - started
    if cpu_before is not None:
        options.server_cpu = server_cpu_seconds(options) - cpu_before
    await asyncio.gather(*(client.tear_down() for client in clients))
    if options.trace:
        options.traced = [(request_id, kind, name, (at - started_at) * 1000, elapsed * 1000)
                          for request_id, kind, name, at, elapsed in shared["trace"]]
    return summary(results, seconds), seconds


LOG_FIELD = re.compile(r"\b(requestId|ms|db|dbWaitMs|dbRunMs)=(\S+)")


def server_times(log_path):
    """requestId -> the server's figures for it (ms, db, dbWaitMs, dbRunMs) from the request log's lines."""
    times = {}
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if "requestId=load-" not in line or " ms=" not in line:
                continue
            fields = dict(LOG_FIELD.findall(line))
            request_id = fields.pop("requestId")
            times[request_id] = {key: float(value) for key, value in fields.items()}
    return times


def write_trace(options, log_path):
    """Every timed request, one JSON object a line: its start (ms after the load began), the client's time and,
    when the server's log is at hand, the server's own time and its database wait and run; then, for the slowest
    reads (at or above the reads' p99), where their time went and when they started."""
    server = server_times(log_path) if log_path else {}
    rows = []
    for request_id, kind, name, start, elapsed in sorted(options.traced, key=lambda row: row[3]):
        row = {"id": request_id, "kind": kind, "name": name, "startMs": round(start, 1), "clientMs": round(elapsed, 1)}
        for key, value in server.get(request_id, {}).items():
            row["serverMs" if key == "ms" else key] = value
        rows.append(row)
    with open(options.trace, "w", encoding="utf-8") as file:
        for row in rows:
            file.write(json.dumps(row) + "\n")
    reads = [row for row in rows if row["kind"] == "read"]
    if not reads:
        return
    threshold = percentile([row["clientMs"] for row in reads], 0.99)
    slow = [row for row in reads if row["clientMs"] >= threshold]
    median = lambda key: statistics.median(row.get(key, 0) for row in slow)
    print(f"\nslowest reads (>= p99 {threshold:.1f} ms): {len(slow)}; medians: client {median('clientMs'):.1f} ms, "
          f"server {median('serverMs'):.1f} ms, db wait {median('dbWaitMs'):.1f} ms, db run {median('dbRunMs'):.1f} ms")
    seconds = {}
    for row in slow:
        seconds[int(row["startMs"] // 1000)] = seconds.get(int(row["startMs"] // 1000), 0) + 1
    print("started in second: " + ", ".join(f"{second}s:{count}" for second, count in sorted(seconds.items())))
    print(f"trace: {options.trace}")


def print_report(rows, seconds, options, label):
    think = f", {options.think:g} s mean think time" if options.think > 0 else ""
    print(f"\nLoad scenario: {options.clients} clients{think} for {seconds:.1f} s on {label}")
    print("| kind | request | requests | per second | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['kind']} | {row['name']} | {row['requests']} | {row['perSecond']:.1f} | {row['p50']:.1f} | "
              f"{row['p95']:.1f} | {row['p99']:.1f} | {row['max']:.1f} | {row['errors']}"
              + (f" ({', '.join(row['errorKinds'])})" if row['errorKinds'] else "") + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (then --token is an admin token)")
    parser.add_argument("--token", help="the admin token of the server at --url")
    parser.add_argument("--binary", help="start `BINARY serve` (with --db) instead of using --url")
    parser.add_argument("--db", help="the database of the started server: a SQLite path or a postgres:// URL")
    parser.add_argument("--demo", action="store_true", help="start the server with --demo (a fresh demo database)")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--duration", type=float, default=30, help="seconds of load after the sign-ins")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as an error")
    parser.add_argument("--think", type=float, default=0,
                        help="mean seconds a client waits between requests (0: none, every client always has one "
                             "request in flight, so latency is clients / throughput)")
    parser.add_argument("--staggered-start", action="store_true",
                        help="with --think, each client also thinks before its first request")
    parser.add_argument("--p99-reads-ms", type=float, help="also fail when the reads' p99 is above this")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument("--trace", help="also write every request's timings to this file (JSON lines), with the "
                                        "server's own and database times from its log when this script started it")
    parser.add_argument("--smoke", action="store_true",
                        help="scripts/test's check: 4 clients for 3 s on a fresh demo database, SQLite and (when "
                             "RAPPORT_TEST_POSTGRES names a server) PostgreSQL; fails on any error, times nothing")
    options = parser.parse_args()
    if options.smoke:
        sys.exit(smoke(options))
    sys.exit(run(options))


def smoke(options):
    """Each backend in turn, with this script as a child process, so each gets its own server and report."""
    import subprocess
    import tempfile
    binary = options.binary or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                            ".build", "debug", "rapport")
    databases = [os.path.join(tempfile.mkdtemp(prefix="rapport-load-"), "load.sqlite")]
    postgres = os.environ.get("RAPPORT_TEST_POSTGRES")
    if postgres:
        databases.append(postgres + ("&" if "?" in postgres else "?") + f"search_path=load_smoke_{os.getpid()}")
    status = 0
    for database in databases:
        status |= subprocess.run([sys.executable, os.path.abspath(__file__), "--binary", binary, "--demo", "--db",
                                  database, "--clients", "4", "--duration", "3"]).returncode
    return status


def run(options):
    server = None
    if options.binary:
        import rapport_server
        rapport_server.BINARY = options.binary
        options.token = secrets.token_hex(16)
        arguments = ["--admin-token", options.token, "--no-delivery"] + (["--demo"] if options.demo else [])
        arguments += ["--db", options.db] if options.db else []
        log = os.environ.get("RAPPORT_LOAD_LOG", "/tmp/rapport-load-server.log")
        server = rapport_server.RapportServer(arguments, log)
        options.url = server.url
        options.server_pid = server.process.pid
    elif not options.url or not options.token:
        sys.exit("give --url and --token, or --binary (and --db or --demo)")
    try:
        rows, seconds = asyncio.run(drive(options))
    finally:
        if server:
            server.stop()
    label = options.db or ("a demo database" if options.demo else options.url)
    print_report(rows, seconds, options, label)
    if options.trace:
        write_trace(options, server.log_path if server else None)
    if options.json:
        with open(options.json, "w", encoding="utf-8") as file:
            json.dump({"clients": options.clients, "think": options.think, "seconds": seconds, "database": label,
                       "serverCpuSeconds": getattr(options, "server_cpu", None), "rows": rows}, file,
                      indent=2)
    errors = sum(row["errors"] for row in rows if row["name"].startswith("all "))
    reads = next((row for row in rows if row["name"] == "all reads"), None)
    failed = errors > 0
    if server and server.server_errors():
        print(f"the server logged {len(server.server_errors())} failed requests (see its log)")
        failed = True
    if options.p99_reads_ms is not None and reads and reads["p99"] > options.p99_reads_ms:
        print(f"p99 of reads {reads['p99']:.1f} ms is above {options.p99_reads_ms} ms")
        failed = True
    cpu = getattr(options, "server_cpu", None)
    requests = sum(row["requests"] for row in rows if row["name"].startswith("all "))
    if cpu is not None and requests:
        print(f"server CPU: {cpu:.1f} s in {seconds:.1f} s ({cpu / seconds:.2f} cores), "
              f"{1000 * cpu / requests:.1f} ms per request")
    print(f"errors: {errors}")
    return 1 if failed else 0


if __name__ == "__main__":
    main()
