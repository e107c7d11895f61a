"""A small dataset built through the services, with a clock the test sets, holding the
cases an auditor checks a sitrep against: closed then reopened after the period, closed and
reopened inside it, a follow-up on an old incident, a merge with follow-ups, engagements at
23.00 and 01.00 WIB, incidents exactly at the period's start and end, and things that
happened after the period (a deletion, a merge, a level and a note changed).

The period is voting day's eve, 26 November 2024 WIB: ``[START, END)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.context import AppContext
from desk_app.models import Contact, Engagement, Incident, Region
from desk_app.services import incidents as incident_service
from desk_app.services import records, regions
from desk_app.services.actor import Actor
from desk_app.services.records import Writer

WIB_MIDNIGHT_26 = datetime(2024, 11, 25, 17, 0, tzinfo=UTC)
START = WIB_MIDNIGHT_26
END = START + timedelta(days=1)
PHONE_TITLE = "hubungi 0812-3456-7890"


@dataclass
class Hard:
    ids: dict[str, str]
    refs: dict[str, str]


@contextmanager
def clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> Iterator[None]:
    with monkeypatch.context() as m:
        m.setattr(records, "utcnow", lambda: moment)
        yield


def build(ctx: AppContext, actor: Actor, monkeypatch: pytest.MonkeyPatch) -> Hard:
    ids: dict[str, str] = {}
    refs: dict[str, str] = {}
    n = [0]

    def incident(
        key: str,
        occurred: datetime,
        *,
        region: str = "33.74",
        category: str = "KAMTIB",
        severity: int = 3,
        platform: str | None = None,
        title: str | None = None,
    ) -> None:
        n[0] += 1
        with clock(monkeypatch, occurred), ctx.db.write() as session:
            region_id = session.scalar(select(Region.id).where(Region.code == region))
            row = Writer(session, actor).create(
                Incident,
                ref=f"GB1-2024-{n[0]:05d}",
                occurred_at=occurred,
                reported_at=occurred,
                region_id=region_id,
                kecamatan="Tembalang",
                desa="",
                category=category,
                neutrality_subject="ASN" if category == "NETRALITAS" else None,
                severity=severity,
                source_type="MEDSOS" if platform else "OPD",
                platform=platform,
                link="",
                reporter_name="Pelapor",
                reporter_contact="081234567890",
                title=title or f"Kasus {key}",
                description="",
                status="baru",
                assigned_to=None,
                merged_into=None,
            )
            ids[key], refs[key] = row.id, row.ref

    def status(key: str, moment: datetime, *path: str) -> None:
        for i, to in enumerate(path):
            with clock(monkeypatch, moment + timedelta(minutes=i)), ctx.db.write() as session:
                incident_service.change_status(session, actor, ids[key], to, f"ke {to}")

    def follow_up(key: str, moment: datetime, type_: str, note: str = "Ditangani") -> None:
        with clock(monkeypatch, moment), ctx.db.write() as session:
            incident_service.add_follow_up(session, actor, ids[key], type_, note)

    h = timedelta(hours=1)
    # Closed in the period, reopened the next day: closed in the period, not open at its end.
    incident("closed_then_reopened", START - timedelta(days=2))
    status("closed_then_reopened", START - timedelta(days=2) + h, "terverifikasi")
    status("closed_then_reopened", START + 5 * h, "selesai")
    status("closed_then_reopened", END + 5 * h, "dibuka_kembali")
    # Closed and reopened inside the period: closed in it, and open at its end.
    incident("reopened_inside", START + 2 * h, severity=2)
    status("reopened_inside", START + 3 * h, "terverifikasi", "selesai", "dibuka_kembali")
    # Declared invalid in the period.
    incident("invalid", START + 4 * h, severity=1)
    status("invalid", START + 6 * h, "tidak_valid")
    # An old critical incident followed up in the period (a take-down request).
    incident("old_critical", START - timedelta(days=5), category="HOAKS", severity=4,
             platform="TIKTOK", title=f"Hoaks lama, {PHONE_TITLE}")  # fmt: skip
    follow_up("old_critical", START - timedelta(days=4), "VERIFIKASI")
    follow_up("old_critical", START + 7 * h, "TAKEDOWN")
    # Older social incidents, each with take-down requests in the period.
    for i in range(4):
        incident(f"old_hoax_{i}", START - timedelta(days=3, hours=i), category="HOAKS",
                 severity=2, platform="FACEBOOK")  # fmt: skip
        follow_up(f"old_hoax_{i}", START + (8 + i) * h, "TAKEDOWN")
        follow_up(f"old_hoax_{i}", START + (8 + i) * h + timedelta(minutes=5), "TAKEDOWN")
    # A merge inside the period: the source's counter-narrative counts for the kept one.
    incident("kept", START + 1 * h, category="HOAKS", severity=3, platform="X")
    incident("source", START + 1 * h + timedelta(minutes=10), category="HOAKS", severity=2,
             platform="X")  # fmt: skip
    follow_up("source", START + 2 * h, "KONTRA_NARASI")
    with clock(monkeypatch, START + 12 * h), ctx.db.write() as session:
        incident_service.merge_incidents(session, actor, ids["kept"], ids["source"])
    # Exactly at the start (in) and exactly at the end (out).
    incident("at_start", START, region="33.01", severity=4)
    incident("at_end", END, region="33.01", severity=4)
    # Merged and deleted after the period: both still count in it.
    incident("merged_later", START + 13 * h, region="33.02", severity=2)
    incident("deleted_later", START + 14 * h, region="33.02", severity=2)
    with clock(monkeypatch, END + 2 * h), ctx.db.write() as session:
        incident_service.merge_incidents(session, actor, ids["kept"], ids["merged_later"])
        incident_service.delete_incident(session, actor, ids["deleted_later"])
    # A high incident changed only after the period: status printed as it stood at the end.
    incident("high_later", START + 15 * h, region="33.03", severity=3)
    status("high_later", END + 3 * h, "terverifikasi")
    # Level and note: set in the period, changed after it.
    with clock(monkeypatch, START + 9 * h), ctx.db.write() as session:
        regions.set_alert_level(session, actor, "33.74", "siaga", "Eskalasi menjelang coblosan")
        regions.update_region_details(session, actor, "33.74", status_note="Catatan periode")
    with clock(monkeypatch, END + 4 * h), ctx.db.write() as session:
        regions.set_alert_level(session, actor, "33.74", "awas", "Bentrok setelah periode")
        regions.update_region_details(session, actor, "33.74", status_note="Catatan kemudian")
    # Engagements logged at 23.00 WIB (in) and at 01.00 WIB the next day (out).
    with clock(monkeypatch, START - timedelta(days=30)), ctx.db.write() as session:
        contact = Writer(session, actor).create(
            Contact,
            honorific="KH",
            name="Mitra Malam",
            position="Ketua",
            organisation="FKUB",
            category="TOKOH_AGAMA",
            forums=["FKUB"],
            region_codes=["33.74"],
            province_wide=False,
            phones=["+6281234500001"],
            whatsapp="",
            email="",
            social={},
            address="",
            basis="persetujuan",
            notes="",
        )
        contact_id = contact.id
    for key, moment in (("late", END - h), ("early", END + h)):
        with clock(monkeypatch, moment), ctx.db.write() as session:
            row = Writer(session, actor).create(
                Engagement,
                contact_id=contact_id,
                occurred_on=(moment + timedelta(hours=7)).date(),
                type="TELEPON",
                summary=f"Panggilan {key}",
            )
            ids[f"engagement_{key}"] = row.id
    return Hard(ids, refs)
