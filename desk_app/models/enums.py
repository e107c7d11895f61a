"""Fixed vocabularies of the domain. Extensible taxonomies live in ``taxonomy_term``."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class AlertLevel(StrEnum):
    KONDUSIF = "kondusif"
    WASPADA = "waspada"
    SIAGA = "siaga"
    AWAS = "awas"

    @property
    def rank(self) -> int:
        return list(AlertLevel).index(self)


class IkpLevel(StrEnum):
    """Bawaslu's IKP 2024 bands for a kabupaten/kota."""

    RENDAH = "rendah"
    SEDANG = "sedang"
    TINGGI = "tinggi"

    @classmethod
    def from_score(cls, score: float) -> IkpLevel:
        if score >= 49.33:
            return cls.TINGGI
        if score >= 13.47:
            return cls.SEDANG
        return cls.RENDAH


class RegionKind(StrEnum):
    KABUPATEN = "kabupaten"
    KOTA = "kota"


#: Incident severity: 1 Rendah, 2 Sedang, 3 Tinggi, 4 Kritis.
SEVERITIES = (1, 2, 3, 4)


class IncidentStatus(StrEnum):
    BARU = "baru"
    TERVERIFIKASI = "terverifikasi"
    TIDAK_VALID = "tidak_valid"
    DITINDAKLANJUTI = "ditindaklanjuti"
    SELESAI = "selesai"
    DIBUKA_KEMBALI = "dibuka_kembali"


#: Allowed status transitions (domain.md): verify or invalidate a new report, act on a
#: verified one, close it; a closed or invalid incident can be reopened.
STATUS_TRANSITIONS: dict[IncidentStatus, tuple[IncidentStatus, ...]] = {
    IncidentStatus.BARU: (IncidentStatus.TERVERIFIKASI, IncidentStatus.TIDAK_VALID),
    IncidentStatus.TERVERIFIKASI: (IncidentStatus.DITINDAKLANJUTI, IncidentStatus.SELESAI),
    IncidentStatus.DITINDAKLANJUTI: (IncidentStatus.SELESAI,),
    IncidentStatus.SELESAI: (IncidentStatus.DIBUKA_KEMBALI,),
    IncidentStatus.TIDAK_VALID: (IncidentStatus.DIBUKA_KEMBALI,),
    IncidentStatus.DIBUKA_KEMBALI: (
        IncidentStatus.TERVERIFIKASI,
        IncidentStatus.TIDAK_VALID,
        IncidentStatus.DITINDAKLANJUTI,
        IncidentStatus.SELESAI,
    ),
}

#: Statuses counted as "open" on the board and in the sitrep.
OPEN_STATUSES = frozenset(
    {
        IncidentStatus.BARU,
        IncidentStatus.TERVERIFIKASI,
        IncidentStatus.DITINDAKLANJUTI,
        IncidentStatus.DIBUKA_KEMBALI,
    }
)
CLOSED_STATUSES = frozenset({IncidentStatus.SELESAI, IncidentStatus.TIDAK_VALID})


class TaxonomyKind(StrEnum):
    INCIDENT_CATEGORY = "incident_category"
    NEUTRALITY_SUBJECT = "neutrality_subject"
    SOURCE_TYPE = "source_type"
    PLATFORM = "platform"
    FOLLOW_UP_TYPE = "follow_up_type"
    CONTACT_CATEGORY = "contact_category"
    FORUM = "forum"
    ENGAGEMENT_TYPE = "engagement_type"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    #: Records left the desk in a file (no record changed): its name, how many, and
    #: whether personal data went with them.
    EXPORT = "export"
