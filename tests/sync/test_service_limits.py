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


#: A workstation's endpoints that carry a body: (method, path).
WORKSTATION_BODIES = [
    ("POST", "/push"),
    ("POST", "/blobs/present"),
    ("PUT", "/blobs/" + "0" * 64),
    ("POST", "/session"),
    ("POST", "/session/end"),
    ("POST", "/admin/revoke-workstation"),
    ("POST", "/admin/revoke-sessions"),
]


@pytest.mark.parametrize(("method", "path"), WORKSTATION_BODIES)
@pytest.mark.parametrize("token", [None, "forged-credential"])
def test_a_body_is_not_read_before_the_workstation_is_known(
    service: BackgroundServer, small_limits: None, method: str, path: str, token: str | None
) -> None:
    headers = {"content-type": "application/json"}
    if token is not None:
        headers["authorization"] = f"Desk-Workstation {token}"
    # Past every limit: a service that read it first would answer 413, not 401.
    response = httpx.request(
        method, f"{service.url}{API}{path}", content=b" " * (LIMIT + 1), headers=headers
    )
    assert response.status_code == 401
    assert response.json()["error"] == "not_enrolled"


def test_a_revoked_workstation_is_refused_before_its_body_is_read(
    service: BackgroundServer, make_site: MakeSite, small_limits: None
) -> None:
    a, b = make_site("A1"), make_site("B1")
    admin_session = a.hub.sessions[a.ctx.actor.user_id]  # type: ignore[union-attr]
    assert a.hub.revoke_workstation(admin_session, "B1") == 1
    response = post_push(service, b, b" " * (LIMIT + 1))
    assert response.status_code == 401
    assert response.json()["error"] == "workstation_revoked"


@pytest.mark.parametrize("path", ["/enroll", "/session", "/session/end"])
def test_a_request_that_is_no_batch_takes_only_a_small_body(
    service: BackgroundServer, make_site: MakeSite, path: str
) -> None:
    site = make_site("A1")
    padding = " " * (service_app.SMALL_BODY + 1)
    response = httpx.post(
        f"{service.url}{API}{path}",
        content=b'{"username": "admin"' + padding.encode() + b"}",
        headers={
            "authorization": f"Desk-Workstation {site.hub.token}",
            "content-type": "application/json",
        },
    )
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
