"""A PDF is made from the project's own files: it never loads anything from the network."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from screening.pdf import laid_out


@pytest.fixture
def web_server():
    """A server on loopback that records every request it gets."""
    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def test_a_pdf_never_fetches_what_its_html_points_at_on_the_web(web_server):
    url, requests = web_server
    html = (
        f'<link rel="stylesheet" href="{url}/style.css">'
        f'<p style="background: url({url}/background.png)">Summary</p>'
        f'<img src="{url}/pixel.png" alt="">'
    )
    document = laid_out(html)
    assert document.write_pdf().startswith(b"%PDF")
    assert requests == []


def test_a_pdf_still_shows_images_carried_in_its_own_html():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
        "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )
    pdf = laid_out(f'<img src="{pixel}" alt="" style="width: 10px">').write_pdf()
    assert b"/Subtype /Image" in pdf
