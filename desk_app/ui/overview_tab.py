"""Ringkasan: the desk at a glance — key figures, severity by status, the 14-day trend
by category, and the regions at Siaga and Awas. Figures come from
``services.overview`` on the worker and refresh when incidents or regions change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.db import Database
from desk_app.formats import format_datetime, format_number, format_short_date
from desk_app.models import utcnow
from desk_app.models.enums import SEVERITIES, TaxonomyKind
from desk_app.services import overview, taxonomy
from desk_app.ui.bus import DataBus
from desk_app.ui.labels import (
    SEVERITY_COLOURS,
    alert_colour,
    alert_level_meaning,
    alert_level_name,
    alert_text_colour,
    severity_name,
    status_name,
)
from desk_app.ui.record_model import Column, RecordTableModel, record_table_view
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.shown_refresh import RefreshWhenShown
from desk_app.ui.tasks import LatestReads, TaskRunner

WATCHED_TABLES = frozenset({"incident", "region", "alert_level_change", "taxonomy_term"})

#: The chart's legend in this share of the window's font, and the chart's margin below it
#: (pixels): the last of eleven categories needs room at 1366×768.
LEGEND_FONT_SCALE = 0.9
CHART_BOTTOM_MARGIN = 8

#: Colours of the categories in the chart, in taxonomy order; distinct in hue and lightness.
CATEGORY_COLOURS = [
    "#c0392b",
    "#2980b9",
    "#8e44ad",
    "#e67e22",
    "#16a085",
    "#f1c40f",
    "#2c3e50",
    "#7f8c8d",
    "#d35400",
    "#27ae60",
    "#bdc3c7",
    "#95a5a6",
    "#34495e",
]


@dataclass(frozen=True)
class OverviewData:
    figures: overview.Overview
    category_labels: dict[str, str]


@dataclass(frozen=True)
class SeverityLine:
    """One row of the severity × status table; ``severity`` None is the total row."""

    severity: int | None
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


def load_overview(db: Database, lang: str, now: datetime) -> OverviewData:
    """Runs on the worker."""
    with db.read() as session:
        return OverviewData(
            overview.overview(session, now=now),
            taxonomy.labels(session, TaxonomyKind.INCIDENT_CATEGORY, lang),
        )


def _number(value: int) -> str:
    return format_number(value, ui_language())


def _status_column(header: str, i: int) -> Column[SeverityLine]:
    def count(line: SeverityLine) -> int:
        return line.counts[i]

    return Column(header, lambda s: _number(count(s)), sort_key=count, align_right=True)


class FigureCard(QFrame):
    """A big number with its caption."""

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName(f"{name}Value")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, value: int) -> None:
        self.value.setText(_number(value))


def count_scale(peak: int, most_lines: int = 8) -> tuple[int, int]:
    """The top of a count axis and the step between its lines: whole numbers from 1, 2,
    5, 10, 20, 50, ..., with some room above ``peak`` and at most ``most_lines`` steps.
    (Qt's own "nice numbers" put 0, 0, 1, 1 on an axis up to 1.)"""
    step = 1
    while True:
        for factor in (1, 2, 5):
            candidate = step * factor
            steps = max(2, -(-(peak + 1) // candidate))  # room above the highest bar
            if steps <= most_lines:
                return steps * candidate, candidate
        step *= 10


def _table_height(view: QTableView, rows: int) -> int:
    """The height that shows ``rows`` whole rows of ``view`` and its header."""
    return (
        view.horizontalHeader().sizeHint().height()
        + rows * view.verticalHeader().defaultSectionSize()
        + 2 * view.frameWidth()
    )


class OverviewTab(QWidget):
    loaded = Signal()

    def __init__(
        self,
        ctx: AppContext,
        bus: DataBus,
        tasks: TaskRunner,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setObjectName("overviewTab")
        self.ctx = ctx
        self.tasks = tasks
        self.settings = settings
        self.data: OverviewData | None = None
        self._reads = LatestReads(self, tasks)

        self.as_of = QLabel(self.tr("Memuat…"))
        self.as_of.setObjectName("overviewAsOf")
        self.total_card = FigureCard(self.tr("Semua insiden"), "totalCard")
        self.open_card = FigureCard(self.tr("Insiden terbuka"), "openCard")
        self.critical_card = FigureCard(
            self.tr("Terbuka, keparahan Kritis atau Tinggi"), "criticalCard"
        )
        self.recent_card = FigureCard(self.tr("Insiden dalam 24 jam terakhir"), "recentCard")
        self.alert_card = FigureCard(self.tr("Wilayah berstatus Siaga atau Awas"), "alertCard")
        cards = QHBoxLayout()
        for card in (
            self.total_card,
            self.open_card,
            self.critical_card,
            self.recent_card,
            self.alert_card,
        ):
            cards.addWidget(card, 1)

        statuses = overview.STATUS_ORDER
        columns: list[Column[SeverityLine]] = [
            Column(
                self.tr("Keparahan"),
                lambda s: severity_name(s.severity) if s.severity else self.tr("Jumlah"),
                sort_key=lambda s: s.severity or 0,
                background=lambda s: SEVERITY_COLOURS.get(s.severity or 0),
            )
        ]
        for i, status in enumerate(statuses):
            columns.append(_status_column(status_name(status), i))
        columns.append(
            Column(
                self.tr("Jumlah"),
                lambda s: _number(s.total),
                sort_key=lambda s: s.total,
                align_right=True,
            )
        )
        self.matrix_model: RecordTableModel[SeverityLine] = RecordTableModel(
            columns, key=lambda s: str(s.severity), parent=self
        )
        self.matrix_view = record_table_view(
            self.matrix_model, "severityStatusTable", sortable=False
        )
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.alert_model: RecordTableModel[overview.AlertRegion] = RecordTableModel(
            [
                Column(self.tr("Kode"), lambda r: r.code),
                Column(self.tr("Kabupaten/Kota"), lambda r: r.name),
                Column(
                    self.tr("Tingkat siaga"),
                    lambda r: alert_level_name(r.level),
                    tooltip=lambda r: alert_level_meaning(r.level),
                    background=lambda r: alert_colour(r.level),
                    foreground=lambda r: alert_text_colour(r.level),
                ),
            ],
            key=lambda r: r.code,
            parent=self,
        )
        self.alert_view = record_table_view(self.alert_model, "alertRegionsTable", sortable=False)
        for column in (0, 1):
            self.alert_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        # Both tables show whole rows (never one cut in half): as tall as the severity
        # table's five rows; the regions on alert scroll by whole rows past five.
        whole_rows = _table_height(self.matrix_view, len(SEVERITIES) + 1)
        for view in (self.matrix_view, self.alert_view):
            view.setFixedHeight(whole_rows)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.matrix_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_alert = QLabel(self.tr("Tidak ada wilayah berstatus Siaga atau Awas."))
        self.no_alert.setObjectName("noAlertLabel")
        self.no_alert.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.chart = QChart()
        self.chart.setTitle(self.tr("Insiden per hari menurut kategori, 14 hari terakhir"))
        legend = self.chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        # Eleven categories, one a line beside the plot: in the window's font the last one
        # ran into the chart's bottom edge at 1366×768, its descenders cut. A slightly
        # smaller font and a margin below give every entry its room.
        legend_font = QFont(legend.font())
        legend_font.setPointSizeF(legend_font.pointSizeF() * LEGEND_FONT_SCALE)
        legend.setFont(legend_font)
        self.chart.setMargins(QMargins(4, 4, 4, CHART_BOTTOM_MARGIN))
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setObjectName("dailyChart")
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(260)

        matrix_box = QGroupBox(self.tr("Insiden menurut keparahan dan status"))
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_layout.addWidget(self.matrix_view)
        alert_box = QGroupBox(self.tr("Wilayah berstatus Siaga dan Awas"))
        alert_layout = QVBoxLayout(alert_box)
        alert_layout.addWidget(self.no_alert)
        alert_layout.addWidget(self.alert_view)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(matrix_box)
        lower.addWidget(alert_box)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("overviewSplitter")
        self.splitter.addWidget(self.chart_view)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.lower_splitter = lower

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.as_of)
        layout.addLayout(cards)
        layout.addWidget(self.splitter, 1)

        #: Changes while another tab is on show wait until this one is shown.
        self.refresher = RefreshWhenShown(self, self.refresh)
        bus.data_changed.connect(self._data_changed)
        self.refresh()

    # -- loading -------------------------------------------------------------------------

    def refresh(self) -> None:
        db, lang, now = self.ctx.db, ui_language(), self.clock()
        self._reads.run(lambda: load_overview(db, lang, now), self._ready)

    def _data_changed(self, tables: frozenset[str], origin: str) -> None:
        if not tables or tables & WATCHED_TABLES:
            self.refresher.request()

    def _ready(self, data: OverviewData) -> None:
        self.data = data
        figures = data.figures
        self.as_of.setText(
            self.tr("Keadaan per %1").replace("%1", format_datetime(figures.as_of, ui_language()))
        )
        self.total_card.set_value(figures.total)
        self.open_card.set_value(figures.open_total)
        self.critical_card.set_value(figures.open_by_severity[3] + figures.open_by_severity[2])
        self.recent_card.set_value(figures.last_24h)
        self.alert_card.set_value(len(figures.regions_on_alert))

        statuses = overview.STATUS_ORDER
        lines = [
            SeverityLine(sev, tuple(figures.count(severity=sev, status=st) for st in statuses))
            for sev in reversed(SEVERITIES)
        ]
        lines.append(SeverityLine(None, tuple(figures.count(status=st) for st in statuses)))
        self.matrix_model.set_records(lines)
        self.alert_model.set_records(figures.regions_on_alert)
        self.alert_view.setVisible(bool(figures.regions_on_alert))
        self.no_alert.setVisible(not figures.regions_on_alert)
        self._fill_chart(data)
        self.loaded.emit()

    def _fill_chart(self, data: OverviewData) -> None:
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        figures = data.figures
        series = QStackedBarSeries()
        lang = ui_language()
        peak = max((day.total for day in figures.daily), default=0)
        for n, code in enumerate(figures.categories):
            bar_set = QBarSet(data.category_labels.get(code, code))
            bar_set.setColor(QColor(CATEGORY_COLOURS[n % len(CATEGORY_COLOURS)]))
            bar_set.setBorderColor(QColor("#ffffff"))
            for day in figures.daily:
                bar_set.append(day.by_category.get(code, 0))
            series.append(bar_set)
        series.setBarWidth(0.7)
        chart.addSeries(series)
        days = QBarCategoryAxis()
        days.append([format_short_date(d.day, lang).rsplit(" ", 1)[0] for d in figures.daily])
        counts = QValueAxis()
        top, step = count_scale(peak)
        counts.setRange(0, top)
        counts.setTickCount(top // step + 1)  # a whole number at every line
        counts.setLabelFormat("%d")
        counts.setTitleText(self.tr("Insiden"))
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(days)
        series.attachAxis(counts)

    # -- remembered layout ---------------------------------------------------------------

    def save_state(self, settings: Settings) -> None:
        settings.save_splitter("overview", self.splitter)
        settings.save_splitter("overview_lower", self.lower_splitter)

    def restore_state(self, settings: Settings) -> None:
        if not settings.restore_splitter("overview", self.splitter):
            self.splitter.setSizes([520, 250])
        if not settings.restore_splitter("overview_lower", self.lower_splitter):
            self.lower_splitter.setSizes([900, 440])

    def focus_search(self) -> None:
        self.matrix_view.setFocus()
