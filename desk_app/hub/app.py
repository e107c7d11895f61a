"""The sync service: an ASGI application (Starlette) in front of the hub's database.

Only the service holds the database's credentials. Workstations talk to it over HTTP:
they are enrolled by an administrator and carry a credential of their own; people sign in
to it and get a session per workstation; every pushed change is checked with the
services' own rules and the author's role as the hub knows it, then merged, stamped and
stored in one short transaction per batch (see docs/sync.md). Blocking database work runs
in the server's thread pool, so one slow request never holds the others.

The API (JSON; ``Authorization: Desk-Workstation <credential>`` where a workstation is
needed), under ``/api/v2``:

- ``GET hello`` — protocol, schema, app version, the service's clock (no credential)
- ``POST enroll`` — an administrator's name and password enroll a workstation
- ``POST session`` / ``POST session/end`` — a person signs in on a workstation / out
- ``GET info`` — the handshake: epoch, seq, stamp, clock
- ``POST push`` — one batch (gzip accepted); answered per change
- ``GET pull?after=&upto=&limit=`` — a page of documents in ``seq`` order (gzip)
- ``GET counts``, ``GET knows?stamp=``, ``GET status`` (administrators)
- ``POST blobs/present``, ``PUT blobs/{sha256}``, ``GET blobs/{sha256}`` — attachment files
- ``GET accounts`` — the hub's accounts, for a newly enrolled workstation
- ``POST admin/revoke-workstation``, ``POST admin/revoke-sessions``, ``GET admin/workstations``
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import zlib
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from desk_app import __version__
from desk_app.db import head_revision
from desk_app.hub import accounts
from desk_app.hub.checks import make_check
from desk_app.hub.order import BatchOrder
from desk_app.hub.store import Fault, Hub, PreparedPush
from desk_app.services.attachments import MAX_SIZE, is_sha256, sniff
from desk_app.sync.errors import HubNotInitialisedError, HubRefusedError, HubUnavailableError
from desk_app.sync.protocol import API, PROTOCOL, Change, from_json, push_result_json, to_json

log = logging.getLogger(__name__)

#: Rows per pull page the service sends at most (the workstation applies them in smaller
#: transactions of its own).
MAX_PULL_PAGE = 5000
#: Changes per pushed batch at most.
MAX_BATCH = 5000
#: A pushed body (after decompression) larger than this is refused.
MAX_BODY = 256 * 1024 * 1024
#: The body of a request that is no batch (enrollment, sign-in, administration): names,
#: passwords and tokens. Enrollment and sign-in are open to anyone who reaches the service.
SMALL_BODY = 64 * 1024
AUTH_SCHEME = "Desk-Workstation"


def _refusal(exc: HubRefusedError) -> JSONResponse:
    return JSONResponse(
        {"error": exc.rule, "params": _jsonable(exc.values), "message": str(exc)},
        status_code=exc.status,
    )


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v
        for k, v in values.items()
        if k != "rule" and isinstance(v, str | int | float | bool | None)
    }


def credential(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme == AUTH_SCHEME and token.strip() else None


async def _body(request: Request, limit: int, rule: str) -> bytes:
    """The request's body, refused (413, ``rule``) as soon as it passes ``limit`` bytes:
    a client cannot make the service hold more than that."""
    declared = request.headers.get("content-length") or ""
    if declared.isdigit() and int(declared) > limit:
        raise HubRefusedError(rule, status=413, limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HubRefusedError(rule, status=413, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _gunzip(body: bytes, limit: int) -> bytes:
    """One gzip member, inflated to at most ``limit`` bytes (a small bomb cannot make the
    service allocate gigabytes)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise HubRefusedError("bad_request", status=400) from exc
    if len(data) > limit or inflater.unconsumed_tail:
        raise HubRefusedError("too_large", status=413, limit=limit)
    if not inflater.eof:
        raise HubRefusedError("bad_request", status=400)
    return data


async def _json(request: Request, limit: int) -> Any:
    body = await _body(request, limit, "too_large")
    if request.headers.get("content-encoding") == "gzip":
        body = _gunzip(body, limit)
    try:
        return from_json(body)
    except ValueError as exc:
        raise HubRefusedError("bad_request", status=400) from exc


def _compressed(request: Request, body: bytes, media_type: str = "application/json") -> Response:
    if len(body) > 1024 and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            gzip.compress(body, compresslevel=1),
            media_type=media_type,
            headers={"content-encoding": "gzip", "vary": "accept-encoding"},
        )
    return Response(body, media_type=media_type)


