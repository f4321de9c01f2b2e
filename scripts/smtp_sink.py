#!/usr/bin/env python3
"""A real SMTP server for tests (aiosmtpd) that keeps every accepted message as a file.

Usage: smtp_sink.py FOLDER [--auth USER:PASSWORD] [--starttls CERT KEY | --tls CERT KEY] [--pipelining]
                    [--receipts-only] [--processes N]

It listens on 127.0.0.1 on a port the kernel gives it (port 0) and, once it answers SMTP, prints that
port on a line of its own: a test reads that line and so never connects before the sink is ready.
Each accepted message is written to FOLDER/<n>.eml with a first line "X-Envelope-To: <rcpt>".
Recipients containing "refuse" are refused with 550; recipients containing "tempfail" get 451.
Every accepted message also adds a line "<receive time, seconds since 1970> <Message-ID> <connection no>"
to FOLDER/receipts.log (flushed at once), for pacing and exactly-once checks; --receipts-only keeps
only those lines (no .eml files), for speed. --processes N serves the port from N processes (SO_REUSEPORT: the
kernel spreads the connections over them), so a benchmark's sink is not held to one Python core; each appends
its own whole lines to receipts.log. --pipelining offers PIPELINING in the EHLO reply (aiosmtpd
reads commands one line at a time, so it serves pipelined clients; it just does not say so).
"""
import itertools, os, re, signal, socket, ssl, subprocess, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    counter = itertools.count(1)

    connections = itertools.count(1)

    def __init__(self, folder, pipelining=False, receipts_only=False):
        self.folder = folder
        self.pipelining = pipelining
        self.receipts_only = receipts_only
        self.receipts = open(os.path.join(folder, "receipts.log"), "a", buffering=1)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if not hasattr(session, "connection_no"):
            session.connection_no = next(self.connections)
        if self.pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        # Each reply goes out at once: without TCP_NODELAY, Nagle held the second of a pipelined group's replies
        # until the client's delayed ACK (40 ms), capping a connection at ~21 messages a second.
        sock = server.transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address:
            return "550 5.1.1 No such user here"
        if "tempfail" in address:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        found = re.search(rb"^Message-ID:\s*(\S+)", envelope.original_content, re.M | re.I)
        message_id = found.group(1).decode(errors="replace") if found else "-"
        self.receipts.write("%.6f %s %s\n" % (time.time(), message_id, getattr(session, "connection_no", 0)))
        if self.receipts_only:
            return "250 Message accepted for delivery"
        number = next(self.counter)
        path = os.path.join(self.folder, f"{number:05d}.eml")
        with open(path + ".tmp", "wb") as f:
            f.write(("X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (envelope.mail_from, ",".join(envelope.rcpt_tos))).encode())
            f.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def authenticator(expected):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and \
            f"{auth_data.login.decode()}:{auth_data.password.decode()}" == expected
        return AuthResult(success=ok)
    return check


class BoundController(Controller):
    """aiosmtpd's controller on a socket bound beforehand, so the port is the one the kernel chose."""

    def __init__(self, handler, sock, **kwargs):
        # A loaded machine can take seconds to answer the start-up probe; the default 5 s is too short.
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], ready_timeout=120, **kwargs)
        self.sock = sock

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)


def main():
    # A parent that blocks signals (a server runtime) passes its mask on: take SIGTERM back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    kwargs = {}
    if "--auth" in sys.argv:
        kwargs = dict(authenticator=authenticator(sys.argv[sys.argv.index("--auth") + 1]),
                      auth_require_tls=False)
    for flag in ("--starttls", "--tls"):
        if flag in sys.argv:
            index = sys.argv.index(flag)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(sys.argv[index + 1], sys.argv[index + 2])
            kwargs["tls_context" if flag == "--starttls" else "ssl_context"] = context
    processes = int(sys.argv[sys.argv.index("--processes") + 1]) if "--processes" in sys.argv else 1
    if "--join" in sys.argv:
        # One of the further processes: the first one's port, no start-up probe (it could reach another process).
        serve(folder, listening_socket(int(sys.argv[sys.argv.index("--join") + 1]), True), kwargs,
              int(sys.argv[sys.argv.index("--index") + 1]))
        return
    sock = listening_socket(0, processes > 1)
    serve(folder, sock, kwargs, 0, others=processes - 1)


def listening_socket(port, shared):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class JoiningController(BoundController):
    """A further process's controller: it answers like the first, so its own probe is skipped."""

    def _trigger_server(self):
        self.smtpd = self.factory()
        self._factory_invoked.set()


def serve(folder, sock, kwargs, index, others=None):
    """One process's server on `sock`. The first (others is not None) starts `others` more on its port once it
    answers, then prints the port; a further one stops when the first is gone."""
    handler = Sink(folder, pipelining="--pipelining" in sys.argv, receipts_only="--receipts-only" in sys.argv)
    # Connection numbers stay distinct across processes.
    handler.connections = itertools.count(1 + index * 1_000_000)
    controller = (BoundController if others is not None else JoiningController)(handler, sock, **kwargs)
    # start() returns once the server has answered a connection of its own (the first process's probe reaches
    # it: the others start after it).
    controller.start()
    children = [subprocess.Popen([sys.executable, *sys.argv, "--join", str(controller.port), "--index", str(n)])
                for n in range(1, (others or 0) + 1)]
    if others is not None:
        print(controller.port, flush=True)
    parent = os.getppid()
    try:
        while others is not None or os.getppid() == parent:
            time.sleep(3600 if others is not None else 1)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        for child in children:
            child.terminate()
        controller.stop()

if __name__ == "__main__":
    main()
