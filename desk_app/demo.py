"""Realistic demo data: incidents, their histories and follow-ups, contacts, users.

Deterministic for a given seed. Written with bulk ``executemany`` in large transactions, so
a million incidents take a couple of minutes, not hours.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import random
import secrets
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.db import Database
from desk_app.hlc import HybridClock, Timestamp
from desk_app.models import AlertLevelChange, AuditEntry, Counter, Region, User, utcnow
from desk_app.models.base import derived_id, time_ordered_uuid
from desk_app.models.enums import IncidentStatus, Role
from desk_app.services import auth
from desk_app.services.actor import Actor
from desk_app.services.election import get_election
from desk_app.services.errors import PermissionDeniedError, ServiceError
from desk_app.services.records import Writer, clock_for, local_state, save_clock
from desk_app.services.setup import is_demo_database, mark_demo_database
from desk_app.sync.capture import bulk_capture

Progress = Callable[[int, int], None]

BATCH = 20_000

# Javanese village and district names are built from the words they are usually made of.
_PLACE_HEADS = [
    "Sumber", "Karang", "Jati", "Tegal", "Kali", "Banyu", "Wono", "Sido", "Mulyo", "Ngemplak",
    "Tanjung", "Pasir", "Gunung", "Watu", "Sri", "Rejo", "Harjo", "Suko", "Margo", "Purwo",
    "Kedung", "Pandan", "Bojong", "Candi", "Krajan", "Dukuh", "Gedong", "Ngaliyan",
]  # fmt: skip
_PLACE_TAILS = [
    "rejo", "sari", "mulyo", "harjo", "agung", "wangi", "asri", "jaya", "kidul", "lor",
    "wetan", "kulon", "tengah", "makmur", "sobo", "kerto", "anom", "arum", "manis", "sawit",
]  # fmt: skip
_GIVEN = [
    "Agus", "Budi", "Siti", "Sri", "Dwi", "Eko", "Tri", "Joko", "Wahyu", "Nur", "Rina",
    "Slamet", "Sugeng", "Retno", "Endang", "Bambang", "Heru", "Yuli", "Ahmad", "Muhammad",
    "Fitri", "Dewi", "Rahmat", "Hadi", "Sutrisno", "Purnomo", "Lestari", "Wulan", "Arif",
    "Kurniawan",
]  # fmt: skip
_FAMILY = [
    "Santoso", "Wibowo", "Setiawan", "Susanto", "Prasetyo", "Hidayat", "Nugroho", "Saputra",
    "Rahayu", "Wijaya", "Hartono", "Suryadi", "Utomo", "Purwanto", "Handayani", "Kusuma",
    "Pratama", "Mulyadi", "Haryanto", "Sulistyo",
]  # fmt: skip

# category -> (weight, titles, severity weights 1..4)
_CATEGORIES: dict[str, tuple[int, list[str], list[int]]] = {
    "KAMTIB": (12, [
        "Bentrokan antarpendukung paslon di {place}",
        "Intimidasi terhadap tim kampanye di {place}",
        "Perusakan alat peraga kampanye di {place}",
        "Ancaman kepada petugas KPPS di {place}",
    ], [3, 4, 3, 1]),
    "HOAKS": (18, [
        "Hoaks surat suara sudah tercoblos beredar di {platform}",
        "Hoaks pemilih fiktif dalam DPT {region}",
        "Informasi palsu penundaan pemungutan suara di {region}",
        "Video lama kerusuhan disebar ulang sebagai kejadian di {place}",
    ], [2, 4, 3, 1]),
    "UJARAN": (9, [
        "Ujaran kebencian bernuansa SARA terhadap paslon di {platform}",
        "Unggahan menghina kelompok agama terkait pilkada di {platform}",
    ], [2, 3, 3, 1]),
    "PROVOKASI": (8, [
        "Ajakan menolak hasil pilkada di grup {platform}",
        "Seruan pengerahan massa ke kantor KPU {region}",
    ], [2, 3, 3, 1]),
    "NETRALITAS": (12, [
        "Dugaan ketidaknetralan {subject} di {place}",
        "{subject} hadir dalam kampanye paslon di {place}",
        "{subject} mengunggah dukungan kepada paslon",
    ], [3, 4, 2, 0]),
    "POLITIK_UANG": (9, [
        "Dugaan pembagian uang kepada warga di {place}",
        "Pembagian sembako berstiker paslon di {place}",
    ], [2, 4, 3, 1]),
    "KAMPANYE": (14, [
        "Kampanye di tempat ibadah di {place}",
        "Alat peraga kampanye dipasang di fasilitas sekolah di {place}",
        "Kampanye di luar jadwal di {place}",
    ], [5, 4, 1, 0]),
    "PENYELENGGARAAN": (8, [
        "Logistik surat suara terlambat tiba di {place}",
        "Kekurangan surat suara di TPS {place}",
        "Keberatan warga atas DPT di {place}",
    ], [2, 4, 3, 1]),
    "UNJUK_RASA": (5, [
        "Unjuk rasa di depan kantor Bawaslu {region}",
        "Pengerahan massa pendukung paslon di {place}",
    ], [1, 3, 4, 2]),
    "BENCANA": (2, [
        "Banjir mengganggu distribusi logistik di {place}",
        "Tanah longsor menutup akses ke TPS di {place}",
    ], [1, 3, 3, 2]),
    "LAINNYA": (3, ["Laporan warga terkait pilkada di {place}"], [6, 3, 1, 0]),
}  # fmt: skip

_SUBJECTS = [("ASN", "ASN"), ("KADES", "Kepala desa"), ("PERANGKAT_DESA", "Perangkat desa"),
             ("LINMAS", "Anggota Linmas"), ("TNI_POLRI", "Oknum aparat")]  # fmt: skip
_SOCIAL_PLATFORMS = ["FACEBOOK", "INSTAGRAM", "X", "TIKTOK", "YOUTUBE", "WHATSAPP", "TELEGRAM"]
_PLATFORM_NAMES = {
    "FACEBOOK": "Facebook", "INSTAGRAM": "Instagram", "X": "X", "TIKTOK": "TikTok",
    "YOUTUBE": "YouTube", "WHATSAPP": "WhatsApp", "TELEGRAM": "Telegram",
}  # fmt: skip
_PLATFORM_URLS = {
    "FACEBOOK": "https://www.facebook.com/groups/{n}/posts/{m}",
    "INSTAGRAM": "https://www.instagram.com/p/{n}{m}/",
    "X": "https://x.com/user{n}/status/{m}",
    "TIKTOK": "https://www.tiktok.com/@akun{n}/video/{m}",
    "YOUTUBE": "https://www.youtube.com/watch?v={n}{m}",
    "WHATSAPP": "",
    "TELEGRAM": "https://t.me/grup{n}/{m}",
}  # fmt: skip
_SOURCES = [("MEDSOS", 40), ("MEDIA_MASSA", 10), ("OPD", 15), ("APARAT", 8),
            ("PENYELENGGARA", 8), ("FORUM", 6), ("MASYARAKAT", 10), ("OBSERVASI", 3)]  # fmt: skip
_FOLLOW_UPS = {
    "HOAKS": ["TAKEDOWN", "KONTRA_NARASI"], "UJARAN": ["TAKEDOWN", "BAWASLU"],
    "PROVOKASI": ["TAKEDOWN", "KOORDINASI_APARAT"], "NETRALITAS": ["BAWASLU", "VERIFIKASI"],
    "POLITIK_UANG": ["BAWASLU", "VERIFIKASI"], "KAMPANYE": ["BAWASLU", "KPU"],
    "PENYELENGGARAAN": ["KPU", "RAKOR"], "KAMTIB": ["KOORDINASI_APARAT", "MEDIASI"],
    "UNJUK_RASA": ["KOORDINASI_APARAT", "RAKOR"], "BENCANA": ["RAKOR", "VERIFIKASI"],
    "LAINNYA": ["VERIFIKASI", "LAINNYA"],
}  # fmt: skip
_FOLLOW_UP_NOTES = {
    "TAKEDOWN": "Pengajuan take-down konten ke Diskominfo.",
    "KONTRA_NARASI": "Klarifikasi dan kontra-narasi diunggah di kanal resmi Pemprov.",
    "BAWASLU": "Diteruskan ke Bawaslu kabupaten/kota untuk ditangani.",
    "KPU": "Diteruskan ke KPU kabupaten/kota.",
    "VERIFIKASI": "Verifikasi lapangan oleh Kesbangpol kabupaten/kota.",
    "KOORDINASI_APARAT": "Koordinasi dengan Polres setempat untuk pengamanan.",
    "MEDIASI": "Mediasi melalui FKUB dan tokoh masyarakat setempat.",
    "RAKOR": "Dibahas dalam rapat koordinasi Forkopimda.",
    "LAINNYA": "Dipantau oleh desk.",
}  # fmt: skip
# category -> (position, organisation, honorifics that go with them)
_CONTACT_ROLES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "TOKOH_AGAMA": [
        ("Ketua FKUB", "FKUB", ("KH", "Drs.", "Dr.")),
        ("Pengasuh Pondok Pesantren", "Pondok Pesantren", ("KH", "Gus")),
        ("Ketua PCNU", "PCNU", ("KH", "H.")),
        ("Ketua PD Muhammadiyah", "PD Muhammadiyah", ("H.", "Drs.", "Dr.")),
        ("Pendeta", "GKJ", ("Pdt.",)),
        ("Romo Paroki", "Keuskupan Agung Semarang", ("Romo",)),
    ],
    "TOKOH_MASYARAKAT": [
        ("Tokoh masyarakat", "Paguyuban Warga", ("", "H.", "Hj.")),
        ("Ketua LPMK", "LPMK", ("", "Drs.")),
        ("Sesepuh desa", "Paguyuban Warga", ("", "H.")),
    ],
    "PEMANGKU": [
        ("Ketua KPU", "KPU", ("", "Dr.", "Drs.")),
        ("Ketua Bawaslu", "Bawaslu", ("", "Dr.", "Ir.")),
        ("Kapolres", "Polres", ("",)),
        ("Dandim", "Kodim", ("",)),
        ("Kajari", "Kejaksaan Negeri", ("", "Dr.")),
        ("Kepala Kesbangpol", "Kesbangpol", ("", "Drs.", "Ir.")),
        ("Ketua tim pemenangan", "Tim pemenangan paslon", ("", "H.", "Ir.")),
    ],
    "MEDIA": [
        ("Pemimpin redaksi", "Suara Merdeka", ("",)),
        ("Wartawan", "Tribun Jateng", ("",)),
        ("Kepala biro", "Radar Semarang", ("",)),
        ("Reporter", "RRI Semarang", ("",)),
    ],
    "JEJARING": [
        ("Admin grup Facebook", "Info Warga", ("",)),
        ("Pegiat media sosial", "Relawan Digital", ("",)),
        ("Admin komunitas", "Komunitas Peduli Pilkada", ("",)),
    ],
}
_FORUMS = ["FKUB", "FKDM", "FPK", "FORKOPIMDA", "KOMINDA"]
_ENGAGEMENTS = [
    ("PERTEMUAN", "Pertemuan koordinasi menjelang pemungutan suara."),
    ("TELEPON", "Konfirmasi situasi keamanan di wilayah."),
    ("PESAN", "Berbagi klarifikasi hoaks untuk diteruskan ke jamaah/warga."),
]


@dataclass(frozen=True)
class Timeline:
    """The campaign up to voting day and a few days after it, in UTC."""

    start: datetime
    voting_day: datetime
    end: datetime

    @classmethod
    def for_election(cls, voting_day: date, campaign_start: date | None) -> Timeline:
        vote = datetime.combine(voting_day, time(1, 0), tzinfo=UTC)
        first = campaign_start or voting_day - timedelta(days=63)
        return cls(
            start=datetime.combine(first, time(0, 0), tzinfo=UTC),
            voting_day=vote,
            end=vote + timedelta(days=4),
        )


@dataclass(frozen=True)
class DemoResult:
    incidents: int
    contacts: int
    users: int
    #: The demo accounts made by this run and their passwords (shown once, never stored).
    passwords: tuple[tuple[str, str, str], ...] = ()


def _ts(moment: datetime) -> str:
    """A UTC instant in the text form SQLAlchemy's DateTime keeps in SQLite."""
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


