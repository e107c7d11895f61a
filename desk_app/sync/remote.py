"""The workstation's side of the sync service's HTTP API.

``RemoteHub`` offers what the sync engine asks of a hub (handshake, push, pull, files,
counts) over HTTP with the workstation's credential, plus enrollment and sessions. It
holds no database credentials: only the service does.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from desk_app import __version__
from desk_app.sync.errors import (
    BlobHashError,
    HubNotInitialisedError,
    HubRefusedError,
    HubUnavailableError,
    SyncError,
)
from desk_app.sync.merge import Row
from desk_app.sync.protocol import (
    API,
    Change,
    HubInfo,
    HubStatus,
    PushResult,
    from_json,
    push_result,
    to_json,
)

log = logging.getLogger(__name__)

AUTH_SCHEME = "Desk-Workstation"
#: Seconds to wait for the service: connecting, and a whole reply (a push of a large
#: batch or a pull page over a slow line).
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 120.0


class DirectDatabaseUrlError(SyncError):
    """A database URL where the sync service's address belongs (the hub is a service now)."""

    code = "hub_direct_url"

    def __init__(self, url: str) -> None:
        super().__init__(
            "workstations no longer connect to the hub's database: give the sync service's "
            "address (https://server:8765), and run 'desk-app hub serve --db URL' on the server",
            url=url,
        )


