"""A seeded dataset for sitrep tests and benchmarks, written in bulk with known times.

Incidents spread over the 16 days before ``end`` (so the 14-day trend has data), with
status histories, follow-ups (take-downs and counter-narratives among them), a few merged
and deleted incidents (which must not count), contacts with phone numbers and addresses,
engagements, and alert level changes inside the period. Reporter contacts and some titles
carry phone numbers, so tests can check they are not printed unless asked for.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from desk_app.context import AppContext
from desk_app.formats import to_wib
from desk_app.models import (
    AlertLevelChange,
    Contact,
    Engagement,
    FollowUp,
    Incident,
    IncidentStatusChange,
    Region,
    new_id,
)
from desk_app.models.enums import STATUS_TRANSITIONS, IncidentStatus

#: H-3 of the 2024 election, 10.00 WIB.
END = datetime(2024, 11, 24, 3, 0, tzinfo=UTC)
CATEGORIES = [
    "KAMTIB", "HOAKS", "UJARAN", "PROVOKASI", "NETRALITAS", "POLITIK_UANG", "KAMPANYE",
    "PENYELENGGARAAN", "UNJUK_RASA", "BENCANA", "LAINNYA",
]  # fmt: skip
WEIGHTS = [12, 18, 8, 7, 9, 8, 12, 8, 8, 2, 8]
PLATFORMS = ["FACEBOOK", "INSTAGRAM", "X", "TIKTOK", "YOUTUBE", "WHATSAPP", "TELEGRAM", None]
SUBJECTS = ["ASN", "KADES", "PERANGKAT_DESA", "LINMAS", "TNI_POLRI", "LAINNYA"]
FOLLOW_UPS = ["VERIFIKASI", "KOORDINASI_APARAT", "BAWASLU", "TAKEDOWN", "KONTRA_NARASI", "RAKOR"]
REPORTER_PHONE = "+62 812-7777-{:04d}"
CONTACT_PHONE = "+6281399{:06d}"
TITLE_PHONE = "0857 1234 5678"
CONTACT_ADDRESS = "Jl. Pahlawan No. {}, Semarang"
LEVELS = {
    "33.74": "awas",
    "33.11": "siaga",
    "33.06": "siaga",
    "33.08": "siaga",
    "33.23": "waspada",
    "33.07": "waspada",
    "33.24": "waspada",
    "33.18": "waspada",
    "33.72": "waspada",
}
TITLES = {
    "KAMTIB": "Bentrok antarpendukung paslon di {place}",
    "HOAKS": "Hoaks DPT ganda beredar di grup warga {place}",
    "UJARAN": "Unggahan bernada SARA terhadap calon di {place}",
    "PROVOKASI": "Ajakan menolak hasil pemungutan suara di {place}",
    "NETRALITAS": "Dugaan keterlibatan aparatur dalam kampanye di {place}",
    "POLITIK_UANG": "Dugaan pembagian uang menjelang pencoblosan di {place}",
    "KAMPANYE": "Alat peraga kampanye di tempat ibadah, {place}",
    "PENYELENGGARAAN": "Logistik surat suara terlambat tiba di {place}",
    "UNJUK_RASA": "Pengerahan massa di depan kantor KPU {place}",
    "BENCANA": "Banjir mengganggu distribusi logistik di {place}",
    "LAINNYA": "Laporan warga tentang situasi di {place}",
}
PLACES = ["Tembalang", "Candisari", "Banyumanik", "Gayamsari", "Pedurungan", "Ngaliyan", "Mijen"]


@dataclass(frozen=True)
class Seeded:
    end: datetime
    incidents: int
    period_start: datetime


def seed(
    ctx: AppContext,
    incidents: int,
    *,
    end: datetime = END,
    period_days: float = 3,
    seed_value: int = 7,
    spread_days: float = 16,
    contacts: int = 30,
    engagements: int = 40,
) -> Seeded:
    """Fill ``ctx``'s database; the period of interest is the ``period_days`` before ``end``."""
    rng = random.Random(seed_value)
    start = end - timedelta(days=period_days)
    with ctx.db.write() as session:
        regions = {r.code: r.id for r in session.scalars(select(Region))}
        codes = sorted(regions)
        users = [ctx.actor.user_id] if ctx.actor else [None]
        inc_rows, status_rows, fu_rows = [], [], []
        for n in range(incidents):
            category = rng.choices(CATEGORIES, WEIGHTS)[0]
            occurred = end - timedelta(seconds=rng.uniform(60, spread_days * 86400))
            code = rng.choice(codes)
            place = rng.choice(PLACES)
            title = TITLES[category].format(place=place)
            if n % 97 == 0:
                title += f" (hubungi {TITLE_PHONE})"
            incident_id = new_id()
            social = category in ("HOAKS", "UJARAN", "PROVOKASI")
            # A status path through the workflow, each change after the last.
            path = [IncidentStatus.BARU]
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                path.append(rng.choice(STATUS_TRANSITIONS[path[-1]]))
            at = occurred
            for old, new in itertools.pairwise(path):
                at = at + timedelta(seconds=rng.uniform(60, max(120, (end - at).total_seconds())))
                at = min(at, end - timedelta(seconds=1))
                status_rows.append(
                    {
                        "id": new_id(),
                        "created_at": at,
                        "created_by": users[0],
                        "origin_version": "",
                        "incident_id": incident_id,
                        "from_status": old.value,
                        "to_status": new.value,
                        "note": "Dicek ke lapangan oleh Kesbangpol",
                    }
                )
            for _ in range(rng.choice([0, 0, 1, 2, 4])):
                fu_at = occurred + timedelta(
                    seconds=rng.uniform(30, max(60, (end - occurred).total_seconds()))
                )
                fu_rows.append(
                    {
                        "id": new_id(),
                        "created_at": min(fu_at, end - timedelta(seconds=1)),
                        "created_by": users[0],
                        "origin_version": "",
                        "incident_id": incident_id,
                        "type": rng.choice(FOLLOW_UPS),
                        "note": "Koordinasi dengan Polres dan Bawaslu setempat",
                    }
                )
            inc_rows.append(
                {
                    "id": incident_id,
                    "created_at": occurred,
                    "created_by": users[0],
                    "updated_at": occurred,
                    "updated_by": users[0],
                    "deleted": n % 211 == 5,
                    "origin_version": "",
                    "versions": {},
                    "ref": f"GB1-{to_wib(occurred).year}-{n + 1:05d}",
                    "occurred_at": occurred,
                    "reported_at": occurred + timedelta(minutes=5),
                    "region_id": regions[code],
                    "kecamatan": place,
                    "desa": "",
                    "category": category,
                    "neutrality_subject": rng.choice(SUBJECTS)
                    if category == "NETRALITAS"
                    else None,
                    "severity": rng.choices([1, 2, 3, 4], [35, 35, 20, 10])[0],
                    "source_type": "MEDSOS" if social else "OPD",
                    "platform": rng.choice(PLATFORMS) if social else None,
                    "link": "",
                    "reporter_name": f"Pelapor Rahasia {n}",
                    "reporter_contact": REPORTER_PHONE.format(n % 10_000),
                    "title": title,
                    "description": "",
                    "status": path[-1].value,
                    "assigned_to": None,
                    "merged_into": None,
                }
            )
        # A few incidents merged into others: they must leave every count.
        for i in range(3, len(inc_rows), 173):
            inc_rows[i]["merged_into"] = inc_rows[i - 1]["id"]
        if inc_rows:
            session.execute(Incident.__table__.insert(), inc_rows)
        if status_rows:
            session.execute(IncidentStatusChange.__table__.insert(), status_rows)
        if fu_rows:
            session.execute(FollowUp.__table__.insert(), fu_rows)
        # Alert levels changed inside the period.
        for i, (code, level) in enumerate(sorted(LEVELS.items())):
            session.execute(update(Region).where(Region.code == code).values(alert_level=level))
            session.execute(
                AlertLevelChange.__table__.insert(),
                [
                    {
                        "id": new_id(),
                        "created_at": start + timedelta(hours=2 + i),
                        "created_by": users[0],
                        "origin_version": "",
                        "region_id": regions[code],
                        "from_level": "kondusif",
                        "to_level": level,
                        "reason": "Eskalasi insiden menjelang pemungutan suara",
                    }
                ],
            )
        contact_rows = [
            {
                "id": new_id(),
                "created_at": start - timedelta(days=30),
                "created_by": users[0],
                "updated_at": start - timedelta(days=30),
                "updated_by": users[0],
                "deleted": False,
                "origin_version": "",
                "versions": {},
                "honorific": "KH" if i % 3 == 0 else "",
                "name": f"Mitra Forum {i}",
                "position": "Ketua",
                "organisation": "FKUB Kota Semarang" if i % 2 else "PCNU Kendal",
                "category": "TOKOH_AGAMA" if i % 2 else "TOKOH_MASYARAKAT",
                "forums": ["FKUB"] if i % 2 else ["FKDM", "FPK"],
                "region_codes": [rng.choice(codes)],
                "province_wide": False,
                "phones": [CONTACT_PHONE.format(i)],
                "whatsapp": "",
                "email": f"mitra{i}@example.org",
                "social": {},
                "address": CONTACT_ADDRESS.format(i + 1),
                "basis": "persetujuan",
                "notes": "",
            }
            for i in range(contacts)
        ]
        if contact_rows:
            session.execute(Contact.__table__.insert(), contact_rows)
            session.execute(
                Engagement.__table__.insert(),
                [
                    {
                        "id": new_id(),
                        "created_at": end - timedelta(days=period_days * (i + 0.5) / engagements),
                        "created_by": users[0],
                        "origin_version": "",
                        "contact_id": contact_rows[i % len(contact_rows)]["id"],
                        "occurred_on": to_wib(
                            end - timedelta(days=period_days * (i + 0.5) / engagements)
                        ).date(),
                        "type": ["PERTEMUAN", "TELEPON", "PESAN"][i % 3],
                        "summary": "Koordinasi menjaga situasi kondusif menjelang pencoblosan.",
                    }
                    for i in range(engagements)
                ],
            )
    return Seeded(end=end, incidents=incidents, period_start=start)
