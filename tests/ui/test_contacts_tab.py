"""The Kontak tab, its model and form."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import Contact
from desk_app.services import contacts, importing
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactInput
from desk_app.ui.bus import DataBus
from desk_app.ui.contact_form import ContactForm
from desk_app.ui.contacts_model import COLUMNS, ContactsModel
from desk_app.ui.contacts_tab import ContactsTab, EngagementDialog
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner


def _add(ctx: AppContext, actor: Actor, name: str, **kw: object) -> str:
    data = ContactInput(name=name, category="TOKOH_AGAMA")
    for key, value in kw.items():
        setattr(data, key, value)
    with ctx.db.write() as s:
        return contacts.create_contact(s, actor, data).row.id


def _count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Contact).where(~Contact.deleted)) or 0)


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> ContactsTab:
    widget = ContactsTab(ctx, DataBus(), TaskRunner(synchronous=True), None)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def test_model_passes_qtmodeltester(qtmodeltester, ctx: AppContext, admin: Actor) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        _add(ctx, admin, f"Kontak {i}", phones=["0812-3456-789" + str(i)])
    model = ContactsModel(ctx.db, TaskRunner(synchronous=True), admin)
    model.PAGE = 2
    model.reload()
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 5


def test_a_bad_phone_number_is_refused_with_a_message(qtbot: QtBot, ctx: AppContext) -> None:
    form = ContactForm(ctx)
    qtbot.addWidget(form)
    form.name.setText("Ahmad Fauzi")
    form.category.set_code("TOKOH_AGAMA")
    form.phones.setPlainText("0812-3456-7890\n12345")
    form.submit()
    assert _count(ctx) == 0
    assert form.errors["phones"].text().startswith("Nomor telepon tidak sah")
    assert form.errors["phones"].isVisibleTo(form)
    form.phones.setPlainText("0812-3456-7890\n+62 24 8311111")
    form.whatsapp.setText("0812 3456 7890")
    saved: list[str] = []
    form.saved.connect(saved.append)
    form.submit()
    with ctx.db.read() as s:
        data = contacts.input_of(s, saved[0])
    assert data.phones == ["+6281234567890", "+62248311111"]
    assert data.whatsapp == "+6281234567890"


def test_required_fields_marked_and_checked(qtbot: QtBot, ctx: AppContext) -> None:
    form = ContactForm(ctx)
    qtbot.addWidget(form)
    form.email.setText("bukan-email")
    form.submit()
    assert form.errors["name"].text() == "Wajib diisi."
    assert form.errors["category"].text() == "Wajib diisi."
    assert form.errors["email"].text() == "Alamat e-mail tidak sah."
    assert _count(ctx) == 0


def test_filters_and_search_show_the_right_rows(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: ContactsTab
) -> None:
    _add(ctx, admin, "Ahmad Fauzi", forums=["FKUB"], region_codes=["33.74"])
    _add(ctx, admin, "Budi Santoso", category="MEDIA", organisation="Suara Merdeka")
    _add(ctx, admin, "Citra Lestari", province_wide=True, forums=["FKDM"])
    tab.apply_filters(force=True)
    assert tab.model.rowCount() == 3
    tab.forum.set_code("FKUB")
    assert [r.name for r in tab.model.loaded_rows()] == ["Ahmad Fauzi"]
    tab.forum.set_code("")
    tab.region.set_code("33.74")
    assert [r.name for r in tab.model.loaded_rows()] == ["Ahmad Fauzi", "Citra Lestari"]
    tab.region.set_code("")
    tab.category.set_code("MEDIA")
    assert [r.name for r in tab.model.loaded_rows()] == ["Budi Santoso"]
    tab.category.set_code("")
    qtbot.keyClicks(tab.search, "merdeka")
    qtbot.waitUntil(lambda: [r.name for r in tab.model.loaded_rows()] == ["Budi Santoso"])


def test_the_directory_sorts_by_name_position_organisation_or_category(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: ContactsTab, tmp_path: Path
) -> None:
    _add(ctx, admin, "Ahmad Fauzi", organisation="PCNU Kota Semarang", position="Ketua")
    _add(ctx, admin, "Budi Santoso", organisation="Suara Merdeka", category="MEDIA")
    _add(ctx, admin, "Citra Lestari", organisation="FKUB Jawa Tengah", position="Anggota")
    tab.apply_filters(force=True)

    def names() -> list[str]:
        return [r.name for r in tab.model.loaded_rows()]

    header = tab.table.horizontalHeader()
    assert names() == ["Ahmad Fauzi", "Budi Santoso", "Citra Lestari"]
    organisation = COLUMNS.index("organisation")
    header.setSortIndicator(organisation, Qt.SortOrder.AscendingOrder)  # a header click
    assert names() == ["Citra Lestari", "Ahmad Fauzi", "Budi Santoso"]
    header.setSortIndicator(organisation, Qt.SortOrder.DescendingOrder)
    assert names() == ["Budi Santoso", "Ahmad Fauzi", "Citra Lestari"]
    # The search keeps the order; a column it cannot sort by (phone) changes nothing.
    qtbot.keyClicks(tab.search, "a")
    tab.apply_filters()
    assert names() == ["Budi Santoso", "Ahmad Fauzi", "Citra Lestari"]
    header.setSortIndicator(COLUMNS.index("phone"), Qt.SortOrder.AscendingOrder)
    assert names() == ["Budi Santoso", "Ahmad Fauzi", "Citra Lestari"]
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        organisation,
        Qt.SortOrder.DescendingOrder,
    )
    # The order is remembered with the table's layout.
    settings = Settings(tmp_path / "s.ini")
    tab.save_state(settings)
    again = ContactsTab(ctx, DataBus(), TaskRunner(synchronous=True), None)
    qtbot.addWidget(again)
    again.restore_state(settings)
    assert [r.name for r in again.model.loaded_rows()] == names()


def test_actions_whatsapp_copy_email_and_engagement(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    tab: ContactsTab,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(
        ctx,
        admin,
        "Ahmad Fauzi",
        phones=["0812-3456-7890"],
        whatsapp="0813-1111-2222",
        email="ahmad@example.org",
    )
    tab.apply_filters(force=True)
    tab.table.selectRow(0)
    assert tab.detail is not None
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    tab.open_whatsapp()
    tab.send_email()
    assert opened == ["https://wa.me/6281311112222", "mailto:ahmad@example.org"]
    tab.copy_number()
    assert QGuiApplication.clipboard().text() == "+62 812-3456-7890"

    def fake_exec(dialog: EngagementDialog) -> int:
        dialog.type.set_code("PERTEMUAN")
        dialog.summary.setPlainText("Rapat FKUB membahas masa tenang")
        return 1

    monkeypatch.setattr(EngagementDialog, "exec", fake_exec)
    tab.log_engagement()
    assert "Rapat FKUB membahas masa tenang" in tab.engagements.toPlainText()


def test_personal_data_hidden_from_roles_not_allowed(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    _add(ctx, admin, "Ahmad Fauzi", phones=["0812-3456-7890"], email="ahmad@example.org")
    ctx.actor = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    tab = ContactsTab(ctx, DataBus(), TaskRunner(synchronous=True), None)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    text = tab.info.toPlainText()
    assert "3456" not in text and "ahmad@example.org" not in text and "•••890" in text
    assert not tab.whatsapp_button.isEnabled() and not tab.copy_button.isEnabled()
    assert tab.model.data(tab.model.index(0, COLUMNS.index("phone"))) == "•••890"
    assert "telepon" not in tab.search.placeholderText()  # nor can it search by them


def test_social_accounts_hidden_from_roles_not_allowed(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    contact_id = _add(ctx, admin, "Ahmad Fauzi", social={"instagram": "@fauzi.semarang"})
    ctx.actor = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    tab = ContactsTab(ctx, DataBus(), TaskRunner(synchronous=True), None)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    text = tab.info.toPlainText()
    assert "fauzi.semarang" not in text and "Media sosial\n•••" in text
    form = ContactForm(ctx, contact_id)
    qtbot.addWidget(form)
    assert "fauzi.semarang" not in form.social.toPlainText()
    assert form.social.isReadOnly() and form.address.isReadOnly()


def test_export_then_import_from_the_tab(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: ContactsTab, tmp_path: Path
) -> None:
    _add(ctx, admin, "Ahmad Fauzi", forums=["FKUB"], phones=["0812-3456-7890"])
    tab.apply_filters(force=True)
    done: list[int] = []
    tab.export_to(tmp_path / "k.vcf", done.append)
    assert done == [1]
    table = importing.read_table(tmp_path / "k.vcf")
    assert table.preview[0][1] == "Ahmad Fauzi"


def test_new_contact_and_focus_search(qtbot: QtBot, tab: ContactsTab) -> None:
    tab.show()
    form = tab.new_contact()
    assert form.isVisible()
    form.close()
    tab.activateWindow()
    tab.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tab.search)


def test_closing_a_changed_contact_form_asks_first(qtbot: QtBot, ctx: AppContext) -> None:
    from desk_helpers import AnsweringDialogs

    from desk_app.ui.context import UiContext
    from desk_app.ui.signin_dialog import QUITTING_PROPERTY

    dialogs = AnsweringDialogs()
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), dialogs=dialogs)
    answers = dialogs.answers
    untouched = ContactForm(ctx, ui=ui)
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and dialogs.asked == []  # nothing typed: nothing to ask

    form = ContactForm(ctx, ui=ui)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.name, "Ahmad Fauzi")
    answers.append(False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and form.name.text() == "Ahmad Fauzi"
    assert dialogs.asked == ["Isian formulir ini belum disimpan. Buang isian ini?"]
    answers.append(False)
    form.close()  # the window's close button
    assert form.isVisible() and len(dialogs.asked) == 2
    answers.append(True)
    form.close()
    assert not form.isVisible() and len(dialogs.asked) == 3

    # Quitting from the idle lock closes every window without a question nobody could
    # answer under the lock's cover.
    locked = ContactForm(ctx, ui=ui)
    qtbot.addWidget(locked)
    locked.show()
    qtbot.keyClicks(locked.name, "Budi")
    app = QApplication.instance()
    app.setProperty(QUITTING_PROPERTY, True)
    try:
        locked.close()
    finally:
        app.setProperty(QUITTING_PROPERTY, False)
    assert not locked.isVisible() and len(dialogs.asked) == 3


def test_the_contacts_table_reads_on_the_worker_and_drops_a_superseded_page(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    from desk_helpers import HeldTasks

    from desk_app.services.contacts import ContactFilter

    _add(ctx, admin, "Ahmad Fauzi")
    _add(ctx, admin, "Budi Santoso")
    runner = HeldTasks()
    model = ContactsModel(ctx.db, runner, admin)
    assert model.rowCount() == 0 and model.loading  # nothing read on the GUI thread
    model.set_filter(ContactFilter(search="Budi"))
    runner.finish(1)  # the newer query comes back first
    assert [r.name for r in model.loaded_rows()] == ["Budi Santoso"]
    runner.finish(0)  # the superseded one, cancelled, arrives late: not shown
    assert [r.name for r in model.loaded_rows()] == ["Budi Santoso"]
    assert not model.loading

    # The tab selects the first contact once the first page arrives.
    held = HeldTasks()
    tab = ContactsTab(ctx, DataBus(), held, None)
    qtbot.addWidget(tab)
    assert tab.detail is None
    held.finish()
    assert tab.detail is not None and tab.detail.row.name == "Ahmad Fauzi"


def test_the_detail_pane_never_shows_a_contact_the_search_left_out(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: ContactsTab
) -> None:
    _add(ctx, admin, "Ahmad Fauzi", phones=["081325667788"])
    _add(ctx, admin, "Budi Santoso", organisation="Suara Merdeka", phones=["(024) 8311174"])
    tab.apply_filters(force=True)
    qtbot.waitUntil(lambda: tab.detail is not None)
    assert tab.detail is not None and tab.detail.row.name == "Ahmad Fauzi"

    assert "nomor telepon" in tab.search.placeholderText()

    def shown() -> str | None:
        return tab.detail.row.name if tab.detail and tab.panel.isVisibleTo(tab) else None

    # A search that leaves the shown contact out: the pane follows the results.
    qtbot.keyClicks(tab.search, "merdeka")
    qtbot.waitUntil(lambda: [r.name for r in tab.model.loaded_rows()] == ["Budi Santoso"])
    assert shown() == "Budi Santoso"
    # A search that finds nobody: no contact in the pane.
    tab.search.clear()
    qtbot.keyClicks(tab.search, "tidak ada")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not tab.model.loading)
    assert shown() is None and tab.placeholder.isVisibleTo(tab)
    # By phone, in any form: the one found is the one shown.
    for typed in ("081325667788", "+62 813-2566-7788", "6281325667788", "0813 2566", "7788"):
        tab.search.clear()
        qtbot.keyClicks(tab.search, typed)
        qtbot.waitUntil(lambda: [r.name for r in tab.model.loaded_rows()] == ["Ahmad Fauzi"])
        assert shown() == "Ahmad Fauzi"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "024-831 1174")
    qtbot.waitUntil(lambda: [r.name for r in tab.model.loaded_rows()] == ["Budi Santoso"])
    assert shown() == "Budi Santoso"


def test_an_edit_that_takes_the_shown_contact_out_of_the_results_clears_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: ContactsTab
) -> None:
    ahmad = _add(ctx, admin, "Ahmad Fauzi", organisation="Suara Merdeka")
    tab.apply_filters(force=True)
    qtbot.keyClicks(tab.search, "merdeka")
    qtbot.waitUntil(lambda: tab.detail is not None and tab.model.filter.search == "merdeka")
    with ctx.db.write() as s:
        data = contacts.input_of(s, ahmad)
        data.organisation = "Kompas"
        contacts.update_contact(s, admin, ahmad, data)
    tab._on_data_changed(frozenset({"contact"}), "test")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0 and not tab.model.loading)
    assert tab.detail is None and not tab.panel.isVisibleTo(tab)


def test_forum_column_shows_the_forums_short_names_not_codes(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "Ahmad Fauzi", forums=["FKUB", "FORKOPIMDA", "KOMINDA"])
    model = ContactsModel(ctx.db, TaskRunner(synchronous=True), admin)
    model.reload()
    cell = model.index(0, COLUMNS.index("forums"))
    assert cell.data() == "FKUB, Forkopimda, Kominda"
    assert "FKUB (Forum Kerukunan Umat Beragama)" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.UserRole) == ["FKUB", "FORKOPIMDA", "KOMINDA"]


def test_region_column_names_regions_as_the_incidents_table_does(
    ctx: AppContext, admin: Actor
) -> None:
    """The contacts wrote "Banjarnegara" where the regions and incidents tables write
    "Kab. Banjarnegara" (and "Semarang" for the kabupaten, like the kota)."""
    _add(ctx, admin, "Ahmad Fauzi", region_codes=["33.04", "33.22", "33.74"])
    model = ContactsModel(ctx.db, TaskRunner(synchronous=True), admin)
    model.reload()
    cell = model.index(0, COLUMNS.index("regions"))
    assert cell.data() == "Kab. Banjarnegara, Kab. Semarang, Kota Semarang"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "Kabupaten Banjarnegara, Kabupaten Semarang, Kota Semarang"
    )
    assert cell.data(Qt.ItemDataRole.UserRole) == ["33.04", "33.22", "33.74"]