def check_service_url(url: str) -> str:
    """The service's base URL, or a refusal that explains the change from database URLs."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return text
    if "://" in text and parts.scheme.split("+")[0] in ("postgresql", "postgres", "sqlite"):
        raise DirectDatabaseUrlError(text)
    raise SyncError(f"not a sync service address: {text}", code="hub_url", url=text)


class RemoteHub:
    """One workstation's connection to the sync service. Thread-safe for one sync at a
    time (the engine is single-threaded); keeps one HTTP connection pool."""

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        sessions: dict[str, str] | None = None,
        verify: bool | str = True,
        demo: bool = False,
    ) -> None:
        self.url = check_service_url(url)
        self.display_url = self.url
        self.token = token
        #: ``{user_id: session token}`` of the people signed in to the service here.
        self.sessions: dict[str, str] = dict(sessions or {})
        self.demo = demo
        self._client = httpx.Client(
            base_url=self.url + API,
            timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            verify=verify,
            headers={"user-agent": f"desk-app/{__version__}", "accept-encoding": "gzip"},
        )

    def dispose(self) -> None:
        self._client.close()

    # -- requests -----------------------------------------------------------------------

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.token:
            headers["authorization"] = f"{AUTH_SCHEME} {self.token}"
        return headers

    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        extra = dict(headers or {})
        if json_body is not None:
            content = to_json(json_body)
            extra["content-type"] = "application/json"
        try:
            response = self._client.request(
                method, path, content=content, params=params, headers=self._headers(extra)
            )
        except httpx.TransportError as exc:
            raise HubUnavailableError(_reason(exc), url=self.url) from exc
        if response.status_code >= 400 and response.status_code != 404:
            self._raise(response)
        return response

    def _raise(self, response: httpx.Response) -> None:
        try:
            body = response.json()
        except ValueError:
            body = {}
        rule = str(body.get("error") or f"http_{response.status_code}")
        params = {
            k: v
            for k, v in (body.get("params") or {}).items()
            if k not in ("rule", "status", "code")
        }
        if rule == "hub_not_initialised":
            raise HubNotInitialisedError(self.url)
        if rule == "blob_hash":
            raise BlobHashError(str(params.get("sha256", "")), "?")
        if response.status_code == 500:
            raise SyncError(
                "the sync service failed; nothing of this batch was stored",
                code="hub_service_error",
            )
        if rule == "database_unavailable" or response.status_code in (502, 503, 504):
            raise HubUnavailableError(f"the service answered {response.status_code}", url=self.url)
        raise HubRefusedError(rule, status=response.status_code, **params)

    def _get_json(self, path: str, **params: Any) -> Any:
        return from_json(self._request("GET", path, params=params or None).content)

    # -- open -------------------------------------------------------------------------

    def hello(self) -> dict[str, Any]:
        data: dict[str, Any] = self._get_json("/hello")
        if data.get("service") != "desk-pilkada-hub":
            raise SyncError(
                f"{self.url} is not a Desk Pilkada sync service", code="hub_url", url=self.url
            )
        return data

    def enroll(
        self, username: str, password: str, *, site_id: str, code: str, formerly: str | None = None
    ) -> str:
        """Enroll this workstation on an administrator's word; returns its credential."""
        data = self._request(
            "POST",
            "/enroll",
            json_body={
                "username": username,
                "password": password,
                "site_id": site_id,
                "workstation_code": code,
                "formerly": formerly,
                "demo": self.demo,
            },
        ).json()
        self.token = str(data["token"])
        return self.token

    def open_session(self, username: str, password: str) -> tuple[str, str]:
        """Sign a person in to the service here: returns (user id, session token)."""
        data = self._request(
            "POST", "/session", json_body={"username": username, "password": password}
        ).json()
        self.sessions[str(data["user_id"])] = str(data["token"])
        return str(data["user_id"]), str(data["token"])

    def end_session(self, user_id: str) -> None:
        token = self.sessions.pop(user_id, None)
        if token:
            self._request("POST", "/session/end", json_body={"token": token})

    # -- what the sync engine asks ------------------------------------------------------

    def info(self) -> HubInfo:
        data = self._get_json("/info")
        return HubInfo(
            epoch=str(data["epoch"]),
            protocol=int(data["protocol"]),
            schema_revision=str(data["schema_revision"]),
            seq=int(data["seq"]),
            stamp=str(data["stamp"]),
            clock_ms=int(data["clock_ms"]),
            app_version=str(data.get("app_version", "")),
            ordered=bool(data.get("ordered")),
        )

    def push_body(
        self,
        site_id: str,
        batch_id: str,
        changes: Sequence[Change],
        *,
        workstation_code: str = "",
        schema_revision: str = "",
        after: str | None = None,
    ) -> bytes:
        """A batch as the request ``push`` sends (JSON, gzip), made beforehand so that it
        goes out at once. ``after``: the batch this workstation sent before it, which the
        service stores first."""
        body = {
            "batch_id": batch_id,
            "after": after,
            "site_id": site_id,
            "workstation_code": workstation_code,
            "schema_revision": schema_revision,
            "sessions": sorted(self.sessions.values()),
            "demo": self.demo,
            "changes": [{"table": c.table, "row": c.row, "base": c.base} for c in changes],
        }
        return gzip.compress(to_json(body), compresslevel=1)

    def push(
        self,
        site_id: str,
        batch_id: str,
        changes: Sequence[Change],
        *,
        workstation_code: str = "",
        schema_revision: str = "",
        fault: Any = None,
        after: str | None = None,
        body: bytes | None = None,
    ) -> PushResult:
        """Send a batch (``body``: the same batch from ``push_body``, when made before)."""
        if body is None:
            body = self.push_body(
                site_id,
                batch_id,
                changes,
                workstation_code=workstation_code,
                schema_revision=schema_revision,
                after=after,
            )
        response = self._request(
            "POST",
            "/push",
            content=body,
            headers={"content-type": "application/json", "content-encoding": "gzip"},
        )
        return push_result(from_json(response.content))

    def pull(
        self, site_id: str, after: int, upto: int, limit: int
    ) -> list[tuple[str, str, int, Row]]:
        rows = self._get_json("/pull", after=after, upto=upto, limit=limit)
        return [(str(t), str(i), int(s), d) for t, i, s, d in rows]

    def counts_at(self) -> tuple[int, dict[str, int]]:
        data = self._get_json("/counts")
        return int(data["seq"]), {str(k): int(v) for k, v in data["counts"].items()}

    def counts(self) -> dict[str, int]:
        return self.counts_at()[1]

    def knows(self, stamp: str) -> bool:
        return bool(self._get_json("/knows", stamp=stamp)["knows"])

    def accounts(self) -> list[Row]:
        data: list[Row] = self._get_json("/accounts")
        return data

    def status(self, session_token: str) -> HubStatus:
        data = self._request("GET", "/status", headers={"x-desk-session": session_token}).json()
        return HubStatus(
            url=self.url,
            epoch=data["epoch"],
            schema_revision=data["schema_revision"],
            protocol=int(data["protocol"]),
            seq=int(data["seq"]),
            counts=data["counts"],
            sites=data.get("workstations") or [],
        )

    def revoke_workstation(self, session_token: str, code: str) -> int:
        data = self._request(
            "POST", "/admin/revoke-workstation", json_body={"session": session_token, "code": code}
        ).json()
        return int(data["revoked"])

    def revoke_sessions(self, session_token: str, username: str) -> int:
        data = self._request(
            "POST",
            "/admin/revoke-sessions",
            json_body={"session": session_token, "username": username},
        ).json()
        return int(data["ended"])

    # -- attachment files ---------------------------------------------------------------

    def blobs_present(self, hashes: Sequence[str]) -> set[str]:
        if not hashes:
            return set()
        data = self._request("POST", "/blobs/present", json_body={"hashes": list(hashes)}).json()
        return set(data["present"])

    def put_blob(self, sha256: str, data: bytes) -> bool:
        response = self._request(
            "PUT",
            f"/blobs/{sha256}",
            content=data,
            headers={"content-type": "application/octet-stream"},
        )
        return response.status_code == 201

    def get_blob(self, sha256: str) -> bytes | None:
        response = self._request("GET", f"/blobs/{sha256}")
        if response.status_code == 404:
            return None
        return response.content


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text and text[0] else type(exc).__name__
