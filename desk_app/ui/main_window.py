"""The main window: tabs Wilayah, Insiden, Kontak and Ringkasan; menus, toolbar, status bar.

Feature modules (sitrep, sync, accounts, ...) extend the window through ``FEATURES``:
each has ``install(window)``, registers itself in ``window.features``, and may use
``window.menus[...]``, ``window.toolbar``, ``window.add_status_widget(...)``,
``window.tabs`` and ``window.ui`` (the ``UiContext``: database, bus, task runner, typed
settings, clock and dialogs).

Only the tab on show is built at start; the others (their modules, widgets and first
queries) are built when first shown, or when code asks for one (``window.incidents_tab``
and friends build on first access). A start thus pays for one tab, not four.

The window can exist before the database does: ``MainWindow(None, settings=...)`` is the
shell (menus, tab bar, status bar) that the start shows at once, and ``attach(ctx)`` fills
it once the database is open and someone has signed in (see ``desk_app.ui.app``).
This module therefore imports nothing of the database layer at load time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desk_app import __version__
from desk_app.formats import WIB, countdown, format_date, format_datetime
from desk_app.services.permissions import Action, allowed
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.labels import role_name
from desk_app.ui.screen_fit import (
    PREFERRED_WINDOW,
    fit_window,
    keep_on_screen,
    opens_maximized,
)
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.ui.overview_tab import OverviewTab
    from desk_app.ui.regions_tab import RegionsTab

#: Feature modules that add menus, actions, status widgets or panels to the window. Each
#: has ``install(window: MainWindow) -> None``; they are installed in this order.
FEATURES: list[str] = [
    "desk_app.ui.admin_ui",
    "desk_app.ui.sitrep_ui",
    "desk_app.ui.sync_ui",
    "desk_app.ui.workstation_ui",
    "desk_app.ui.incident_actions",
]

#: The tabs, in order; their keys are what ``--tab`` and the settings use.
TAB_KEYS = ("wilayah", "insiden", "kontak", "ringkasan")

#: Each tab's module and class, imported when the tab is first built.
TAB_CLASSES = {
    "wilayah": ("desk_app.ui.regions_tab", "RegionsTab"),
    "insiden": ("desk_app.ui.incidents_tab", "IncidentsTab"),
    "kontak": ("desk_app.ui.contacts_tab", "ContactsTab"),
    "ringkasan": ("desk_app.ui.overview_tab", "OverviewTab"),
}


def modules_for_attach(settings: Settings) -> list[str]:
    """The modules ``attach()`` will import: the features and the remembered tab's. The
    start imports them while the person signs in (they hold no Qt objects at load)."""
    last = settings.get(Settings.LAST_TAB)
    tab_module = TAB_CLASSES[last if last in TAB_CLASSES else TAB_KEYS[0]][0]
    return [*FEATURES, tab_module]


def _utcnow() -> datetime:
    return datetime.now(UTC)


F = TypeVar("F")


class Features:
    """The feature modules installed in a window, by their class: a feature registers
    itself in ``install(window)`` (``window.features.add(...)``) and is found again with
    ``window.features.get(SyncFeature)``, typed, instead of an attribute bolted on."""

    def __init__(self) -> None:
        self._by_type: dict[type, object] = {}

    def add(self, feature: F) -> F:
        kind = type(feature)
        if kind in self._by_type:
            raise ValueError(f"{kind.__name__} is installed already")
        self._by_type[kind] = feature
        return feature

    def get(self, kind: type[F]) -> F:
        """The installed ``kind``; KeyError when it is not installed."""
        return cast(F, self._by_type[kind])

    def find(self, kind: type[F]) -> F | None:
        return cast("F | None", self._by_type.get(kind))

    def __len__(self) -> int:
        return len(self._by_type)


class UnbuiltTab(QWidget):
    """Holds a tab's place in the tab bar until the tab is first shown."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"unbuiltTab_{key}")


