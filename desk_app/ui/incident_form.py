"""The new/edit incident form, its drafts and the possible-duplicates dialog.

Keyboard first: the tab order follows the form, Ctrl+Enter saves, Esc cancels. Nothing is
saved until the services accept it; their field error codes are shown under each field.
The form autosaves a JSON draft to the drafts directory a moment after each change and
when it closes, so an unsaved incident survives closing the window or a crash; the
incidents tab offers pending drafts back at the next start (``pending_drafts``).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDateTime, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import WIB
from desk_app.models import utcnow
from desk_app.models.enums import TaxonomyKind
from desk_app.services import incident_duplicates
from desk_app.services import incidents as service
from desk_app.services.errors import ValidationError
from desk_app.services.incident_duplicates import DuplicateCandidate
from desk_app.services.incident_fields import BY_NAME as FIELDS
from desk_app.services.incidents import IncidentInput
from desk_app.services.permissions import Action, allowed
from desk_app.services.records import clock_offset_ms
from desk_app.services.taxonomy import terms
from desk_app.services.users import list_users
from desk_app.ui.code_combo import CodeCombo
from desk_app.ui.context import UiContext, ui_context_of
from desk_app.ui.datetime_edit import DateTimeEdit
from desk_app.ui.form_errors import ErrorLabel, confirm_discard, error_text, field_error_text
from desk_app.ui.labels import severity_name
from desk_app.ui.merge_dialog import CandidateList
from desk_app.ui.ops import run_op
from desk_app.ui.place_names import Names, PlaceNames
from desk_app.ui.settings import Settings, ui_language

log = logging.getLogger(__name__)

#: Seconds after the last change before the draft is written.
DRAFT_DELAY_MS = 1500


# --- drafts ----------------------------------------------------------------------------


@dataclass
class Draft:
    draft_id: str
    #: The incident being edited, or None for a new one.
    incident_id: str | None
    saved_at: str
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(self.fields.get("title") or "")


def draft_path(drafts_dir: Path, draft_id: str) -> Path:
    return drafts_dir / f"incident-{draft_id}.json"


def write_draft(drafts_dir: Path, draft: Draft) -> None:
    """Atomically: a crash while writing never leaves a broken draft."""
    drafts_dir.mkdir(parents=True, exist_ok=True)
    path = draft_path(drafts_dir, draft.draft_id)
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(asdict(draft), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def discard_draft(drafts_dir: Path, draft_id: str) -> None:
    draft_path(drafts_dir, draft_id).unlink(missing_ok=True)


def pending_drafts(drafts_dir: Path) -> list[Draft]:
    """Unsaved incident forms left behind, newest first. Unreadable files are skipped."""
    drafts = []
    if not drafts_dir.is_dir():
        return []
    for path in drafts_dir.glob("incident-*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            drafts.append(
                Draft(
                    str(data["draft_id"]),
                    data.get("incident_id"),
                    str(data.get("saved_at", "")),
                    dict(data.get("fields") or {}),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("skipping unreadable draft %s", path)
    return sorted(drafts, key=lambda d: d.saved_at, reverse=True)


# --- helpers ---------------------------------------------------------------------------


def _to_qt(moment: datetime) -> QDateTime:
    local = moment.astimezone(WIB)
    return QDateTime.fromString(local.strftime("%Y-%m-%dT%H:%M:%S"), Qt.DateFormat.ISODate)


def _from_qt(value: QDateTime) -> datetime:
    naive = datetime.fromisoformat(value.toString(Qt.DateFormat.ISODate)[:19])
    return naive.replace(tzinfo=WIB).astimezone(UTC)


# --- the form --------------------------------------------------------------------------


class StartShownLineEdit(QLineEdit):
    """A line edit that, when focus selects its whole text, still shows its beginning.

    Qt selects the text of a line edit reached by Tab (and a dialog gives its first field
    focus "by Tab" when it opens) with the cursor at the end, so a long title opened for
    editing showed only its last words.
    """

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        text = self.text()
        if text and self.selectedText() == text:
            self.setSelection(len(text), -len(text))


class IncidentForm(QDialog):
    """New incident (``incident_id`` None) or edit of one."""

    saved = Signal(str)  # incident id
    open_requested = Signal(str)  # "open existing" in the duplicates dialog

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings | None = None,
        incident_id: str | None = None,
        draft: Draft | None = None,
        parent: QWidget | None = None,
        bus: Any = None,
        ui: UiContext | None = None,
        places: PlaceNames | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui or ui_context_of(parent) or UiContext.detached(ctx, bus=bus, settings=settings)
        #: The place names typed before: the window's (kept between forms), or its own.
        self.places = places or PlaceNames(ctx.db, self.ui.tasks, self.ui.bus, parent=self)
        #: Completion reads asked for so far; only the last one's names are used.
        self._completion_reads = 0
        #: Every region's names wait until a place field is entered (see below).
        self._completions_deferred = False
        # What the incident looked like in the database when the form (re)loaded it; a
        # pull that changes it underneath is flagged, never silently overwritten.
        self._base_stamp: tuple[Any, ...] | None = None
        # ...and its fields then: "keep my edits" tells the person's edits by them.
        self._base_fields: dict[str, Any] | None = None
        self.settings = settings
        self.incident_id = incident_id
        self.draft_id = draft.draft_id if draft else uuid.uuid4().hex
        self._dirty = False
        self._loading = True
        self._closing = False
        self._lang = ui_language()
        self.setObjectName("incidentForm")
        self.setWindowTitle(
            self.tr("Insiden baru") if incident_id is None else self.tr("Ubah insiden")
        )
        self.setMinimumWidth(640)
        self._build()
        for moment in (self.occurred_at, self.reported_at):
            # The reading beside the field ("Minggu, 1 Des 2024 12.00 WIB") was cut at the
            # dialog's edge; the form is as wide as the longest one needs.
            moment.reading.setMinimumWidth(moment.reading_room())
        self.setMinimumWidth(max(640, self.minimumSizeHint().width()))
        self._fill_choices()
        if draft is not None:
            self.load_fields(draft.fields)
            self._dirty = True
        elif incident_id is not None:
            self._load_incident(incident_id)
        else:
            self._defaults()
        self._loading = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._connect_changes()
        if incident_id is not None:
            self._base_stamp = self._stamp()
            self._base_fields = (
                self._stored_fields(incident_id) if draft is not None else self.fields()
            )
        #: A write is on its way (the writer lane has it).
        self.saving = False
        self.bus = self.ui.bus
        self.bus.data_changed.connect(self._data_changed)

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = StartShownLineEdit()
        self.title.setObjectName("title")
        self.region = CodeCombo()
        self.region.setObjectName("region")
        self.category = CodeCombo()
        self.category.setObjectName("category")
        self.neutrality_subject = CodeCombo()
        self.neutrality_subject.setObjectName("neutrality_subject")
        self.severity = CodeCombo()
        self.severity.setObjectName("severity")
        self.source_type = CodeCombo()
        self.source_type.setObjectName("source_type")
        self.link = StartShownLineEdit()
        self.link.setObjectName("link")
        self.link.setPlaceholderText(self.tr("https://… (tempel tautan unggahan)"))
        self.platform = CodeCombo()
        self.platform.setObjectName("platform")
        # Typed or pasted whole ("05/12/2026 13:30"); only Tab leaves them (datetime_edit).
        self.occurred_at = DateTimeEdit(clock=self._hub_now)
        self.occurred_at.setObjectName("occurred_at")
        self.reported_at = DateTimeEdit(clock=self._hub_now)
        self.reported_at.setObjectName("reported_at")
        self.kecamatan = QLineEdit()
        self.kecamatan.setObjectName("kecamatan")
        self.desa = QLineEdit()
        self.desa.setObjectName("desa")
        self._kecamatan_model = QStringListModel(self)
        self._desa_model = QStringListModel(self)
        for place, model in (
            (self.kecamatan, self._kecamatan_model),
            (self.desa, self._desa_model),
        ):
            completer = QCompleter(model, place)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
            place.setCompleter(completer)
            place.installEventFilter(self)
        self.reporter_name = QLineEdit()
        self.reporter_name.setObjectName("reporter_name")
        self.reporter_contact = QLineEdit()
        self.reporter_contact.setObjectName("reporter_contact")
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(90)
        self.assigned_to = CodeCombo()
        self.assigned_to.setObjectName("assigned_to")

        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}

        def add(name: str, label: str, widget: QWidget, required: bool | None = None) -> None:
            """A row: the label (with its accelerator) is the layout's; whether it is
            required and how long it may be come from the field table."""
            described = FIELDS.get(name)
            if required is None:
                required = described is not None and described.required
            if isinstance(widget, QLineEdit) and described and described.max_length:
                widget.setMaxLength(described.max_length)
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(widget)
            err = ErrorLabel()
            err.setObjectName(f"error_{name}")
            lay.addWidget(err)
            self.errors[name] = err
            text = f"{label} *" if required else label
            lab = QLabel(text)
            lab.setBuddy(widget)
            form.addRow(lab, box)
            self._rows[name] = (lab, box)

        add("title", self.tr("&Judul"), self.title)
        # The region is never preselected: a form that starts on the last one is saved with
        # the wrong region when nobody looks. The last one is a click (or Alt+H) away.
        self.same_region_button = QPushButton(self.tr("Sama dengan terak&hir"))
        self.same_region_button.setObjectName("sameRegionButton")
        self.same_region_button.setAutoDefault(False)
        self.same_region_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.same_region_button.clicked.connect(self.use_last_region)
        self.same_region_button.hide()
        region_row = QWidget()
        region_lay = QHBoxLayout(region_row)
        region_lay.setContentsMargins(0, 0, 0, 0)
        region_lay.addWidget(self.region, 1)
        region_lay.addWidget(self.same_region_button)
        add("region", self.tr("&Kabupaten/kota"), region_row)
        self._rows["region"][0].setBuddy(self.region)
        add("category", self.tr("Kate&gori"), self.category)
        # Required for neutrality cases only (the row shows for those alone).
        add("neutrality_subject", self.tr("Subjek &netralitas"), self.neutrality_subject, True)
        add("severity", self.tr("Ke&parahan"), self.severity)
        add("source_type", self.tr("&Sumber"), self.source_type)
        add("link", self.tr("&Tautan"), self.link)
        add("platform", self.tr("Plat&form"), self.platform)
        add("occurred_at", self.tr("&Waktu kejadian (WIB)"), self.occurred_at)
        add("reported_at", self.tr("Waktu &laporan (WIB)"), self.reported_at)
        add("kecamatan", self.tr("K&ecamatan"), self.kecamatan)
        add("desa", self.tr("&Desa/kelurahan"), self.desa)
        add("reporter_name", self.tr("Nama pelapo&r"), self.reporter_name)
        add("reporter_contact", self.tr("Kontak pelapor"), self.reporter_contact)
        add("description", self.tr("&Uraian"), self.description)
        add("assigned_to", self.tr("Pet&ugas"), self.assigned_to)

        self.general_error = ErrorLabel()
        self.general_error.setObjectName("general_error")
        note = QLabel(self.tr("* wajib diisi · Ctrl+Enter menyimpan · Esc membatalkan"))
        note.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        self.cancel_button = self.buttons.addButton(
            self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+Enter)"))
        self.cancel_button.setToolTip(self.tr("Batal (Esc)"))
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)

        self.changed_bar = QFrame()
        self.changed_bar.setObjectName("changedElsewhereBar")
        self.changed_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.changed_bar.setStyleSheet(
            "#changedElsewhereBar { background: #fff4ce; border: 1px solid #e0b400; }"
        )
        self.changed_label = QLabel(
            self.tr(
                "Insiden ini telah diubah di workstation lain sejak formulir dibuka. "
                "Muat ulang untuk melihat versi terbaru, atau tetap simpan isian Anda: "
                "kolom yang Anda ubah menimpa perubahan itu, kolom lain mengikuti versi terbaru."
            )
        )
        self.changed_label.setObjectName("changedElsewhereLabel")
        self.changed_label.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("&Muat ulang"))
        self.reload_button.setObjectName("reloadIncidentButton")
        self.keep_button = QPushButton(self.tr("&Tetap simpan"))
        self.keep_button.setObjectName("keepMyEditsButton")
        self.reload_button.setAutoDefault(False)
        self.keep_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload_from_database)
        self.keep_button.clicked.connect(self.keep_my_edits)
        bar = QHBoxLayout(self.changed_bar)
        bar.addWidget(self.changed_label, 1)
        bar.addWidget(self.reload_button)
        bar.addWidget(self.keep_button)
        self.changed_bar.hide()

        outer = QVBoxLayout(self)
        outer.addWidget(self.changed_bar)
        outer.addLayout(form)
        outer.addWidget(self.general_error)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

        order: list[QWidget] = [
            self.title,
            self.region,
            self.category,
            self.neutrality_subject,
            self.severity,
            self.source_type,
            self.link,
            self.platform,
            self.occurred_at,
            self.reported_at,
            self.kecamatan,
            self.desa,
            self.reporter_name,
            self.reporter_contact,
            self.description,
            self.assigned_to,
            self.save_button,
            self.cancel_button,
        ]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self.title.setFocus()

    def _fill_choices(self) -> None:
        actor = self.ctx.actor
        with self.ctx.db.read() as s:
            from desk_app.services.regions import region_names

            regions = region_names(s)
            cats = terms(s, TaxonomyKind.INCIDENT_CATEGORY)
            subjects = terms(s, TaxonomyKind.NEUTRALITY_SUBJECT)
            sources = terms(s, TaxonomyKind.SOURCE_TYPE)
            platforms = terms(s, TaxonomyKind.PLATFORM)
            users = list_users(s)
        pick = self.tr("— pilih —")
        self.region.set_items(regions, placeholder=pick)
        self.category.set_items([(t.code, t.label(self._lang)) for t in cats], placeholder=pick)
        self.neutrality_subject.set_items(
            [(t.code, t.label(self._lang)) for t in subjects], placeholder=pick
        )
        self.severity.set_items(
            [(str(n), f"{n} – {severity_name(n)}") for n in (1, 2, 3, 4)], placeholder=pick
        )
        self.source_type.set_items(
            [(t.code, t.label(self._lang)) for t in sources], placeholder=pick
        )
        self.platform.set_items(
            [(t.code, t.label(self._lang)) for t in platforms], placeholder=self.tr("— tidak ada —")
        )
        self.assigned_to.set_items(
            [(u.id, f"{u.full_name or u.username} ({u.username})") for u in users],
            placeholder=self.tr("— belum ditugaskan —"),
        )
        if actor is not None and not actor.sees_personal_data:
            for edit in (self.reporter_name, self.reporter_contact):
                edit.setReadOnly(True)
                edit.setToolTip(self.tr("Data pribadi disembunyikan untuk peran Anda."))
        self._update_subject_visibility()

    def _defaults(self) -> None:
        # What *Sekarang* gives: the hub-corrected clock, so a new incident never starts
        # in the hub's future when this computer's clock runs ahead.
        self.occurred_at.set_now()
        self.reported_at.set_now()
        self._offer_last_region()
        self._refresh_completions()

    def last_region(self) -> str:
        """The region of the incident saved last from this workstation ("" if none)."""
        return self.settings.last_region if self.settings is not None else ""

    def _offer_last_region(self) -> None:
        last = self.last_region()
        index = self.region.findData(last) if last else -1
        if index < 0:
            return
        self.same_region_button.setToolTip(
            self.tr("Isi dengan wilayah insiden terakhir: %1").replace(
                "%1", self.region.itemText(index)
            )
        )
        self.same_region_button.show()

    def use_last_region(self) -> None:
        """Fill in the region of the incident saved last, when the user asks for it."""
        last = self.last_region()
        if last:
            self.region.set_code(last)
            self.region.setFocus()

    def _load_incident(self, incident_id: str) -> None:
        self.load_fields(self._stored_fields(incident_id))

    def _stored_fields(self, incident_id: str) -> dict[str, Any]:
        """The incident as stored now, in the shape of ``fields()``."""
        with self.ctx.db.read() as s:
            detail = service.get_incident(s, self._actor(), incident_id)
        return self._as_fields(
            {
                "title": detail.title,
                "region": detail.region_code,
                "category": detail.category,
                "neutrality_subject": detail.neutrality_subject or "",
                "severity": str(detail.severity),
                "source_type": detail.source_type,
                "link": detail.link,
                "platform": detail.platform or "",
                "occurred_at": detail.occurred_at.isoformat(),
                "reported_at": detail.reported_at.isoformat(),
                "kecamatan": detail.kecamatan,
                "desa": detail.desa,
                "reporter_name": detail.reporter_name,
                "reporter_contact": detail.reporter_contact,
                "description": detail.description,
                "assigned_to": detail.assigned_to or "",
            }
        )

    def _as_fields(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` as the form's widgets would give them back (times to the second,
        as the date fields keep them), so that stored and typed values compare equal.
        Worked out without the widgets: text being typed in them stays as it is."""
        out = dict(values)
        for name in ("occurred_at", "reported_at"):
            out[name] = _from_qt(_to_qt(datetime.fromisoformat(values[name]))).isoformat()
        return out

    def _connect_changes(self) -> None:
        for edit in (
            self.title,
            self.link,
            self.kecamatan,
            self.desa,
            self.reporter_name,
            self.reporter_contact,
        ):
            edit.textChanged.connect(self._changed)
        self.description.textChanged.connect(self._changed)
        for combo in (
            self.region,
            self.category,
            self.neutrality_subject,
            self.severity,
            self.source_type,
            self.platform,
            self.assigned_to,
        ):
            combo.currentIndexChanged.connect(self._changed)
        for dt in (self.occurred_at, self.reported_at):
            dt.dateTimeChanged.connect(self._changed)
        self.category.currentIndexChanged.connect(self._update_subject_visibility)
        self.region.currentIndexChanged.connect(self._refresh_completions)
        self.link.textChanged.connect(self._link_changed)

    # -- behaviour -----------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._draft_timer.start()

    def _update_subject_visibility(self, *_args: object) -> None:
        show = self.category.code() == "NETRALITAS"
        label, box = self._rows["neutrality_subject"]
        label.setVisible(show)
        box.setVisible(show)

    def _refresh_completions(self, *_args: object) -> None:
        """The kecamatan and desa names typed before (in the region chosen), read on the
        worker (``PlaceNames``: on a million incidents the query takes a second or two)."""
        code = self.region.code() or None
        in_place_field = self.kecamatan.hasFocus() or self.desa.hasFocus()
        if code is None and self.places.kept(None) is None and not in_place_field:
            # Every region's names are the slowest read of all, and a form is mostly
            # given its region before its places: read them only if a place field is
            # entered first.
            self._completion_reads += 1  # what is under way is no longer wanted
            self._completions_deferred = True
            return
        self._request_completions(code)

    def _request_completions(self, code: str | None) -> None:
        self._completions_deferred = False
        self._completion_reads += 1
        asked = self._completion_reads

        def done(names: Names) -> None:
            if not shiboken6.isValid(self) or asked != self._completion_reads:
                return  # closed meanwhile, or another region chosen since
            self._kecamatan_model.setStringList(names[0])
            self._desa_model.setStringList(names[1])

        self.places.request(code, done)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and self._completions_deferred
            and watched in (self.kecamatan, self.desa)
        ):
            self._request_completions(self.region.code() or None)
        return super().eventFilter(watched, event)

    def _link_changed(self, text: str) -> None:
        platform = service.detect_platform(text) if text.strip() else None
        if platform:
            self.platform.set_code(platform)
            if not self.source_type.code():
                self.source_type.set_code("MEDSOS")

    def fields(self) -> dict[str, Any]:
        """What the form holds, as JSON-safe values (for drafts)."""
        return {
            "title": self.title.text(),
            "region": self.region.code(),
            "category": self.category.code(),
            "neutrality_subject": self.neutrality_subject.code(),
            "severity": self.severity.code(),
            "source_type": self.source_type.code(),
            "link": self.link.text(),
            "platform": self.platform.code(),
            "occurred_at": _from_qt(self.occurred_at.dateTime()).isoformat(),
            "reported_at": _from_qt(self.reported_at.dateTime()).isoformat(),
            "kecamatan": self.kecamatan.text(),
            "desa": self.desa.text(),
            "reporter_name": self.reporter_name.text(),
            "reporter_contact": self.reporter_contact.text(),
            "description": self.description.toPlainText(),
            "assigned_to": self.assigned_to.code(),
        }

    def load_fields(self, values: dict[str, Any]) -> None:
        loading, self._loading = self._loading, True
        try:
            for name in ("title", "link", "kecamatan", "desa", "reporter_name", "reporter_contact"):
                if name in values:
                    edit = getattr(self, name)
                    edit.setText(str(values[name] or ""))
                    # From the start: a long title showed only its end ("…ota Linmas hadir").
                    edit.setCursorPosition(0)
            if "description" in values:
                self.description.setPlainText(str(values["description"] or ""))
            for name in (
                "region",
                "category",
                "neutrality_subject",
                "severity",
                "source_type",
                "platform",
                "assigned_to",
            ):
                if name in values:
                    getattr(self, name).set_code(str(values[name] or ""))
            for name in ("occurred_at", "reported_at"):
                raw = values.get(name)
                if raw:
                    with contextlib.suppress(TypeError, ValueError):
                        getattr(self, name).setDateTime(_to_qt(datetime.fromisoformat(raw)))
        finally:
            self._loading = loading
        self._update_subject_visibility()
        self._refresh_completions()

    def to_input(self) -> IncidentInput:
        severity = self.severity.code()
        return IncidentInput(
            title=self.title.text(),
            region_code=self.region.code(),
            category=self.category.code(),
            severity=int(severity) if severity else None,
            source_type=self.source_type.code(),
            occurred_at=_from_qt(self.occurred_at.dateTime()),
            reported_at=_from_qt(self.reported_at.dateTime()),
            kecamatan=self.kecamatan.text(),
            desa=self.desa.text(),
            neutrality_subject=self.neutrality_subject.code() or None,
            platform=self.platform.code() or None,
            link=self.link.text(),
            reporter_name=self.reporter_name.text(),
            reporter_contact=self.reporter_contact.text(),
            description=self.description.toPlainText(),
            assigned_to=self.assigned_to.code() or None,
        )

    def _actor(self) -> Any:
        assert self.ctx.actor is not None
        return self.ctx.actor

    def _hub_now(self) -> datetime:
        """What *Sekarang* fills in: the window's clock, held back to the hub's when the
        last sync found this computer's clock ahead of it, so "now" is never in the
        hub's future."""
        with self.ctx.db.read() as s:
            offset = clock_offset_ms(s)
        return self.ui.clock() + timedelta(milliseconds=min(0, offset))

    # -- changed underneath by a sync --------------------------------------------------------

    def _stamp(self) -> tuple[Any, ...] | None:
        """The incident's version in the database: its field versions and tombstone."""
        if self.incident_id is None:
            return None
        with self.ctx.db.read() as s:
            return service.incident_stamp(s, self.incident_id)

    def changed_underneath(self) -> bool:
        return self.incident_id is not None and self._stamp() != self._base_stamp

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if origin != "sync" or "incident" not in tables or self.incident_id is None:
            return
        if self.changed_underneath():
            self.changed_bar.show()

    def reload_from_database(self) -> None:
        """Show the incident as it is now (after asking, when there are unsaved edits)."""
        if self._dirty and not self.ui.dialogs.ask(
            self,
            self.tr("Muat ulang"),
            self.tr("Isian Anda yang belum disimpan akan dibuang. Muat ulang?"),
        ):
            return
        assert self.incident_id is not None
        self._loading = True
        try:
            self._load_incident(self.incident_id)
        finally:
            self._loading = False
        self._drop_draft()
        self._base_stamp = self._stamp()
        self._base_fields = self.fields()
        self.changed_bar.hide()

    def keep_my_edits(self) -> None:
        """Keep what this person changed and take the rest from the stored incident.

        Only the fields edited in this form overwrite the other workstation's change;
        fields left alone here show (and will save) the newer stored values.
        """
        assert self.incident_id is not None
        stored = self._stored_fields(self.incident_id)
        mine = self.fields()
        base = self._base_fields or stored
        rebased = {k: (mine[k] if mine[k] != base.get(k) else stored[k]) for k in mine}
        if rebased != mine:
            dirty = self._dirty
            self.load_fields(rebased)
            self._dirty = dirty
        self._base_fields = stored
        self._base_stamp = self._stamp()
        self.changed_bar.hide()

    # -- drafts --------------------------------------------------------------------------

    @property
    def drafts_dir(self) -> Path:
        return self.ctx.paths.drafts_dir

    #: Closing never loses what was typed: it stays as a draft (see ``closeEvent``).
    keeps_drafts = True

    def has_changes(self) -> bool:
        """Whether the form holds something not saved (kept as a draft when it closes)."""
        return self._dirty

    def save_draft(self) -> None:
        if not self._dirty:
            return
        try:
            write_draft(
                self.drafts_dir,
                Draft(self.draft_id, self.incident_id, utcnow().isoformat(), self.fields()),
            )
        except OSError:
            log.exception("could not write the draft")

    def _drop_draft(self) -> None:
        self._draft_timer.stop()
        self._dirty = False
        discard_draft(self.drafts_dir, self.draft_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window (or the whole app) keeps the work as a draft, unasked.
        self.save_draft()
        self._closing = True
        try:
            super().closeEvent(event)
        finally:
            self._closing = False

    def reject(self) -> None:
        if self._closing:
            self._draft_timer.stop()
            super().reject()
            return
        if self._dirty and not confirm_discard(self):
            return
        self._drop_draft()
        super().reject()

    # -- saving --------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_error(field_error_text(errors[name]) if name in errors else "")
        unplaced = {k: v for k, v in errors.items() if k not in self.errors}
        self.general_error.show_error(
            "; ".join(field_error_text(v) for v in unplaced.values()) if unplaced else ""
        )
        first = next((n for n in self.errors if n in errors), None)
        if first is not None:
            widget = getattr(self, first, None)
            if isinstance(widget, QWidget):
                widget.setFocus()

    def submit(self) -> None:
        self._save(check_duplicates=True)

    def _save(self, *, check_duplicates: bool, merge_into: str | None = None) -> None:
        if self.changed_underneath():
            self.changed_bar.show()
            if not self.ui.dialogs.ask(
                self,
                self.tr("Insiden telah diubah"),
                self.tr(
                    "Insiden ini telah diubah di workstation lain sejak formulir dibuka. "
                    "Simpan isian Anda? Kolom yang Anda ubah menimpa perubahan itu; "
                    "kolom lain mengikuti versi terbaru."
                ),
            ):
                return
            self.keep_my_edits()
        unreadable = {
            name: "unreadable_date"
            for name in ("occurred_at", "reported_at")
            if not getattr(self, name).has_acceptable_input()
        }
        if unreadable:
            self.show_errors(unreadable)
            return
        data = self.to_input()
        actor = self._actor()
        if check_duplicates and self.incident_id is None:
            # A read first: the person decides about look-alikes before anything is written.
            db = self.ctx.db

            def check() -> list[DuplicateCandidate]:
                with db.read() as s:
                    return incident_duplicates.check_new_incident(s, actor, data)

            self.ui.tasks.run(
                check,
                lambda found: self._checked(found, data, merge_into),
                self._save_failed,
            )
            return
        self._write(data, merge_into)

    def _checked(
        self, duplicates: list[DuplicateCandidate], data: IncidentInput, merge_into: str | None
    ) -> None:
        if duplicates:
            self.show_errors({})
            self._ask_about_duplicates(duplicates)
        else:
            self._write(data, merge_into)

    def _write(self, data: IncidentInput, merge_into: str | None) -> None:
        actor = self._actor()
        incident_id = self.incident_id

        def write(s: Any) -> str:
            if incident_id is None:
                saved_id = service.add_incident(s, actor, data).id
            else:
                saved_id = service.write_incident(s, actor, incident_id, data)
            if merge_into is not None:
                service.merge_incidents(s, actor, merge_into, saved_id)
            return merge_into or saved_id

        self.saving = True
        run_op(
            self,
            write,
            success=lambda result: self._written(result.value, data),
            failure=self._save_failed,
            ui=self.ui,
        )

    def _written(self, saved_id: str, data: IncidentInput) -> None:
        self.saving = False
        self.show_errors({})
        if self.settings is not None:
            self.settings.last_region = data.region_code
        self.places.add(saved_id, data.region_code or None, data.kecamatan, data.desa)
        self._drop_draft()
        self.saved.emit(saved_id)
        self.accept()

    def _save_failed(self, exc: Exception) -> None:
        self.saving = False
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
        else:
            self.show_errors({})
            self.general_error.show_error(error_text(exc))

    def _ask_about_duplicates(self, duplicates: list[DuplicateCandidate]) -> None:
        dialog = DuplicatesDialog(
            duplicates,
            can_merge=allowed(self._actor(), Action.MERGE_INCIDENTS),
            lang=self._lang,
            parent=self,
        )
        dialog.exec()
        if dialog.choice == DuplicatesDialog.SAVE_ANYWAY:
            self._save(check_duplicates=False)
        elif dialog.choice == DuplicatesDialog.MERGE and dialog.selected_id:
            self._save(check_duplicates=False, merge_into=dialog.selected_id)
        elif dialog.choice == DuplicatesDialog.OPEN_EXISTING and dialog.selected_id:
            self.open_requested.emit(dialog.selected_id)
            # The draft stays: the person may come back to it.
            self.save_draft()
            super().reject()


class DuplicatesDialog(QDialog):
    """Lists earlier incidents that look like the one being saved."""

    SAVE_ANYWAY = "save"
    OPEN_EXISTING = "open"
    MERGE = "merge"

    def __init__(
        self,
        candidates: list[DuplicateCandidate],
        *,
        can_merge: bool,
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Kemungkinan duplikat"))
        self.choice: str | None = None
        self.selected_id: str | None = None
        intro = QLabel(
            self.tr(
                "Insiden berikut mirip dengan yang akan disimpan. Pilih satu untuk dibuka "
                "atau digabung, atau simpan sebagai insiden baru."
            )
        )
        intro.setWordWrap(True)
        self.list = CandidateList()
        self.list.setObjectName("duplicates")
        self.list.set_candidates(candidates, lang)
        buttons = QDialogButtonBox()
        self.save_anyway = QPushButton(self.tr("&Tetap simpan"))
        self.open_existing = QPushButton(self.tr("&Buka yang ada"))
        self.merge = QPushButton(self.tr("&Gabungkan ke yang dipilih"))
        self.merge.setEnabled(can_merge)
        if not can_merge:
            self.merge.setToolTip(self.tr("Hanya koordinator yang dapat menggabungkan insiden."))
        cancel = QPushButton(self.tr("Kembali ke formulir"))
        for button, role in (
            (self.save_anyway, QDialogButtonBox.ButtonRole.AcceptRole),
            (self.open_existing, QDialogButtonBox.ButtonRole.ActionRole),
            (self.merge, QDialogButtonBox.ButtonRole.ActionRole),
            (cancel, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(button, role)
        self.save_anyway.clicked.connect(lambda: self._choose(self.SAVE_ANYWAY))
        self.open_existing.clicked.connect(lambda: self._choose(self.OPEN_EXISTING))
        self.merge.clicked.connect(lambda: self._choose(self.MERGE))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.selected_id = self.list.current_id()
        self.accept()