class _Ids:
    """Deterministic, time-ordered ids (UUIDv7 layout) from the seed's generator."""

    def __init__(self, rng: random.Random, start_ms: int) -> None:
        self.rng = rng
        self.ms = start_ms

    def next(self) -> str:
        self.ms += 1
        return str(time_ordered_uuid(self.ms, self.rng.getrandbits(74)))


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)


#: Mobile prefixes in use in Indonesia (Telkomsel, Indosat, XL, Axis, Smartfren, Tri). Any
#: "08xx" made numbers such as 0845… that the desk's own check refuses: an exported demo
#: directory did not import again.
_MOBILE_PREFIXES = (
    "811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816",
    "855", "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832",
    "833", "838", "881", "882", "887", "888", "895", "896", "897", "898", "899",
)  # fmt: skip


def _mobile_number(rng: random.Random) -> str:
    """A mobile number without its trunk or country prefix: "81234567890"."""
    return rng.choice(_MOBILE_PREFIXES) + str(rng.randint(10_000_000, 99_999_999))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"


def _moment(rng: random.Random, timeline: Timeline, now: datetime) -> datetime:
    """Denser towards voting day (a triangular distribution peaking on it), never later
    than now."""
    end = min(timeline.end, now).timestamp()
    start = min(timeline.start.timestamp(), end - 86400)
    peak = min(max(timeline.voting_day.timestamp(), start), end)
    return datetime.fromtimestamp(rng.triangular(start, end, peak), tz=UTC).replace(microsecond=0)


