"""The service holds no more of a request than its limits, whatever the client sends: a
body past the limit is refused as it streams in, and a small gzip bomb is not inflated
past it."""

from __future__ import annotations

import gzip
import hashlib
import tracemalloc
from collections.abc import Callable, Iterable

import httpx
import pytest

from desk_app.hub import app as service_app
from desk_app.hub.server import BackgroundServer
from desk_app.sync.protocol import API
from tests.sync.conftest import Site

MakeSite = Callable[..., Site]
LIMIT = 256 * 1024


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_app, "MAX_BODY", LIMIT)
    monkeypatch.setattr(service_app, "MAX_SIZE", LIMIT)


def post_push(
    service: BackgroundServer, site: Site, content: bytes | Iterable[bytes], **headers: str
) -> httpx.Response:
    return httpx.post(
        f"{service.url}{API}/push",
        content=content,
        headers={
            "authorization": f"Desk-Workstation {site.hub.token}",
            "content-type": "application/json",
            **headers,
        },
    )


def test_a_gzip_bomb_is_refused_without_inflating_it(
    service: BackgroundServer, make_site: MakeSite, small_limits: None
) -> None:
    site = make_site("A1")
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MB inflated
    assert len(bomb) < LIMIT
    tracemalloc.start()
    try:
        response = post_push(service, site, bomb, **{"content-encoding": "gzip"})
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert peak < 16 * LIMIT  # the service (in this process) never held the 64 MB


def test_a_body_past_the_limit_is_refused_declared_or_not(
    service: BackgroundServer, make_site: MakeSite, small_limits: None
) -> None:
    site = make_site("A1")
    body = b" " * (LIMIT + 1)
    declared = post_push(service, site, body)
    streamed = post_push(service, site, iter([body[:4096], body[4096:]]))  # chunked
    for response in (declared, streamed):
        assert response.status_code == 413
        assert response.json()["error"] == "too_large"
    assert post_push(service, site, b" " * LIMIT).json()["error"] == "bad_request"


def test_a_broken_gzip_body_is_a_bad_request(
    service: BackgroundServer, make_site: MakeSite
) -> None:
    site = make_site("A1")
    broken = gzip.compress(b'{"changes": []}')[:-6]
    response = post_push(service, site, broken, **{"content-encoding": "gzip"})
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    response = post_push(service, site, b"\x1f\x8bnot gzip at all", **{"content-encoding": "gzip"})
    assert response.status_code == 400


def test_a_file_past_the_limit_is_refused(
    service: BackgroundServer, make_site: MakeSite, small_limits: None
) -> None:
    site = make_site("A1")
    data = b"%PDF-1.4\n" + b" " * LIMIT
    response = httpx.put(
        f"{service.url}{API}/blobs/{hashlib.sha256(data).hexdigest()}",
        content=iter([data]),  # chunked: the size is found while it streams
        headers={"authorization": f"Desk-Workstation {site.hub.token}"},
    )
    assert response.status_code == 413
    assert response.json()["error"] == "file_too_large"
