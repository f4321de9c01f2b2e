"""A real `rapport serve` for the live checks (the API contract check and the browser walk).

The server binds port 0 and prints "Rapport is listening on http://127.0.0.1:PORT" once it listens; the
caller gets that URL, so it never guesses a free port nor polls for the server. Everything the server
prints (its request log included) goes to a log file, which `server_errors` scans for 5xx answers.
"""
import os
import re
import subprocess
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# RAPPORT_BINARY runs another build (the e-mail benchmark runs the release build it is part of).
BINARY = os.environ.get("RAPPORT_BINARY") or os.path.join(ROOT, ".build", "debug", "rapport")
LISTENING = re.compile(r"Rapport is listening on (http://\S+)")
SERVER_ERROR = re.compile(r"\bstatus=5\d\d\b|request failed")


class RapportServer:
    """`rapport serve --port 0 ARGUMENTS`, started at once, with `environment` added to this process's
    (`RAPPORT_<OPTION>` variables); `url` is where it listens."""

    def __init__(self, arguments, log_path, environment=None):
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")
        self._listening = threading.Event()
        self._lines = []
        self._seen = threading.Condition()
        self.url = None
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", "0", *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
            env={**os.environ, **(environment or {})})
        self._reader = threading.Thread(target=self._copy_output, daemon=True)
        self._reader.start()
        # Set by the listening line, or by the end of the output when the server exits first.
        self._listening.wait()
        if self.url is None:
            self.stop()
            with open(log_path, encoding="utf-8") as log:
                raise SystemExit(f"the server exited with {self.process.returncode} before listening:\n{log.read()}")

    def _copy_output(self):
        for line in self.process.stdout:
            self._log.write(line)
            self._log.flush()
            with self._seen:
                self._lines.append(line)
                self._seen.notify_all()
            found = LISTENING.search(line)
            if found and self.url is None:
                self.url = found.group(1)
                self._listening.set()
        self._listening.set()
        with self._seen:
            self._lines.append(None)
            self._seen.notify_all()

    def wait_for(self, pattern, timeout=30):
        """The first output line matching `pattern` (a regular expression), waiting for it; None when the server
        exits or `timeout` seconds pass without one."""
        expression = re.compile(pattern)
        with self._seen:
            found = lambda: next((line for line in self._lines if line is None or expression.search(line)), False)
            self._seen.wait_for(lambda: found() is not False, timeout)
            line = found()
            return line or None

    def stop(self):
        """Stops the server (SIGTERM, then SIGKILL after 10 s) and closes its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join()
        self._log.close()

    def server_errors(self):
        """The log lines of 5xx answers and failed requests (read after `stop`)."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return [line for line in log if SERVER_ERROR.search(line)]