def _status_path(rng: random.Random, age_days: float) -> list[str]:
    """A plausible history: older incidents have travelled further."""
    path = [IncidentStatus.BARU.value]
    if rng.random() < 0.12:
        path.append(IncidentStatus.TIDAK_VALID.value)
        return path
    if age_days < 0.5 and rng.random() < 0.6:
        return path
    path.append(IncidentStatus.TERVERIFIKASI.value)
    if age_days < 1.5 and rng.random() < 0.5:
        return path
    path.append(IncidentStatus.DITINDAKLANJUTI.value)
    if age_days < 3 and rng.random() < 0.5:
        return path
    path.append(IncidentStatus.SELESAI.value)
    if rng.random() < 0.02:
        path.append(IncidentStatus.DIBUKA_KEMBALI.value)
    return path


_INCIDENT_SQL = (
    "INSERT INTO incident (id, created_at, created_by, updated_at, updated_by, deleted, "
    "origin_version, versions, ref, occurred_at, reported_at, region_id, kecamatan, desa, "
    "category, neutrality_subject, severity, source_type, platform, link, reporter_name, "
    "reporter_contact, title, description, status, assigned_to, merged_into) VALUES "
    "(?,?,?,?,?,0,?,'{}',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)"
)
_STATUS_SQL = (
    "INSERT INTO incident_status_change (id, created_at, created_by, origin_version, "
    "incident_id, from_status, to_status, note) VALUES (?,?,?,?,?,?,?,?)"
)
_FOLLOW_UP_SQL = (
    "INSERT INTO follow_up (id, created_at, created_by, origin_version, incident_id, type, "
    "note) VALUES (?,?,?,?,?,?,?)"
)