class MainWindow(QMainWindow):
    #: The window has closed for good (a close that a form refused does not count): the
    #: features stop their timers, and work still on the worker reports nothing after it.
    closed = Signal()

    def __init__(
        self,
        ctx: AppContext | None,
        bus: DataBus | None = None,
        tasks: TaskRunner | None = None,
        *,
        settings: Settings | None = None,
        clock: Callable[[], datetime] | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        """The window for ``ctx``; with ``ctx=None`` (and ``settings``), the shell that
        ``attach()`` completes later."""
        super().__init__()
        self.setObjectName("mainWindow")
        self._ctx: AppContext | None = None
        self.ui: UiContext | None = None
        #: Message boxes and file pickers (a test hands in one that answers them).
        self.dialogs = dialogs or Dialogs()
        #: The feature modules installed (see ``FEATURES``).
        self.features = Features()
        self.bus = bus or DataBus()
        self.tasks = tasks or TaskRunner()
        if settings is None:
            if ctx is None:
                raise ValueError("a window without a context needs its settings")
            settings = Settings(ctx.paths.settings_file)
        self.settings = settings
        #: What "now" is (UTC). Real time, except for screenshots of a past demo period.
        self.clock: Callable[[], datetime] = clock or _utcnow
        self.setWindowTitle(self.tr("Desk Pilkada — Pemerintah Provinsi Jawa Tengah"))
        #: Every window-level command by name ("new_incident", "find", "tab_wilayah", ...).
        self.commands: dict[str, QAction] = {}

        #: The tabs built so far, by key (see ``tab()``).
        self._built_tabs: dict[str, QWidget] = {}
        self._build_tabs()
        self.toolbar = QToolBar(self.tr("Bilah alat"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._build_status_bar()
        # At most the room on this screen (1366×768 is common); where the preferred size
        # does not fit, the window first opens maximized (``show_first``).
        fit_window(self, PREFERRED_WINDOW.width(), PREFERRED_WINDOW.height())
        self._show_filled_menus()
        #: Whether the window had a size and place of its own from the last time.
        self.restored = self.settings.restore_window(self)
        if self.restored and not self.isMaximized():
            keep_on_screen(self)  # saved on a bigger screen, or one since unplugged
        if ctx is not None:
            self.attach(ctx)
        else:
            self._set_commands_enabled(False)

    def show_first(self) -> None:
        """Show the window as it opens at a start: where it was last time, else at its
        preferred size, or maximized on a screen too small for that."""
        if not self.restored and opens_maximized(widget=self):
            self.showMaximized()
        else:
            self.show()

    @property
    def ctx(self) -> AppContext:
        """The open database and who is signed in (only once ``attach()`` ran)."""
        if self._ctx is None:
            raise RuntimeError("the window has no database yet")
        return self._ctx

    def is_attached(self) -> bool:
        return self._ctx is not None

    def attach(self, ctx: AppContext) -> None:
        """Fill the window for ``ctx``: status bar, features, and the last tab on show."""
        if self._ctx is not None:
            raise RuntimeError("the window is already attached to a database")
        self._ctx = ctx
        #: The window's world, handed to every feature (see ``desk_app.ui.context``).
        self.ui = UiContext(ctx, self.bus, self.tasks, self.settings, self.clock, self.dialogs)
        self._set_commands_enabled(True)
        self._fill_status_bar()
        self.bus.data_changed.connect(self._data_changed)
        for name in FEATURES:
            importlib.import_module(name).install(self)
        self._show_filled_menus()
        self._restore_state()

    def _set_commands_enabled(self, enabled: bool) -> None:
        """Before the database is open only quitting and the help work."""
        for name, action in self.commands.items():
            if name not in ("quit", "about", "shortcuts"):
                action.setEnabled(enabled)
        self.tabs.setEnabled(enabled)

    def _show_filled_menus(self) -> None:
        # A menu no feature filled (e.g. "Laporan" before the sitrep lands) stays hidden.
        for menu in self.menus.values():
            menu.menuAction().setVisible(not menu.isEmpty())

    # -- building ------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        titles = (
            self.tr("&Wilayah"),
            self.tr("&Insiden"),
            self.tr("&Kontak"),
            self.tr("&Ringkasan"),
        )
        for key, title in zip(TAB_KEYS, titles, strict=True):
            self.tabs.addTab(UnbuiltTab(key), title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

    def _make_tab(self, key: str) -> QWidget:
        """A new tab widget; its module is imported here, when the tab is first needed."""
        module, name = TAB_CLASSES[key]
        cls = getattr(importlib.import_module(module), name)
        if key in ("wilayah", "ringkasan"):
            widget = cls(self.ctx, self.bus, self.tasks, self.settings, clock=self.clock)
        else:
            widget = cls(self.ctx, self.bus, self.tasks, self.settings, ui=self.ui)
        if key == "wilayah":
            widget.incident_activated.connect(self.open_incident)
        return cast(QWidget, widget)

    def tab(self, key: str) -> QWidget:
        """The tab ``key`` ("wilayah", "insiden", ...), built now if it was not yet."""
        built = self._built_tabs.get(key)
        if built is not None:
            return built
        widget = self._make_tab(key)
        restore = getattr(widget, "restore_state", None)
        if callable(restore):
            restore(self.settings)
        self._built_tabs[key] = widget
        # Put the tab where its stand-in was. Outside listeners see no change: the same
        # index stays current (removing and inserting would otherwise move it and back).
        index = TAB_KEYS.index(key)
        stand_in = self.tabs.widget(index)
        title = self.tabs.tabText(index)
        current = self.tabs.currentIndex()
        was_blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(was_blocked)
        if stand_in is not None:
            stand_in.deleteLater()
        return widget

    def is_tab_built(self, key: str) -> bool:
        return key in self._built_tabs

    @property
    def regions_tab(self) -> RegionsTab:
        return cast("RegionsTab", self.tab("wilayah"))

    @property
    def incidents_tab(self) -> QWidget:
        return self.tab("insiden")

    @property
    def contacts_tab(self) -> QWidget:
        return self.tab("kontak")

    @property
    def overview_tab(self) -> OverviewTab:
        return cast("OverviewTab", self.tab("ringkasan"))

    def command(
        self,
        name: str,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        tip: str = "",
        parent: QObject | None = None,
    ) -> QAction:
        """A window-level action whose tooltip names its shortcut; kept in ``commands``."""
        action = QAction(text, parent or self)
        action.setObjectName(f"{name}Action")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.set_tip(action, tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        self.commands[name] = action
        return action

    @staticmethod
    def set_tip(action: QAction, tip: str) -> None:
        """Tooltip "What it does (Ctrl+N)", shown in the toolbar."""
        tip = tip.replace("&", "").removesuffix("…")
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.setStatusTip(tip)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in (
            ("file", self.tr("&Berkas")),
            ("edit", self.tr("&Sunting")),
            ("view", self.tr("&Tampilan")),
            ("report", self.tr("&Laporan")),
            ("admin", self.tr("&Administrasi")),
            ("help", self.tr("Ba&ntuan")),
        ):
            menu = bar.addMenu(title)
            menu.setObjectName(f"{key}Menu")
            self.menus[key] = menu

        new_incident = self.command(
            "new_incident",
            self.tr("Insiden &baru…"),
            self.new_incident,
            "Ctrl+N",
            tip=self.tr("Catat insiden baru"),
        )
        new_contact = self.command(
            "new_contact",
            self.tr("&Kontak baru…"),
            self.new_contact,
            "Ctrl+Shift+N",
            tip=self.tr("Tambah kontak forum kemitraan"),
        )
        preferences = self.command(
            "preferences",
            self.tr("&Preferensi…"),
            self.open_preferences,
            "Ctrl+,",
            tip=self.tr("Bahasa dan kunci layar otomatis"),
        )
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        quit_action = self.command(
            "quit",
            self.tr("&Keluar"),
            self.close,
            QKeySequence.StandardKey.Quit,
            tip=self.tr("Tutup Desk Pilkada"),
        )
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.set_tip(quit_action, self.tr("Tutup Desk Pilkada"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu = self.menus["file"]
        file_menu.addAction(new_incident)
        file_menu.addAction(new_contact)
        file_menu.addSeparator()
        file_menu.addAction(preferences)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        find = self.command(
            "find",
            self.tr("&Cari…"),
            self.focus_search,
            "Ctrl+F",
            tip=self.tr("Cari di tab ini"),
        )
        self.menus["edit"].addAction(find)

        refresh = self.command(
            "refresh",
            self.tr("&Muat ulang"),
            self.refresh,
            "Ctrl+R",
            tip=self.tr("Muat ulang data semua tab"),
        )
        view = self.menus["view"]
        view.addAction(refresh)
        view.addSeparator()
        self.tab_group = QActionGroup(self)
        tab_names = [
            self.tr("Wilayah"),
            self.tr("Insiden"),
            self.tr("Kontak"),
            self.tr("Ringkasan"),
        ]
        for i, (key, label) in enumerate(zip(TAB_KEYS, tab_names, strict=True)):
            action = self.command(
                f"tab_{key}",
                label,
                lambda _checked=False, i=i: self.tabs.setCurrentIndex(i),
                f"Ctrl+{i + 1}",
                tip=self.tr("Buka tab %1").replace("%1", label),
            )
            action.setCheckable(True)
            self.tab_group.addAction(action)
            view.addAction(action)
        view.addSeparator()
        toolbar_toggle = self.toolbar.toggleViewAction()
        toolbar_toggle.setText(self.tr("Tampilkan &bilah alat"))
        view.addAction(toolbar_toggle)

        election_action = self.command(
            "election",
            self.tr("Pengaturan &pemilihan…"),
            self.open_election_settings,
            tip=self.tr("Nama pemilihan, hari pemungutan suara, masa kampanye dan masa tenang"),
        )
        self.menus["admin"].addAction(election_action)

        about = self.command(
            "about",
            self.tr("&Tentang Desk Pilkada"),
            self.show_about,
            tip=self.tr("Versi dan keterangan"),
        )
        about.setMenuRole(QAction.MenuRole.AboutRole)
        shortcuts = self.command(
            "shortcuts",
            self.tr("&Pintasan papan ketik"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
            tip=self.tr("Daftar pintasan papan ketik"),
        )
        self.menus["help"].addAction(shortcuts)
        self.menus["help"].addAction(about)

        for action in (new_incident, find, refresh):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self.tr("belum masuk"))
        self.user_label.setObjectName("userLabel")
        self.user_label.setToolTip(self.tr("Pengguna yang masuk dan perannya"))
        self.workstation_label = QLabel()
        self.workstation_label.setObjectName("workstationLabel")
        self.workstation_label.setToolTip(self.tr("Kode workstation ini"))
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("countdownLabel")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clockLabel")
        self.clock_label.setToolTip(self.tr("Waktu Indonesia Barat"))
        status = self.statusBar()
        status.addWidget(self.user_label)
        status.addWidget(self.workstation_label)
        status.addPermanentWidget(self.countdown_label)
        status.addPermanentWidget(self.clock_label)
        self._clock_minute = ""
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self._tick()

    def _fill_status_bar(self) -> None:
        actor = self.ctx.actor
        if actor is not None:
            self.user_label.setText(f"{actor.username} ({role_name(actor.role.value)})")
        self.workstation_label.setText(
            self.tr("Workstation %1").replace("%1", self.ctx.workstation_code)
        )
        self.refresh_countdown()

    def add_status_widget(self, widget: QWidget, permanent: bool = True) -> None:
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget)

    # -- status bar ----------------------------------------------------------------------

    def _tick(self, now: datetime | None = None) -> None:
        now = now or self.clock()
        text = format_datetime(now, ui_language())
        if text != self._clock_minute:
            day_changed = self._clock_minute[:11] != text[:11]
            self._clock_minute = text
            self.clock_label.setText(text)
            if day_changed and self._ctx is not None:
                self.refresh_countdown(now)

    def refresh_countdown(self, now: datetime | None = None) -> None:
        from desk_app.services import election

        today = (now or self.clock()).astimezone(WIB).date()
        with self.ctx.db.read() as session:
            settings = election.get_election(session)
        lang = ui_language()
        self.countdown_label.setText(countdown(today, settings.voting_day))
        self.countdown_label.setToolTip(
            self.tr("%1: pemungutan suara %2")
            .replace("%1", settings.name)
            .replace("%2", format_date(settings.voting_day, lang))
        )

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if not tables or "election" in tables:
            self.refresh_countdown()

    # -- commands ------------------------------------------------------------------------

    def tab_key(self) -> str:
        return TAB_KEYS[max(0, self.tabs.currentIndex())]

    def show_tab(self, key: str) -> None:
        if key in TAB_KEYS:
            self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def _tab_changed(self, index: int) -> None:
        if self._ctx is not None and 0 <= index < len(TAB_KEYS):
            self.tab(TAB_KEYS[index])  # built when first shown
            self.commands[f"tab_{TAB_KEYS[index]}"].setChecked(True)

    def new_incident(self) -> None:
        self.show_tab("insiden")
        handler = getattr(self.incidents_tab, "new_incident", None)
        if callable(handler):
            handler()

    def new_contact(self) -> None:
        self.show_tab("kontak")
        handler = getattr(self.contacts_tab, "new_contact", None)
        if callable(handler):
            handler()

    def open_incident(self, incident_id: str) -> None:
        """Show one incident on the Insiden tab (from the board, the overview, a search)."""
        self.show_tab("insiden")
        handler = getattr(self.incidents_tab, "open_incident", None)
        if callable(handler):
            handler(incident_id)

    def focus_search(self) -> None:
        handler = getattr(self.tabs.currentWidget(), "focus_search", None)
        if callable(handler):
            handler()

    def refresh(self) -> None:
        """Everything reloads: the same signal a write sends, naming no table."""
        self.bus.notify(frozenset(), origin="refresh")

    def open_preferences(self) -> None:
        from desk_app.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_election_settings(self) -> None:
        from desk_app.ui.election_dialog import ElectionDialog

        dialog = ElectionDialog(self.ctx, self.bus, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("Tentang Desk Pilkada"), self.about_text())

    def about_text(self) -> str:
        """The version, and once signed in the database's schema and where the data lives."""
        text = self.tr(
            "<h3>Desk Pilkada %1</h3>"
            "<p>Pemantauan pemilihan kepala daerah serentak di 35 kabupaten/kota "
            "Jawa Tengah.</p>"
            "<p>Biro Pemerintahan, Otonomi dan Kerja Sama, Setda Provinsi Jawa Tengah.</p>"
        ).replace("%1", __version__)
        if self.is_attached():
            from html import escape

            from desk_app.db import current_revision

            text += (
                self.tr("<p>Revisi skema basis data: %1<br>Direktori data: %2</p>")
                .replace("%1", escape(current_revision(self.ctx.db.engine) or "-"))
                .replace("%2", escape(str(self.ctx.paths.data_dir)))
            )
        return text

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """What F1 lists: each key once, with what it does; only keys that do something
        for the signed-in role (an action hidden from it is left out)."""
        rows: dict[str, str] = {}

        def add(keys: str, text: str) -> None:
            native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            rows.setdefault(native, text)

        for action in self.commands.values():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            if keys and action.isVisible():
                add(keys, action.statusTip() or action.text().replace("&", ""))
        actor = self._ctx.actor if self._ctx is not None else None
        if actor is not None and allowed(actor, Action.SET_ALERT_LEVEL):
            add("Ctrl+T", self.tr("Ubah tingkat siaga wilayah terpilih (tab Wilayah)"))
        add("Enter", self.tr("Buka baris terpilih di tabel"))
        add("Ctrl+Enter", self.tr("Simpan formulir atau catatan"))
        add("Esc", self.tr("Tutup formulir atau dialog tanpa menyimpan"))
        add("Ctrl+Home", self.tr("Kolom tanggal: isi waktu sekarang"))
        add("Ctrl+Down", self.tr("Kolom tanggal: mundur 15 menit"))
        add("Ctrl+Up", self.tr("Kolom tanggal: maju 15 menit"))
        return list(rows.items())

    def show_shortcuts(self) -> None:
        from html import escape

        lines = [
            f"<tr><td><b>{escape(keys)}</b></td><td>{escape(text)}</td></tr>"
            for keys, text in self.shortcut_rows()
        ]
        self.dialogs.inform(
            self,
            self.tr("Pintasan papan ketik"),
            "<table cellspacing='6'>" + "".join(lines) + "</table>",
        )

    # -- remembered state ----------------------------------------------------------------

    def can_edit_election(self) -> bool:
        return (
            self._ctx is not None
            and self.ctx.actor is not None
            and allowed(self.ctx.actor, Action.EDIT_ELECTION)
        )

    def _restore_state(self) -> None:
        # The geometry was restored when the window was built; each tab restores its own
        # layout when it is built (see ``tab()``).
        self.show_tab(self.settings.get(Settings.LAST_TAB))
        self._tab_changed(self.tabs.currentIndex())

    def save_state(self) -> None:
        self.settings.save_window(self)
        if self._ctx is None:  # closed before the database opened: no tab was chosen
            self.settings.sync()
            return
        self.settings.set(Settings.LAST_TAB, self.tab_key())
        for tab in self._tab_widgets():
            save = getattr(tab, "save_state", None)
            if callable(save):
                save(self.settings)
        self.settings.sync()

    def _tab_widgets(self) -> list[QWidget]:
        """The tabs built so far: a tab never shown has no layout of its own to save."""
        return [self._built_tabs[key] for key in TAB_KEYS if key in self._built_tabs]

    def closeEvent(self, event: QCloseEvent) -> None:
        # Open forms close first: an incident form keeps its draft, a contact form asks
        # about its changes. One that stays open keeps the window (and the app) open;
        # otherwise the forms would go down with the application, unasked.
        forms = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self and w.isVisible() and hasattr(w, "has_changes")
        ]
        # Those that may refuse first, so that a refusal leaves every form as it was.
        for widget in sorted(forms, key=lambda w: bool(getattr(w, "keeps_drafts", False))):
            widget.close()
            if widget.isVisible():
                event.ignore()
                return
        self.save_state()
        self.clock_timer.stop()
        super().closeEvent(event)
        self.closed.emit()
