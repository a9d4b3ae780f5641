"""The network edge of fetch: private addresses refused on request (after DNS, on every redirect),
servers that break HTTP or TLS, and what each failure is called.

Real servers on 127.0.0.1 only: http.server for pages and redirects, a raw socket server for answers
no HTTP library would send, and an ssl server with a certificate made here. A test cannot own a public
address, so where one is needed a second loopback address (127.0.0.2) stands in for it: the address
check is told that it is public, and everything else (resolution, connection, redirects) is real.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from audionews import fetch as fetch_module
from audionews.errors import FetchError
from audionews.fetch import decode, fetch, fetch_bytes

from conftest import invoke

PARAGRAPHS = [
    "The harbor board agreed on Monday to rebuild the old sea wall before the winter storms arrive.",
    "Work starts next month and will close the promenade for six weeks, the board's chairwoman said.",
    "Fishing families asked for the slipway to stay open, and the board agreed to keep one lane clear.",
]
ARTICLE = ("<!doctype html><html><head><meta charset='utf-8'><title>Sea wall to be rebuilt</title></head><body>"
           "<article><h1>Sea wall to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
           + "</article></body></html>").encode()
STAND_IN = "127.0.0.2"
"""A loopback address the tests that need a public server treat as public."""


class Pages(http.server.BaseHTTPRequestHandler):
    """The article at /article, redirects at /to?<location>; records each request's Authorization."""

    seen: list[tuple[str, str | None]]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.seen.append((self.path, self.headers.get("Authorization")))  # type: ignore[attr-defined]
        if self.path.startswith("/to?"):
            self.send_response(302)
            self.send_header("Location", urllib.parse.unquote(self.path[4:]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path != "/article":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)


class PageServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.httpd = http.server.ThreadingHTTPServer((host, port), Pages)
        self.httpd.seen = []  # type: ignore[attr-defined]
        self.host, self.port = host, self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    @property
    def seen(self) -> list[tuple[str, str | None]]:
        return self.httpd.seen  # type: ignore[attr-defined]

    def url(self, path: str = "article", host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}/{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def pages() -> Iterator[Callable[..., PageServer]]:
    servers: list[PageServer] = []

    def start(host: str = "127.0.0.1", port: int = 0) -> PageServer:
        servers.append(PageServer(host, port))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def stand_in_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 counts as a public address; the check is otherwise the real one."""
    real = fetch_module._public
    monkeypatch.setattr(fetch_module, "_public", lambda address: address == STAND_IN or real(address))


def refused(url: str, **kwargs: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, allow_private=False, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason


# --- private addresses ---------------------------------------------------------------------------------

NUMERIC_FORMS = ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]",
                 "[::ffff:7f00:1]", "[::1]", "0.0.0.0"]


@pytest.mark.parametrize("host", NUMERIC_FORMS)
def test_private_addresses_are_refused_in_every_form(pages, host: str) -> None:
    server = pages()
    reason = refused(server.url(host=host))
    assert reason.startswith("refused to connect to "), reason
    assert reason.endswith("a private or local address (allow_private_addresses is false)")
    assert server.seen == []  # never reached


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1"])
def test_private_addresses_are_fetched_when_allowed(pages, host: str) -> None:
    server = pages()
    page = fetch(server.url(host=host))  # the default: one's own machine
    assert "sea wall" in page.text
    # the numeric forms read as a browser reads them: 127.0.0.1
    assert page.url == server.url(host="localhost" if host == "localhost" else "127.0.0.1")


def test_an_ipv4_mapped_ipv6_address_is_fetched_when_allowed(pages) -> None:
    server = pages()
    try:
        page = fetch(server.url(host="[::ffff:127.0.0.1]"))
    except FetchError as exc:
        pytest.skip(f"this machine does not reach IPv4 through IPv6 sockets: {exc.reason}")
    assert "sea wall" in page.text


@pytest.mark.parametrize("target", ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"])
def test_a_redirect_to_a_private_address_is_refused(pages, stand_in_is_public, target: str) -> None:
    """A public-looking server redirects to another port on the machine itself."""
    public, private = pages(STAND_IN), pages()
    assert "sea wall" in fetch(public.url(), allow_private=False).text  # the stand-in is let through
    reason = refused(public.url(f"to?{private.url(host=target)}"))
    assert reason.startswith("refused to connect to "), reason
    assert private.seen == []
    assert [urllib.parse.unquote(path) for path, _ in public.seen] == ["/article", f"/to?{private.url(host=target)}"]


def test_feeds_are_checked_too(pages) -> None:
    server = pages()
    with pytest.raises(FetchError, match="a private or local address"):
        fetch_bytes(server.url(host="2130706433"), "*/*", allow_private=False)
    assert server.seen == []


def test_the_address_checked_is_the_address_connected_to(pages, stand_in_is_public,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: a name that resolves to a public address when first asked and to 127.0.0.1 after
    reaches the public one, never 127.0.0.1: it is resolved once, and the address checked is connected to."""
    public, private = same_port(pages)
    answers = iter([STAND_IN] + ["127.0.0.1"] * 20)
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        return real(next(answers) if host == "rebind.test" else host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch(f"http://rebind.test:{public.port}/article", allow_private=False)
    assert "sea wall" in page.text
    assert len(public.seen) == 1
    assert private.seen == []


def same_port(pages) -> tuple[PageServer, PageServer]:
    """Page servers on 127.0.0.2 and 127.0.0.1 with one port (a rebinding name keeps its port)."""
    for _ in range(50):
        public = pages(STAND_IN)
        try:
            return public, pages("127.0.0.1", public.port)
        except OSError:
            continue
    pytest.skip("no port free on both loopback addresses")


def test_publish_obeys_the_feed_setting(pages, tmp_path: Path) -> None:
    """``allow_private_addresses = false`` in feed.toml: a one-line refusal, the feed untouched; the
    default: published."""
    server = pages()
    feeds = tmp_path / "feeds"
    result = invoke(feeds, "init", "local", "--title", "Local", "--author", "A", "--email", "a@example.org",
                    "--base-url", "http://127.0.0.1:9/", "--engine", "silent")
    assert result.exit_code == 0, result.output
    settings = feeds / "local" / "feed.toml"
    settings.write_text(settings.read_text().replace("allow_private_addresses = true",
                                                     "allow_private_addresses = false"))
    url = server.url(host="0x7f.1")
    result = invoke(feeds, "publish", "-q", url)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {url}: refused to connect to 127.0.0.1, a private or local address "
                                     "(allow_private_addresses is false)")
    assert not (feeds / "local" / "public" / "feed.xml").exists()
    settings.write_text(settings.read_text().replace("allow_private_addresses = false", ""))
    result = invoke(feeds, "publish", "-q", url)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("added: Sea wall to be rebuilt")


# --- credentials and redirects -------------------------------------------------------------------------

def test_credentials_go_to_their_own_origin_only(pages) -> None:
    first, second = pages(), pages()
    page = fetch(first.url(f"to?{second.url()}").replace("http://", "http://ann:s%3Ccret@", 1))
    assert page.url == second.url()
    assert first.seen[0][1] == "Basic YW5uOnM8Y3JldA=="  # ann:s<cret
    assert second.seen == [("/article", None)]  # another port is another origin


@pytest.mark.parametrize("location, reason", [
    ("http://ann:secret@127.0.0.1:{port}/article", "redirected to a URL with a user name or password in it"),
    ("//ann:secret@127.0.0.1:{port}/article", "redirected to a URL with a user name or password in it"),
    ("javascript:alert(1)", "redirected to javascript:alert(1), which is only http and https URLs can be used"),
    ("file:///etc/passwd", "redirected to file:///etc/passwd, which is only http and https URLs can be used"),
    ("http://a..b/", "redirected to http://a..b/, which is not a valid host name"),
])
def test_bad_redirects_are_refused(pages, location: str, reason: str) -> None:
    server = pages()
    with pytest.raises(FetchError) as caught:
        fetch(server.url("to?" + location.format(port=server.port)))
    assert caught.value.reason.startswith(reason), caught.value.reason
    assert len(server.seen) == 1


# --- servers that break HTTP ---------------------------------------------------------------------------

class RawServer:
    """Answers every connection with the same bytes, whatever was asked: for what no HTTP library sends."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return  # closed
            with connection:
                connection.settimeout(5)
                request = b""
                try:
                    while b"\r\n\r\n" not in request and len(request) < 65536:
                        chunk = connection.recv(4096)
                        if not chunk:
                            break
                        request += chunk
                    connection.sendall(self.answer)
                except OSError:
                    pass

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/article"

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def raw() -> Iterator[Callable[[bytes], RawServer]]:
    servers: list[RawServer] = []

    def start(answer: bytes) -> RawServer:
        servers.append(RawServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def response(*headers: str, body: bytes = ARTICLE, status: str = "200 OK") -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: text/html; charset=utf-8", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


BROKEN = {
    "150 headers": (response(*(f"X-Header-{n}: {n}" for n in range(150))), "the server sent too many headers"),
    "70 KB header": (response("X-Big: " + "x" * 70_000), "the server sent a header line that is too long"),
    "70 KB status line": (("HTTP/1.1 200 " + "O" * 70_000 + "\r\n\r\n").encode(),
                          "the server sent a status line that is too long"),
    "conflicting Content-Length": (response("Content-Length: 470, 480"),
                                   "the server sent conflicting Content-Length headers"),
    "not HTTP": (b"SSH-2.0-OpenSSH_9.6\r\n", "the server did not answer in HTTP"),
    "no answer": (b"", "the server closed the connection without answering"),
    "short body": (response(f"Content-Length: {len(ARTICLE) + 100}"),
                   "the server closed the connection before sending the whole page"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_http_is_named(raw, name: str) -> None:
    answer, reason = BROKEN[name]
    server = raw(answer)
    with pytest.raises(FetchError) as caught:
        fetch(server.url())
    assert caught.value.reason == reason


@pytest.mark.parametrize("length", ["abc", "{n}, {n}", "{n},{n}", " {n} ", "-5", "", "1e3", "0x10"])
def test_odd_content_lengths_are_read(raw, length: str) -> None:
    """A Content-Length that is no number, or the same number twice, is not an error: the page is read."""
    body = ARTICLE.ljust(470, b" ")
    server = raw(response(f"Content-Length: {length.format(n=len(body))}", body=body))
    assert "sea wall" in fetch(server.url()).text


def test_repeated_content_length_headers_are_read(raw) -> None:
    body = ARTICLE
    server = raw(response(f"Content-Length: {len(body)}", f"Content-Length: {len(body)}", body=body))
    assert "sea wall" in fetch(server.url()).text


def test_a_closed_port_is_named() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{port}/")
    assert caught.value.reason == "connection refused (nothing answers on that port)"


def test_a_name_that_does_not_resolve_is_named() -> None:
    with pytest.raises(FetchError) as caught:
        fetch("http://no-such-host.invalid/")  # .invalid never resolves (RFC 6761), without any network
    assert caught.value.reason == "cannot find the host (no such name, or offline)"


# --- TLS -----------------------------------------------------------------------------------------------

def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with the cryptography package or the openssl tool."""
    key, cert = folder / "key.pem", folder / "cert.pem"
    try:
        import datetime as dt
        import ipaddress

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        if not shutil.which("openssl"):
            pytest.skip("neither the cryptography package nor the openssl tool is here to make a certificate")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        return key, cert
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .sign(private, hashes.SHA256()))
    key.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key, cert


def test_a_self_signed_certificate_is_named(tmp_path: Path) -> None:
    key, cert = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.seen = []  # type: ignore[attr-defined]
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        with pytest.raises(FetchError) as caught:
            fetch(f"https://127.0.0.1:{httpd.server_address[1]}/article")
        assert caught.value.reason == "the server's TLS certificate is not trusted (self-signed)"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- charsets ------------------------------------------------------------------------------------------

TEXT = "Café owners in Zürich said the new rules were “reasonable”. " * 3


@pytest.mark.parametrize("label", ["punycode", "undefined", "utf_16_be", "utf-16be", "UTF-16", "rot13", "base64",
                                   "x-user-defined-no", "replacement", "iso-2022-kr", "", "💥", "utf-8\x00"])
@pytest.mark.parametrize("where", ["header", "meta"])
def test_charset_labels_that_are_no_web_encoding_fall_back_to_utf8(label: str, where: str) -> None:
    meta = f"<meta charset='{label}'>" if where == "meta" else ""
    data = f"<html><head>{meta}</head><body><p>{TEXT}</p></body></html>".encode()
    assert TEXT in decode(data, label if where == "header" else None)


@pytest.mark.parametrize("label", ["latin1", "ISO-8859-1", "windows-1252", "ascii"])
def test_web_labels_still_count(label: str) -> None:
    """Browsers read all four as windows-1252, so “ and ” survive."""
    data = TEXT.encode("cp1252")
    assert decode(data, label) == TEXT


def test_charset_labels_over_http(raw) -> None:
    for label in ("punycode", "undefined", "utf_16_be"):
        server = raw(response(body=f"<html><body><p>{TEXT}</p></body></html>".encode()).replace(
            b"charset=utf-8", f"charset={label}".encode()))
        assert TEXT in fetch(server.url()).text
