#!/usr/bin/env python3
"""The e-mail benchmark: COUNT e-mails (default 10,000) logged with send on a fresh SQLite database and delivered
by `rapport serve`'s delivery worker, unpaced, to a local aiosmtpd sink offering PIPELINING (scripts/smtp_sink.py,
RAPPORT_SINK_PROCESSES processes on one port, 4 by default);
the time runs from the Log's answer to the sink's last receipt. Counts the Message-IDs at the sink: each e-mail
must arrive exactly once. `rapport bench` runs it with its own binary (RAPPORT_BINARY); alone it runs
.build/debug/rapport.

With --db URL (postgres://) the database is a fresh schema of that server instead of a SQLite file.

Prints "mail: N e-mails in S s = R/s, M distinct Message-IDs, D duplicates" and exits 1 when any e-mail is
missing or doubled.
"""
import os, sys, tempfile, time

from pacing_check import TOKEN, Sink, call, must, seed
from rapport_server import RapportServer


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    work = tempfile.mkdtemp(prefix="rapport-mail-bench-")
    database = os.path.join(work, "mail.sqlite")
    if "--db" in sys.argv:
        # A fresh schema of that PostgreSQL server.
        url = sys.argv[sys.argv.index("--db") + 1]
        database = url + ("&" if "?" in url else "?") + "search_path=mail_" + os.path.basename(work).replace("-", "_")
    # One Python process serving every connection would be the bottleneck, not Rapport (see smtp_sink.py).
    sink = Sink(os.path.join(work, "sink"), processes=int(os.environ.get("RAPPORT_SINK_PROCESSES", "4")))
    # 32 connections to a local sink; production's default is 16 (RAPPORT_SMTP_CONNECTIONS, README).
    server = RapportServer(["--admin-token", TOKEN, "--db", database],
                           os.path.join(work, "serve.log"),
                           {"RAPPORT_SMTP_CONNECTIONS": os.environ.get("RAPPORT_SMTP_CONNECTIONS", "32")})
    try:
        seed(server.url, sink.port, count, "MAIL")
        logged = must(call(server.url, "POST", "/api/v1/segments/MAIL/log", {"send": True}), "log")
        start = time.time()
        queued = logged["deliveries"]["queued"]
        deadline = start + max(120, count / 20)
        while len(sink.receipts()) < count and time.time() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        receipts = sink.receipts()
        ids = [message_id for _, message_id in receipts]
        last = max((t for t, _ in receipts), default=start)
        seconds = max(last - start, 1e-6)
        duplicates = len(ids) - len(set(ids))
        print(f"mail: {queued} queued, {len(ids)} e-mails in {seconds:.2f} s = {len(ids) / seconds:.0f}/s, "
              f"{len(set(ids))} distinct Message-IDs, {duplicates} duplicates", flush=True)
        sys.exit(0 if len(set(ids)) == count and duplicates == 0 else 1)
    finally:
        server.stop()
        sink.stop()


if __name__ == "__main__":
    main()
