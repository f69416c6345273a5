"""HAProxy's own answers (deploy/errors/*.http, issue 23 item 3): whole HTTP responses in Indonesian, with the
length they declare, small enough for HAProxy's buffer, and named by deploy/haproxy.cfg."""

from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("code", [502, 503, 504])
def test_each_errorfile_is_a_whole_indonesian_http_response(code):
    raw = (DEPLOY / "errors" / f"{code}.http").read_bytes()
    assert len(raw) < 16384  # HAProxy's default buffer holds the whole answer
    head, body = raw.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    assert lines[0].startswith(f"HTTP/1.1 {code} ")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert int(headers["Content-Length"]) == len(body)
    assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Cache-Control"] == "no-store"
    text = body.decode()
    assert '<html lang="id">' in text and "Pelaporan SPM" in text and "Data yang sudah tersimpan tetap aman" in text
    assert "No server is available" not in text and "<script" not in text
    assert f"errorfile {code} errors/{code}.http" in (DEPLOY / "haproxy.cfg").read_text()
