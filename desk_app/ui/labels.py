"""Translated names and colours of the domain's fixed vocabularies, as the window shows them.

Indonesian is the source text; English comes from the Qt Linguist catalogue (context
"Labels"). Colours follow domain.md; each alert level also has a brush pattern and its
name, so that a region's level reads without colour (grayscale screens, photocopies).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desk_app.models.enums import AlertLevel, IkpLevel, IncidentStatus, Role


def alert_level_name(level: str) -> str:
    names = {
        AlertLevel.KONDUSIF.value: QCoreApplication.translate("Labels", "Kondusif"),
        AlertLevel.WASPADA.value: QCoreApplication.translate("Labels", "Waspada"),
        AlertLevel.SIAGA.value: QCoreApplication.translate("Labels", "Siaga"),
        AlertLevel.AWAS.value: QCoreApplication.translate("Labels", "Awas"),
    }
    return names.get(level, level)


def alert_level_meaning(level: str) -> str:
    meanings = {
        AlertLevel.KONDUSIF.value: QCoreApplication.translate("Labels", "normal"),
        AlertLevel.WASPADA.value: QCoreApplication.translate("Labels", "tanda-tanda ketegangan"),
        AlertLevel.SIAGA.value: QCoreApplication.translate("Labels", "insiden sedang berlangsung"),
        AlertLevel.AWAS.value: QCoreApplication.translate("Labels", "gangguan serius"),
    }
    return meanings.get(level, "")


#: Fill colours of the alert levels: green, yellow, orange, red.
ALERT_COLOURS: dict[str, QColor] = {
    AlertLevel.KONDUSIF.value: QColor("#5cb85c"),
    AlertLevel.WASPADA.value: QColor("#f5d547"),
    AlertLevel.SIAGA.value: QColor("#f0932b"),
    AlertLevel.AWAS.value: QColor("#d9342b"),
}

#: Print patterns of the alert levels (domain.md): none, light dots, diagonal hatch,
#: dense cross-hatch.
ALERT_PATTERNS: dict[str, Qt.BrushStyle] = {
    AlertLevel.KONDUSIF.value: Qt.BrushStyle.NoBrush,
    AlertLevel.WASPADA.value: Qt.BrushStyle.Dense6Pattern,
    AlertLevel.SIAGA.value: Qt.BrushStyle.BDiagPattern,
    AlertLevel.AWAS.value: Qt.BrushStyle.DiagCrossPattern,
}


def alert_colour(level: str) -> QColor:
    return ALERT_COLOURS.get(level, QColor("#bbbbbb"))


def alert_text_colour(level: str) -> QColor:
    return QColor("#ffffff") if level == AlertLevel.AWAS.value else QColor("#1a1a1a")


def ikp_level_name(level: str | None) -> str:
    names = {
        IkpLevel.RENDAH.value: QCoreApplication.translate("Labels", "Rendah"),
        IkpLevel.SEDANG.value: QCoreApplication.translate("Labels", "Sedang"),
        IkpLevel.TINGGI.value: QCoreApplication.translate("Labels", "Tinggi"),
    }
    return names.get(level or "", "—")


def severity_name(severity: int) -> str:
    names = {
        1: QCoreApplication.translate("Labels", "Rendah"),
        2: QCoreApplication.translate("Labels", "Sedang"),
        3: QCoreApplication.translate("Labels", "Tinggi"),
        4: QCoreApplication.translate("Labels", "Kritis"),
    }
    return names.get(severity, str(severity))


SEVERITY_COLOURS: dict[int, QColor] = {
    1: QColor("#8fbf8f"),
    2: QColor("#f5d547"),
    3: QColor("#f0932b"),
    4: QColor("#d9342b"),
}


def status_name(status: str) -> str:
    names = {
        IncidentStatus.BARU.value: QCoreApplication.translate("Labels", "Baru"),
        IncidentStatus.TERVERIFIKASI.value: QCoreApplication.translate("Labels", "Terverifikasi"),
        IncidentStatus.TIDAK_VALID.value: QCoreApplication.translate("Labels", "Tidak valid"),
        IncidentStatus.DITINDAKLANJUTI.value: QCoreApplication.translate(
            "Labels", "Ditindaklanjuti"
        ),
        IncidentStatus.SELESAI.value: QCoreApplication.translate("Labels", "Selesai"),
        IncidentStatus.DIBUKA_KEMBALI.value: QCoreApplication.translate("Labels", "Dibuka kembali"),
    }
    return names.get(status, status)


def role_name(role: str) -> str:
    names = {
        Role.OPERATOR.value: QCoreApplication.translate("Labels", "Operator"),
        Role.COORDINATOR.value: QCoreApplication.translate("Labels", "Koordinator"),
        Role.ADMIN.value: QCoreApplication.translate("Labels", "Administrator"),
    }
    return names.get(role, role)


def short_region_name(name: str) -> str:
    """ "Kabupaten Temanggung" → "Kab. Temanggung", as Indonesian tables write it."""
    return "Kab. " + name.removeprefix("Kabupaten ") if name.startswith("Kabupaten ") else name
