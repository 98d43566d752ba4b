"""A local static server that compresses text with gzip, roughly as GitHub Pages does.

GitHub Pages serves HTML, CSS, JS, JSON, SVG and XML gzip-compressed when the browser
asks for it, with `Cache-Control: max-age=600`. This server does the same from a built
site folder on 127.0.0.1, so page weights and Lighthouse runs see what readers download.

    python -m bench.serve site/ [PORT]
"""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import ClassVar

#: Content types GitHub Pages compresses.
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/manifest+json")


class _Handler(SimpleHTTPRequestHandler):
    """Serve files; gzip text when the client accepts it; never list folders."""

    protocol_version = "HTTP/1.1"
    _cache: ClassVar[dict[Path, bytes]] = {}
    #: (URL path, body bytes sent) of every request, for page weights.
    sent: ClassVar[list[tuple[str, int]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def guess_type(self, path: str | Path) -> str:
        kind = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        return "application/javascript" if kind == "text/javascript" else kind

    def _send(self, head_only: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file():
            status, path = HTTPStatus.NOT_FOUND, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        body = path.read_bytes()
        kind = self.guess_type(path)
        self.send_response(status)
        textual = kind.startswith("text/") or kind.endswith(("json", "javascript", "xml"))
        self.send_header("Content-Type", kind + ("; charset=utf-8" if textual else ""))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = path.resolve()
            if key not in self._cache:
                self._cache[key] = gzip.compress(body, compresslevel=6, mtime=0)
            body = self._cache[key]
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)
            self.sent.append((self.path.split("?", 1)[0], len(body)))

    def do_GET(self) -> None:
        self._send(head_only=False)

    def do_HEAD(self) -> None:
        self._send(head_only=True)


class GzipServer:
    """Serve `site` on 127.0.0.1 in a background thread: `with GzipServer(site) as url: ...`."""

    def __init__(self, site: Path, port: int = 0):
        self.sent: list[tuple[str, int]] = []
        handler = type("Handler", (_Handler,), {"_cache": {}, "sent": self.sent})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(site)))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 8001
    with GzipServer(site, port) as url:
        print(f"Serving {site} gzip-compressed on {url} (Ctrl+C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
