"""The main window: tabs Wilayah, Insiden, Kontak; menus, toolbar and status bar."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.services import regions
from desk_app.ui.bus import DataBus
from desk_app.ui.tasks import TaskRunner

#: Feature modules that add menus, actions, status widgets or panels to the window. Each
#: has ``install(window: MainWindow) -> None``; they are installed in this order.
FEATURES: list[str] = []


class RegionsTab(QTableWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("regionsTable")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.refresh()

    def refresh(self) -> None:
        headers = [
            self.tr("Kode"),
            self.tr("Kabupaten/Kota"),
            self.tr("Tingkat siaga"),
            self.tr("Insiden terbuka"),
            self.tr("24 jam terakhir"),
        ]
        with self.ctx.db.read() as session:
            rows = regions.board(session)
        self.setSortingEnabled(False)
        self.clear()
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setRowCount(len(rows))
        for i, row in enumerate(rows):
            values: list[object] = [
                row.code,
                row.name,
                row.alert_level.capitalize(),
                row.open_total,
                row.last_24h,
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        self.setSortingEnabled(True)


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: AppContext, bus: DataBus | None = None, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.bus = bus or DataBus()
        self.tasks = tasks or TaskRunner()
        self.setWindowTitle(self.tr("Desk Pilkada — Pemerintah Provinsi Jawa Tengah"))
        self.tabs = QTabWidget()
        self.regions_tab = RegionsTab(ctx)
        self.tabs.addTab(self.regions_tab, self.tr("Wilayah"))
        self.tabs.addTab(QLabel(self.tr("Insiden")), self.tr("Insiden"))
        self.tabs.addTab(QLabel(self.tr("Kontak")), self.tr("Kontak"))
        self.setCentralWidget(self.tabs)
        self.toolbar = QToolBar(self.tr("Alat"))
        self.toolbar.setObjectName("mainToolbar")
        self.addToolBar(self.toolbar)
        self.file_menu: QMenu = self.menuBar().addMenu(self.tr("&Berkas"))
        self.file_menu.addAction(self.tr("&Keluar"), self.close)
        user = ctx.actor.username if ctx.actor else "-"
        self.statusBar().addWidget(QLabel(f"{user} · {ctx.workstation_code}"))
        self.resize(1200, 760)
        for name in FEATURES:
            importlib.import_module(name).install(self)

    def add_status_widget(self, widget: QWidget, permanent: bool = True) -> None:
        if permanent:
            self.statusBar().addPermanentWidget(widget)
        else:
            self.statusBar().addWidget(widget)