def demo_refusal(session: Session, actor: Actor) -> None:
    """Raise unless ``actor`` may fill this database with demo data: an administrator,
    on a database that is empty (nothing but the first administrator and the reference
    data) or already a demo database. (That no hub is configured is checked by the
    caller, which knows the workstation's sync settings.)"""
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError("seed_demo", actor.role.value)
    if is_demo_database(session):
        return
    from desk_app.models import Contact, Incident, Sitrep, SyncState

    def count(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    held = {
        "incidents": count(Incident),
        "contacts": count(Contact),
        "reports": count(Sitrep),
        "users": max(count(User) - 1, 0),
        "alert_levels": count(AlertLevelChange),
    }
    synced = session.scalar(select(SyncState.epoch).where(SyncState.id == 1))
    if any(held.values()) or synced:
        what = ", ".join(f"{n} {_HELD_NAMES[k]}" for k, n in held.items() if n)
        raise ServiceError(
            f"the database is not empty ({what or 'synced'})",
            code="demo_not_empty",
            what=what or "data sinkronisasi / synced data",
        )


_HELD_NAMES = {
    "incidents": "insiden",
    "contacts": "kontak",
    "reports": "laporan situasi",
    "users": "pengguna",
    "alert_levels": "perubahan tingkat siaga",
}


#: Letters and digits that cannot be mistaken for one another when read off a screen.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _demo_password() -> str:
    """ "demo-" and twelve random letters and digits (about 69 bits)."""
    return "demo-" + "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


def _ensure_demo_users(
    session: Session, actor: Actor | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Desk staff for the demo: (id, role), and the (user, role, password) of those made
    now. Existing users are kept. Made by ``actor`` with a password each when given."""
    wanted = [
        ("operator1", "Rina Handayani", Role.OPERATOR, "Staf Biro Pemerintahan"),
        ("operator2", "Agus Setiawan", Role.OPERATOR, "Staf Kesbangpol"),
        ("operator3", "Dewi Lestari", Role.OPERATOR, "Staf Diskominfo"),
        ("koordinator", "Drs. Bambang Prasetyo, M.Si.", Role.COORDINATOR,
         "Kepala Bagian Pemerintahan Umum"),
    ]  # fmt: skip
    writer = Writer(session, None)
    made: list[tuple[str, str, str]] = []
    for username, full_name, role, title in wanted:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            continue
        if actor is None:
            writer.create(
                User,
                username=username,
                full_name=full_name,
                role=role.value,
                title=title,
                active=True,
            )
        else:
            password = _demo_password()
            auth.add_user(
                session, actor, username, role, full_name=full_name, title=title,
                password=password,
            )  # fmt: skip
            made.append((username, role.value, password))
    users = [(u.id, u.role) for u in session.scalars(select(User).where(User.active.is_(True)))]
    return users, made


def _incident_rows(
    rng: random.Random,
    count: int,
    regions: list[tuple[str, str]],
    users: list[str],
    code: str,
    clock: HybridClock,
    ids: _Ids,
    now: datetime,
    counters: dict[int, int],
    timeline: Timeline,
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    categories = list(_CATEGORIES)
    cat_weights = [_CATEGORIES[c][0] for c in categories]
    sources = [s for s, _ in _SOURCES]
    source_weights = [w for _, w in _SOURCES]
    # Some regions are busier: the IKP "rawan tinggi" ones and the big cities.
    region_weights = [3 if c in {"33.74", "33.11", "33.06", "33.23", "33.07", "33.08", "33.24",
                                 "33.72"} else 1 for _, c in regions]  # fmt: skip
    places: dict[str, list[str]] = {}
    incidents: list[tuple[Any, ...]] = []
    statuses: list[tuple[Any, ...]] = []
    follow_ups: list[tuple[Any, ...]] = []
    for n in range(count):
        region_id, region_code = rng.choices(regions, region_weights)[0]
        pool = places.get(region_code)
        if pool is None:
            pool = places[region_code] = [_place(rng) for _ in range(12)]
        kecamatan = rng.choice(pool)
        desa = _place(rng)
        category = rng.choices(categories, cat_weights)[0]
        _, titles, sev_weights = _CATEGORIES[category]
        severity = rng.choices((1, 2, 3, 4), sev_weights)[0]
        source = rng.choices(sources, source_weights)[0]
        if category in ("HOAKS", "UJARAN", "PROVOKASI") and rng.random() < 0.8:
            source = "MEDSOS"
        platform = rng.choice(_SOCIAL_PLATFORMS) if source == "MEDSOS" else None
        link = ""
        if platform:
            link = _PLATFORM_URLS[platform].format(n=rng.randint(1000, 99999), m=n)
        subject_code, subject_name = rng.choice(_SUBJECTS)
        subject = subject_code if category == "NETRALITAS" else None
        title = rng.choice(titles).format(
            place=f"Desa {desa}, Kec. {kecamatan}",
            region=region_code,
            platform=_PLATFORM_NAMES.get(platform or "", "media sosial"),
            subject=subject_name,
        )
        occurred = _moment(rng, timeline, now)
        reported = occurred + timedelta(minutes=rng.randint(5, 600))
        if reported > now:
            reported = now
        if occurred > reported:
            occurred = reported
        year = reported.astimezone(UTC).year
        counters[year] = counters.get(year, 0) + 1
        ref = f"{code}-{year}-{counters[year]:05d}"
        path = _status_path(rng, (now - occurred).total_seconds() / 86400)
        creator = rng.choice(users)
        assignee = rng.choice(users) if rng.random() < 0.6 else None
        version = clock.tick().encode()
        incident_id = ids.next()
        reporter = _person(rng) if source == "MASYARAKAT" else ""
        reporter_contact = "0" + _mobile_number(rng) if reporter else ""
        description = (
            f"Laporan diterima dari {source.lower().replace('_', ' ')}. "
            f"Lokasi: Desa {desa}, Kecamatan {kecamatan}. "
            "Petugas desk mencatat kronologi awal dan meneruskan untuk verifikasi."
        )
        at = reported
        for prev, nxt in itertools.pairwise(path):
            at = at + timedelta(hours=rng.uniform(0.5, 30))
            at = min(at, now)
            statuses.append(
                (
                    ids.next(),
                    _ts(at),
                    rng.choice(users),
                    clock.tick().encode(),
                    incident_id,
                    prev,
                    nxt,
                    "Diperbarui oleh desk.",
                )
            )
            if nxt == IncidentStatus.DITINDAKLANJUTI.value:
                fu_type = rng.choice(_FOLLOW_UPS[category])
                follow_ups.append(
                    (
                        ids.next(),
                        _ts(at),
                        rng.choice(users),
                        clock.tick().encode(),
                        incident_id,
                        fu_type,
                        _FOLLOW_UP_NOTES[fu_type],
                    )
                )
        incidents.append(
            (
                incident_id,
                _ts(reported),
                creator,
                _ts(at),
                creator,
                version,
                ref,
                _ts(occurred),
                _ts(reported),
                region_id,
                kecamatan,
                desa,
                category,
                subject,
                severity,
                source,
                platform,
                link,
                reporter,
                reporter_contact,
                title,
                description,
                path[-1],
                assignee,
            )
        )
        if len(incidents) >= BATCH:
            yield incidents, statuses, follow_ups
            incidents, statuses, follow_ups = [], [], []
    if incidents:
        yield incidents, statuses, follow_ups


def _contact_rows(
    rng: random.Random, count: int, region_codes: list[str], users: list[str],
    clock: HybridClock, ids: _Ids, now: datetime, timeline: Timeline,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:  # fmt: skip
    contacts: list[dict[str, Any]] = []
    engagements: list[dict[str, Any]] = []
    categories = list(_CONTACT_ROLES)
    for _ in range(count):
        category = rng.choice(categories)
        position, organisation, honorifics = rng.choice(_CONTACT_ROLES[category])
        province_wide = rng.random() < 0.1
        contact_id = ids.next()
        phone = "+62" + _mobile_number(rng)
        created = now - timedelta(days=rng.randint(30, 400))
        contacts.append({
            "id": contact_id, "created_at": created, "created_by": rng.choice(users),
            "updated_at": created, "updated_by": None, "deleted": False,
            "origin_version": clock.tick().encode(), "versions": {},
            "honorific": rng.choice(honorifics), "name": _person(rng),
            "position": position, "organisation": organisation, "category": category,
            "forums": sorted(set(rng.sample(_FORUMS, rng.randint(0, 2)))),
            "region_codes": [] if province_wide else sorted(set(rng.sample(region_codes, 1))),
            "province_wide": province_wide, "phones": [phone],
            "whatsapp": phone if rng.random() < 0.8 else "",
            "email": "", "social": {}, "address": "",
            "basis": "Persetujuan lisan saat rapat forum", "notes": "",
        })  # fmt: skip
        for _ in range(rng.randint(0, 4)):
            kind, summary = rng.choice(_ENGAGEMENTS)
            day = _moment(rng, timeline, now)
            engagements.append({
                "id": ids.next(), "created_at": day, "created_by": rng.choice(users),
                "origin_version": clock.tick().encode(), "contact_id": contact_id,
                "occurred_on": day.date(), "type": kind, "summary": summary,
            })  # fmt: skip
    return contacts, engagements


@dataclass(frozen=True)
class _Plan:
    """Everything the generator needs; picklable, so it can run in another process."""

    seed: int
    incidents: int
    contacts: int
    regions: list[tuple[str, str]]
    users: list[str]
    code: str
    site: str
    clock_last: str
    counters: dict[int, int]
    now: datetime
    timeline: Timeline
    first_id_ms: int


#: (kind, rows..., counters, clock) where kind is "incidents" or "contacts".
_Chunk = tuple[str, list[Any], list[Any], list[Any], dict[int, int], str]


def _generate(plan: _Plan) -> Iterator[_Chunk]:
    rng = random.Random(plan.seed)
    ids = _Ids(rng, plan.first_id_ms)
    clock = HybridClock(plan.site, Timestamp.decode(plan.clock_last) if plan.clock_last else None)
    counters = dict(plan.counters)
    for batch, statuses, follow_ups in _incident_rows(
        rng, plan.incidents, plan.regions, plan.users, plan.code, clock, ids, plan.now,
        counters, plan.timeline,
    ):  # fmt: skip
        yield "incidents", batch, statuses, follow_ups, dict(counters), clock.last.encode()
    contacts, engagements = _contact_rows(
        rng, plan.contacts, [c for _, c in plan.regions], plan.users, clock, ids, plan.now,
        plan.timeline,
    )  # fmt: skip
    yield "contacts", contacts, engagements, [], counters, clock.last.encode()


def _die_with_parent(parent_pid: int, lifeline: Any, parents_end: Any) -> None:
    """In a helper process: end it when its parent ends, however the parent ends
    (``kill -9`` included) and even while it waits on a full queue.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    everywhere, a thread waits on a pipe whose only writer is the parent and ends the
    process when the pipe closes, which happens when the parent dies."""
    parents_end.close()  # this process's inherited copy: only the parent's may remain
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # without it, the pipe below still works
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()  # nothing is ever sent: returns when the parent is gone
        os._exit(1)

    threading.Thread(target=watch, name="demo-lifeline", daemon=True).start()


_PR_SET_PDEATHSIG = 1


def _produce(
    plan: _Plan, queue: Any, parent_pid: int = 0, lifeline: Any = None, parents_end: Any = None
) -> None:
    """Child process: generate rows while the parent writes the previous batch."""
    if lifeline is not None:
        _die_with_parent(parent_pid, lifeline, parents_end)
    try:
        for chunk in _generate(plan):
            queue.put(chunk)
    finally:
        queue.put(None)


def _chunks(plan: _Plan) -> Iterator[_Chunk]:
    """Generated rows, made in a second process for large runs (two cores: one generates,
    one writes)."""
    if plan.incidents < 50_000:
        yield from _generate(plan)
        return
    ctx = multiprocessing.get_context()
    queue = ctx.Queue(maxsize=4)
    lifeline, parents_end = ctx.Pipe(duplex=False)
    worker = ctx.Process(
        target=_produce,
        args=(plan, queue, os.getpid(), lifeline, parents_end),
        daemon=True,
        name="desk-demo-generator",
    )
    worker.start()
    lifeline.close()  # the helper's end
    try:
        while (chunk := queue.get()) is not None:
            yield chunk
    finally:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
        parents_end.close()  # only now: the helper ends when it closes
    if worker.exitcode not in (0, None):
        raise RuntimeError(f"demo data generator failed (exit code {worker.exitcode})")


def seed_demo(
    db: Database,
    *,
    incidents: int,
    contacts: int | None = None,
    seed: int = 1,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: Actor | None = None,
) -> DemoResult:
    """Add demo data over the election's campaign, as of ``now`` (default: the end of the
    timeline or the present, whichever is earlier).

    Deterministic: the same seed, election dates and ``now`` give the same rows and ids.
    A seed whose data is already present is refused (``demo_exists``). With ``actor``
    (as from the command line), only an administrator may, and only on an empty database
    (``demo_refusal``); the demo accounts then get a password each, returned once. The
    database is marked as a demo database (``setup.is_demo_database``) before any demo
    row is written, so that it never syncs.
    """
    from desk_app.models import Contact, Engagement

    contacts = max(50, incidents // 50) if contacts is None else contacts
    with db.write() as session:
        if actor is not None:
            demo_refusal(session, actor)
        if session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.table_name == "demo", AuditEntry.record_id == str(seed)
            )
        ):
            raise ServiceError(
                "demo data for this seed is already present", code="demo_exists", seed=seed
            )
        mark_demo_database(session)
        election = get_election(session)
        timeline = Timeline.for_election(election.voting_day, election.campaign_start)
        users, made = _ensure_demo_users(session, actor)
        state = local_state(session)
        plan = _Plan(
            seed=seed,
            incidents=incidents,
            contacts=contacts,
            regions=[(r.id, r.code) for r in session.scalars(select(Region).order_by(Region.code))],
            users=[u for u, _ in users],
            code=state.workstation_code,
            site=state.site_id,
            clock_last=clock_for(session).last.encode(),
            counters={
                int(c.name.split(":")[1]): c.value
                for c in session.scalars(select(Counter).where(Counter.name.like("incident:%")))
            },
            now=now or min(utcnow(), timeline.end),
            timeline=timeline,
            # Ids start at a fixed instant so that the same seed always makes the same ids.
            first_id_ms=int(timeline.start.timestamp() * 1000) + seed * 10**7,
        )
    done = 0
    made_contacts = 0
    bulk = incidents >= BULK_THRESHOLD
    # One transaction: a crash or a refusal leaves the database as it was. A large load
    # also sets the incident table's secondary indexes and full-text trigger aside and
    # rebuilds them at the end, several times faster than maintaining them row by row.
    with db.write() as session:
        conn = session.connection()
        # A larger page cache keeps the indexes' hot pages in memory during bulk loads.
        conn.exec_driver_sql("PRAGMA cache_size = -262144")
        deferred = _set_aside_incident_indexes(conn) if bulk else []
        first_rowid = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM incident").scalar()
        with bulk_capture(conn, _CAPTURED) if bulk else nullcontext():
            for kind, rows, more, follow_ups, counters, clock_last in _chunks(plan):
                if kind == "incidents":
                    conn.exec_driver_sql(_INCIDENT_SQL, rows)
                    if more:
                        conn.exec_driver_sql(_STATUS_SQL, more)
                    if follow_ups:
                        conn.exec_driver_sql(_FOLLOW_UP_SQL, follow_ups)
                    done += len(rows)
                    if progress:
                        progress(done, incidents)
                else:
                    if rows:
                        session.execute(insert(Contact), rows)
                    if more:
                        session.execute(insert(Engagement), more)
                    made_contacts = len(rows)
                    session.add(
                        AuditEntry(
                            action="create",
                            table_name="demo",
                            record_id=str(seed),
                            changes={"seed-demo": [None, {"incidents": incidents,
                                                          "contacts": contacts}]},
                            created_at=utcnow(),
                            created_by=None,
                            origin_version=clock_last,
                        )
                    )  # fmt: skip
                _save_counters(session, counters)
                _save_clock_at_least(session, Timestamp.decode(clock_last))
            session.flush()
        if bulk:
            conn.exec_driver_sql(_FTS_BULK_SQL, (first_rowid,))
            conn.exec_driver_sql(_TRIGRAM_BULK_SQL, (first_rowid,))
            for sql in deferred:
                conn.exec_driver_sql(sql)
        # Fresh statistics, so that SQLite's planner picks the right index on a big table.
        conn.exec_driver_sql("ANALYZE")
    with db.write() as session:
        _demo_alert_levels(session, plan)
    return DemoResult(
        incidents=incidents, contacts=made_contacts, users=len(users), passwords=tuple(made)
    )


#: How many regions the demo raises to each level: the busiest ones of its last days.
_DEMO_LEVELS = (("awas", 2), ("siaga", 3), ("waspada", 3))
_LEVEL_STEPS = ("kondusif", "waspada", "siaga", "awas")


def _demo_alert_levels(session: Session, plan: _Plan) -> None:
    """Raise the alert level of the regions with the most serious incidents of the last
    three days of the demo, step by step (Kondusif → Waspada → ...), each change dated in
    those days with its reason, as a coordinator would have done. Regions not at Kondusif
    (set by hand, or by an earlier seed) are left as they are. Written here rather than
    through ``regions.set_alert_level``, which dates a change now and gives it a new id:
    the demo's changes belong to its own days and have the same ids on every desk."""
    from desk_app.models import AlertLevelChange, Incident

    since = plan.now - timedelta(days=3)
    busy = session.execute(
        select(Incident.region_id, func.count())
        .where(
            Incident.severity >= 3,
            Incident.occurred_at >= since,
            Incident.occurred_at <= plan.now,
            Incident.deleted.is_(False),
        )
        .group_by(Incident.region_id)
        .order_by(func.count().desc(), Incident.region_id)
    ).all()
    coordinator = session.scalar(select(User).where(User.username == "koordinator"))
    actor_id = coordinator.id if coordinator is not None else None
    targets = [level for level, n in _DEMO_LEVELS for _ in range(n)]
    rng = random.Random(plan.seed)
    writer = Writer(session, None)
    for (region_id, count), target in zip(busy, targets, strict=False):
        region = session.get(Region, region_id)
        if region is None or region.alert_level != "kondusif":
            continue
        steps = _LEVEL_STEPS[: _LEVEL_STEPS.index(target) + 1]
        at = plan.now - timedelta(hours=rng.randint(50, 66))
        for previous, level in itertools.pairwise(steps):
            at += timedelta(hours=rng.randint(6, 16), minutes=rng.randint(0, 59))
            change = writer.create(
                AlertLevelChange,
                # The same id for the same seed on every desk, as the demo's incidents.
                id=derived_id("demo-alert-level", f"{plan.seed}:{region.code}:{level}"),
                region_id=region.id,
                from_level=previous,
                to_level=level,
                reason=f"Demo: {count} insiden keparahan tinggi atau kritis dalam 3 hari "
                "terakhir; rapat koordinasi dengan Forkopimda.",
            )
            change.created_at = min(at, plan.now)
            change.created_by = actor_id
        writer.update(region, {"alert_level": target})


BULK_THRESHOLD = 50_000
#: Tables a bulk load writes; their new rows go to the sync outbox in one statement each.
_CAPTURED = ("incident", "incident_status_change", "follow_up", "contact", "engagement",
             "audit_log")  # fmt: skip
_FTS_TRIGGER = "incident_fts_ai"
_FTS_BULK_SQL = (
    "INSERT INTO incident_fts(rowid, title, description, place) "
    "SELECT rowid, title, description, kecamatan || ' ' || desa FROM incident "
    "WHERE rowid > ? AND deleted = 0"
)
_TRIGRAM_BULK_SQL = (
    "INSERT INTO incident_fts_trigram(rowid, ref, title, description, place) "
    "SELECT rowid, ref, title, description, kecamatan || ' ' || desa FROM incident "
    "WHERE rowid > ? AND deleted = 0"
)


def _set_aside_incident_indexes(conn: Any) -> list[str]:
    """Drop the incident table's secondary indexes and its full-text insert trigger;
    return the SQL that recreates them."""
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'incident' "
        "AND sql IS NOT NULL AND (type = 'index' OR name = ?)",
        (_FTS_TRIGGER,),
    ).all()
    for kind, name, _ in rows:
        conn.exec_driver_sql(f'DROP {"INDEX" if kind == "index" else "TRIGGER"} "{name}"')
    return [sql for _, _, sql in rows]


def _save_counters(session: Session, counters: dict[int, int]) -> None:
    for year, value in counters.items():
        row = session.get(Counter, f"incident:{year}")
        if row is None:
            session.add(Counter(name=f"incident:{year}", value=value))
        else:
            row.value = max(row.value, value)


def _save_clock_at_least(session: Session, last: Timestamp) -> None:
    clock = clock_for(session)
    if last > clock.last:
        save_clock(session, HybridClock(clock.site, last))