def _text(data: Any, name: str, limit: int = 200) -> str:
    if not isinstance(data, dict) or not isinstance(data.get(name), str):
        raise HubRefusedError("bad_request", status=400, field=name)
    value: str = data[name]
    if len(value) > limit:
        raise HubRefusedError("bad_request", status=400, field=name)
    return value


class Service:
    """The service's handlers over one hub. Stateless apart from the database, so any
    number of instances can serve one hub."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        #: Test hook: a fault to inject inside the push transaction of a batch id.
        self.faults: dict[str, Fault] = {}
        self.order = BatchOrder(hub)

    # -- helpers ------------------------------------------------------------------------

    def workstation(self, request: Request) -> accounts.Workstation:
        with self.hub.reading() as conn:
            found = accounts.workstation_for(conn, credential(request))
            conn.rollback()
        return found

    async def known(self, request: Request) -> accounts.Workstation:
        """The enrolled workstation asking, settled before anything of the request's body
        is read: a stranger or a revoked workstation cannot make the service read and
        hold a body."""
        return await run_in_threadpool(self.workstation, request)

    # -- open ---------------------------------------------------------------------------

    async def hello(self, request: Request) -> Response:
        info = await run_in_threadpool(self.hub.info)
        return JSONResponse(
            {
                "service": "desk-pilkada-hub",
                "protocol": PROTOCOL,
                "app_version": __version__,
                "schema_revision": info.schema_revision,
                "clock_ms": info.clock_ms,
            }
        )

    async def enroll(self, request: Request) -> Response:
        data = await _json(request, SMALL_BODY)
        if data.get("demo"):
            raise HubRefusedError("demo_database", status=403)

        def work() -> dict[str, Any]:
            workstation, token = accounts.enroll(
                self.hub,
                _text(data, "username", 60),
                _text(data, "password", 1000),
                site_id=_text(data, "site_id", 36),
                code=_text(data, "workstation_code", 8),
                formerly=data.get("formerly") if isinstance(data.get("formerly"), str) else None,
            )
            return {"workstation_id": workstation.id, "token": token, "code": workstation.code}

        return JSONResponse(await run_in_threadpool(work))

    # -- a workstation's --------------------------------------------------------------

    async def session(self, request: Request) -> Response:
        await self.known(request)
        data = await _json(request, SMALL_BODY)

        def work() -> dict[str, Any]:
            s = accounts.open_session(
                self.hub,
                credential(request) or "",
                _text(data, "username", 60),
                _text(data, "password", 1000),
            )
            return {
                "token": s.token,
                "user_id": s.user_id,
                "username": s.username,
                "expires_at": s.expires_at.isoformat(sep=" "),
            }

        return JSONResponse(await run_in_threadpool(work))

    async def session_end(self, request: Request) -> Response:
        await self.known(request)
        data = await _json(request, SMALL_BODY)
        await run_in_threadpool(
            accounts.end_session, self.hub, credential(request) or "", _text(data, "token", 100)
        )
        return JSONResponse({"ended": True})

    async def info(self, request: Request) -> Response:
        def work() -> dict[str, Any]:
            self.workstation(request)
            info = self.hub.info()
            return {
                "epoch": info.epoch,
                "protocol": info.protocol,
                "schema_revision": info.schema_revision,
                "seq": info.seq,
                "stamp": info.stamp,
                "clock_ms": info.clock_ms,
                "app_version": __version__,
                "ordered": True,
            }

        return JSONResponse(await run_in_threadpool(work))

    async def push(self, request: Request) -> Response:
        workstation = await self.known(request)
        data = await _json(request, MAX_BODY)
        batch_id = _text(data, "batch_id", 36)

        def prepare() -> PreparedPush:
            if data.get("site_id") != workstation.site_id:
                raise HubRefusedError("wrong_site", status=403)
            if data.get("demo"):
                raise HubRefusedError("demo_database", status=403)
            raw = data.get("changes")
            if not isinstance(raw, list) or len(raw) > MAX_BATCH:
                raise HubRefusedError("bad_request", status=400, field="changes")
            changes = [_change(item) for item in raw]
            sessions = [t for t in data.get("sessions") or [] if isinstance(t, str)]
            with self.hub.reading() as conn:
                authors = accounts.session_users(conn, workstation, sessions)
                conn.rollback()
            check = make_check(self.hub, set(authors), now_ms=self.hub.clock_ms())
            return self.hub.prepare(workstation.site_id, batch_id, changes, check=check)

        def store(prepared: PreparedPush) -> bytes:
            result = self.hub.store(
                prepared,
                workstation_code=workstation.code,
                schema_revision=str(data.get("schema_revision", ""))[:40],
                fault=self.faults.get(batch_id),
            )
            for refusal in result.refused:
                log.warning(
                    "refused a change from %s: %s %s (%s%s)",
                    workstation.code,
                    refusal.table,
                    refusal.record_id,
                    refusal.rule,
                    f", {refusal.field}" if refusal.field else "",
                )
            return to_json(push_result_json(result))

        with self.order.pushing(batch_id):
            # The batch is merged and checked while the one it names may still be being
            # stored; it waits for that one in the event loop (holding no worker thread)
            # and is then stored, with what the earlier batch changed caught up.
            prepared = await run_in_threadpool(prepare)
            if data.get("after") is not None:
                await self.order.wait_for(_text(data, "after", 36))
            answer = await run_in_threadpool(store, prepared)
        return _compressed(request, answer)

    async def pull(self, request: Request) -> Response:
        try:
            after = int(request.query_params["after"])
            upto = int(request.query_params["upto"])
            limit = min(MAX_PULL_PAGE, max(1, int(request.query_params.get("limit", "500"))))
        except (KeyError, ValueError) as exc:
            raise HubRefusedError("bad_request", status=400) from exc

        def work() -> bytes:
            workstation = self.workstation(request)
            rows = self.hub.pull(workstation.site_id, after, upto, limit)
            # Documents are stored as JSON text: they go out as they are, not parsed and
            # encoded again.
            parts = [f"[{json.dumps(t)},{json.dumps(i)},{s},{d}]" for t, i, s, d in rows]
            return ("[" + ",".join(parts) + "]").encode("utf-8")

        return _compressed(request, await run_in_threadpool(work))

    async def counts(self, request: Request) -> Response:
        def work() -> dict[str, Any]:
            self.workstation(request)
            seq, counts = self.hub.counts_at()
            return {"seq": seq, "counts": counts}

        return JSONResponse(await run_in_threadpool(work))

    async def knows(self, request: Request) -> Response:
        stamp = request.query_params.get("stamp", "")[:36]

        def work() -> dict[str, Any]:
            self.workstation(request)
            return {"knows": self.hub.knows(stamp)}

        return JSONResponse(await run_in_threadpool(work))

    async def hub_accounts(self, request: Request) -> Response:
        def work() -> bytes:
            self.workstation(request)
            with self.hub.reading() as conn:
                docs = self.hub.documents(conn, "user_account")
                conn.rollback()
            return json.dumps(docs).encode("utf-8")

        return _compressed(request, await run_in_threadpool(work))

    async def blobs_present(self, request: Request) -> Response:
        await self.known(request)
        data = await _json(request, MAX_BODY)

        def work() -> dict[str, Any]:
            hashes = [h for h in data.get("hashes") or [] if isinstance(h, str) and is_sha256(h)]
            return {"present": sorted(self.hub.blobs_present(hashes))}

        return JSONResponse(await run_in_threadpool(work))

    async def put_blob(self, request: Request) -> Response:
        sha = request.path_params["sha256"]
        if not is_sha256(sha):
            raise HubRefusedError("bad_request", status=400)
        await self.known(request)
        body = await _body(request, MAX_SIZE, "file_too_large")
        if hashlib.sha256(body).hexdigest() != sha:
            log.warning("refused a file whose content does not match its hash %s", sha)
            raise HubRefusedError("blob_hash", status=400, sha256=sha)
        media_type = sniff(body[:16])
        if media_type is None:
            log.warning("refused an attachment file of a type not allowed (%s)", sha)
            raise HubRefusedError("file_type", status=415)

        stored = await run_in_threadpool(self.hub.put_blob, sha, body, media_type)
        return JSONResponse({"stored": stored}, status_code=201 if stored else 200)

    async def get_blob(self, request: Request) -> Response:
        sha = request.path_params["sha256"]
        if not is_sha256(sha):
            raise HubRefusedError("bad_request", status=400)

        def work() -> bytes | None:
            self.workstation(request)
            return self.hub.get_blob(sha)

        data = await run_in_threadpool(work)
        if data is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        return Response(data, media_type="application/octet-stream")

    # -- administrators -----------------------------------------------------------------

    def _admin(self, request: Request, data: Any) -> accounts.Session:
        return accounts.require_admin_session(
            self.hub, credential(request) or "", _text(data, "session", 100)
        )

    async def status(self, request: Request) -> Response:
        session_token = request.headers.get("x-desk-session", "")

        def work() -> dict[str, Any]:
            self._admin(request, {"session": session_token})
            s = self.hub.status()
            return {
                "url": s.url,
                "epoch": s.epoch,
                "schema_revision": s.schema_revision,
                "protocol": s.protocol,
                "seq": s.seq,
                "counts": s.counts,
                "sites": [
                    {k: (str(v) if v is not None else None) for k, v in site.items()}
                    for site in s.sites
                ],
                "workstations": accounts.list_workstations(self.hub),
            }

        return JSONResponse(await run_in_threadpool(work))

    async def revoke_workstation(self, request: Request) -> Response:
        await self.known(request)
        data = await _json(request, SMALL_BODY)

        def work() -> dict[str, Any]:
            admin = self._admin(request, data)
            return {"revoked": accounts.revoke_workstation(self.hub, admin, _text(data, "code", 8))}

        return JSONResponse(await run_in_threadpool(work))

    async def revoke_sessions(self, request: Request) -> Response:
        await self.known(request)
        data = await _json(request, SMALL_BODY)

        def work() -> dict[str, Any]:
            admin = self._admin(request, data)
            return {"ended": accounts.revoke_sessions(self.hub, admin, _text(data, "username", 60))}

        return JSONResponse(await run_in_threadpool(work))


def _change(item: Any) -> Change:
    if not isinstance(item, dict):
        raise HubRefusedError("bad_request", status=400, field="changes")
    table, row, base = item.get("table"), item.get("row"), item.get("base")
    if (
        not isinstance(table, str)
        or not isinstance(row, dict)
        or not isinstance(row.get("id"), str)
        or len(row["id"]) > 36
        or (base is not None and not isinstance(base, dict))
    ):
        raise HubRefusedError("bad_request", status=400, field="changes")
    return Change(table, row, base)


def create_app(hub: Hub) -> Starlette:
    """The ASGI application serving ``hub`` (already initialised with ``hub init``)."""
    service = Service(hub)

    def guarded(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            try:
                response: Response = await handler(request)
                return response
            except HubRefusedError as exc:
                return _refusal(exc)
            except HubNotInitialisedError:
                return JSONResponse({"error": "hub_not_initialised"}, status_code=503)
            except HubUnavailableError:
                log.error("the hub's database cannot be reached")
                return JSONResponse({"error": "database_unavailable"}, status_code=503)
            except Exception:
                # The transaction was rolled back: nothing of the request was stored.
                log.exception("the sync service failed on %s", request.url.path)
                return JSONResponse({"error": "service_error"}, status_code=500)

        return endpoint

    routes = [
        Route(f"{API}/hello", guarded(service.hello), methods=["GET"]),
        Route(f"{API}/enroll", guarded(service.enroll), methods=["POST"]),
        Route(f"{API}/session", guarded(service.session), methods=["POST"]),
        Route(f"{API}/session/end", guarded(service.session_end), methods=["POST"]),
        Route(f"{API}/info", guarded(service.info), methods=["GET"]),
        Route(f"{API}/push", guarded(service.push), methods=["POST"]),
        Route(f"{API}/pull", guarded(service.pull), methods=["GET"]),
        Route(f"{API}/counts", guarded(service.counts), methods=["GET"]),
        Route(f"{API}/knows", guarded(service.knows), methods=["GET"]),
        Route(f"{API}/accounts", guarded(service.hub_accounts), methods=["GET"]),
        Route(f"{API}/status", guarded(service.status), methods=["GET"]),
        Route(f"{API}/blobs/present", guarded(service.blobs_present), methods=["POST"]),
        Route(f"{API}/blobs/{{sha256}}", guarded(service.put_blob), methods=["PUT"]),
        Route(f"{API}/blobs/{{sha256}}", guarded(service.get_blob), methods=["GET"]),
        Route(
            f"{API}/admin/revoke-workstation",
            guarded(service.revoke_workstation),
            methods=["POST"],
        ),
        Route(f"{API}/admin/revoke-sessions", guarded(service.revoke_sessions), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.service = service
    app.state.schema_revision = head_revision()
    return app
