"""The Ringkasan tab: figures, the severity × status table, the chart, regions on alert."""

from __future__ import annotations

from pathlib import Path

from desk_helpers import HeldTasks, make_incident
from PySide6.QtCharts import QStackedBarSeries, QValueAxis
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import incidents, regions
from desk_app.services.actor import Actor
from desk_app.ui.bus import DataBus
from desk_app.ui.overview_tab import OverviewTab, count_scale
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner


def _tab(qtbot: QtBot, ctx: AppContext, bus: DataBus, tmp_path: Path) -> OverviewTab:
    tab = OverviewTab(ctx, bus, TaskRunner(synchronous=True), Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    return tab


def test_figures_table_chart_and_regions(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    make_incident(ctx, admin, severity=4, category="KAMTIB")
    make_incident(ctx, admin, severity=3, category="HOAKS", title="Hoaks DPT")
    closed = make_incident(ctx, admin, severity=1, category="HOAKS", title="Baliho", hours_ago=72)
    with ctx.db.write() as session:
        incidents.change_status(session, admin, closed, "tidak_valid", "bukan insiden")
        regions.set_alert_level(session, admin, "33.74", "awas", "kerusuhan")
        regions.set_alert_level(session, admin, "33.01", "siaga", "bentrok")
    tab = _tab(qtbot, ctx, DataBus(), tmp_path)

    assert tab.total_card.value.text() == "3"
    assert tab.open_card.value.text() == "2"
    assert tab.critical_card.value.text() == "2"
    assert tab.recent_card.value.text() == "2"
    assert tab.alert_card.value.text() == "2"

    lines = tab.matrix_model.records()
    assert [line.severity for line in lines] == [4, 3, 2, 1, None]
    headers = [
        tab.matrix_model.headerData(c, tab.matrix_view.horizontalHeader().orientation())
        for c in range(tab.matrix_model.columnCount())
    ]
    assert headers[0] == "Keparahan" and "Tidak valid" in headers and headers[-1] == "Jumlah"
    invalid = headers.index("Tidak valid")
    assert tab.matrix_model.index(3, 0).data() == "Rendah"
    assert tab.matrix_model.index(3, invalid).data() == "1"
    assert tab.matrix_model.index(4, len(headers) - 1).data() == "3"

    series = tab.chart.series()
    assert len(series) == 1 and isinstance(series[0], QStackedBarSeries)
    sets = {s.label(): s for s in series[0].barSets()}
    assert "Gangguan keamanan dan ketertiban" in sets
    kamtib = sets["Gangguan keamanan dan ketertiban"]
    assert kamtib.count() == 14
    assert sum(kamtib.at(i) for i in range(14)) == 1
    hoaks = sets["Hoaks / disinformasi"]
    assert sum(hoaks.at(i) for i in range(14)) == 2

    assert [r.code for r in tab.alert_model.records()] == ["33.74", "33.01"]
    assert tab.alert_model.index(0, 2).data() == "Awas"
    assert not tab.no_alert.isVisibleTo(tab)


def test_refreshes_when_incidents_change(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    bus = DataBus()
    tab = _tab(qtbot, ctx, bus, tmp_path)
    assert tab.total_card.value.text() == "0"
    assert tab.no_alert.isVisibleTo(tab)
    make_incident(ctx, admin)
    with qtbot.waitSignal(tab.loaded, timeout=1000):
        bus.notify({"incident"})
    assert tab.total_card.value.text() == "1"
    # Changes to unrelated tables do not reload it.
    with qtbot.assertNotEmitted(tab.loaded):
        bus.notify({"contact"})


def test_models_pass_the_model_tester(
    qtmodeltester, qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    make_incident(ctx, admin)
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "awas", "kerusuhan")
    tab = _tab(qtbot, ctx, DataBus(), tmp_path)
    qtmodeltester.check(tab.matrix_model, force_py=True)
    qtmodeltester.check(tab.alert_model, force_py=True)


def test_the_count_axis_shows_whole_numbers_once_each(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    tab = _tab(qtbot, ctx, DataBus(), tmp_path)  # no incident in the last 14 days
    (axis,) = [a for a in tab.chart.axes() if isinstance(a, QValueAxis)]
    assert (axis.min(), axis.max(), axis.tickCount()) == (0, 2, 3)  # 0, 1, 2: not 0, 0, 1, 1
    for peak in [*range(0, 60), 99, 100, 101, 999, 5000, 123_456]:
        top, step = count_scale(peak)
        assert top > peak and top % step == 0 and 2 <= top // step <= 8
        assert str(step).strip("0") in ("1", "2", "5")


def test_an_older_read_answering_last_is_dropped(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    runner = HeldTasks()
    tab = OverviewTab(ctx, DataBus(), runner, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    work, done, _failed = runner.held.pop()
    stale = work()  # read before the incident was made
    make_incident(ctx, admin, severity=4, category="KAMTIB")
    tab.refresh()
    runner.finish()
    assert tab.total_card.value.text() == "1"
    done(stale)  # the older answer, with no incident, comes last: dropped
    assert tab.total_card.value.text() == "1"
