"""Headless Chromium and a local web server, shared by the browser tests and the measuring scripts."""
from __future__ import annotations

import functools
import json
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
    "--disable-extensions",
    # Hermetic: no host name resolves except the test server's address, so a third-party request fails at once
    # (and the same way on a machine with internet). It still shows in the performance log, which is what we test.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Serves a built site like a static host: quietly, and an unknown address gets the site's own 404 page."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or self.command not in ("GET", "HEAD") or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)


class HeaderHandler(StaticHostHandler):
    """A static host that adds fixed response headers (for example a Content-Security-Policy) to every answer."""

    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve_folder(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve folder on 127.0.0.1 at a free port in a background thread; yield the base URL (no final slash).
    headers are added to every response."""
    handler = type("Handler", (HeaderHandler,), {"extra_headers": dict(headers or {})})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def missing_browser() -> list[str]:
    return [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]


def start_chrome(profile: Path, width: int = 1280, height: int = 900):
    """Debian's Chromium through chromedriver, with the performance log on; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})  # browser: the console
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


@contextmanager
def chrome(width: int = 1280, height: int = 900):
    """start_chrome with a fresh profile that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="bw-chrome-") as profile:
        driver = start_chrome(Path(profile), width, height)
        try:
            yield driver
        finally:
            driver.quit()


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the log was last read (documents, scripts, styles, fetches, sockets)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def hosts_requested(driver) -> list[str]:
    """The hosts of every http(s) request since the log was last read (data:, blob: and file: have none)."""
    return sorted({urlsplit(u).hostname or "" for u in requested_urls(driver) if u.startswith(("http:", "https:"))})
