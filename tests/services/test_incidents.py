"""Incidents through the services: accepted and refused paths, search, refs, merge."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.models import AuditEntry, FollowUp, Incident, IncidentStatusChange
from desk_app.services import incident_duplicates
from desk_app.services import incidents as svc
from desk_app.services.actor import Actor
from desk_app.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    TransitionNotAllowedError,
    ValidationError,
)


def valid(**changes: object) -> svc.IncidentInput:
    data = svc.IncidentInput(
        title="Hoaks surat suara tercoblos",
        region_code="33.74",
        category="HOAKS",
        severity=3,
        source_type="MEDSOS",
        kecamatan="Tembalang",
        desa="Bulusan",
        description="Video beredar di grup WhatsApp warga.",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def create(ctx: AppContext, actor: Actor, **changes: object) -> svc.IncidentDetail:
    with ctx.db.write() as s:
        return svc.create_incident(s, actor, valid(**changes))


def row_counts(ctx: AppContext) -> tuple[int, ...]:
    with ctx.db.read() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Incident, IncidentStatusChange, FollowUp, AuditEntry)
        )


def _link_verdict(is_link: Callable[[str], bool], link: str) -> bool | str:
    try:
        return is_link(link)
    except ValueError as exc:  # urlsplit refuses some hosts (brackets, NFKC tricks)
        return f"ValueError: {exc}"


_LINK_PARTS = st.sampled_from(
    [
        *"aZ09.-_~%!$&'()*+,;=:@/?#[] \t\n\r\x00\x7fé\u2100\uff0f\uff20\uff41",
        *("http", "https", "HTTP", "Https", "ftp", "://", ":/", "//", "www.", "[::1]"),
    ]
)
_LINKS = st.one_of(
    st.text(),
    st.lists(_LINK_PARTS, max_size=12).map("".join),
    st.tuples(
        st.sampled_from(["http://", "https://", "HTTP://", " https://", "http:/", "https:"]),
        st.lists(_LINK_PARTS, max_size=8).map("".join),
        st.text(max_size=20),
    ).map("".join),
)


@given(_LINKS)
@settings(max_examples=3000, deadline=None)
@example("https://example.org/post/1")
@example("http://[::1]/")
@example("http://a]b/")
@example("https://")
@example("https://host name/")
@example("http://\u2100/")
def test_a_link_s_quick_check_says_what_urlsplit_says(link: str) -> None:
    """``is_web_link`` answers plain addresses without ``urlsplit``: always as it would."""
    assert _link_verdict(svc.is_web_link, link) == _link_verdict(svc._is_web_link_split, link)


def test_create_gives_a_reference_with_the_workstation_code(ctx: AppContext, admin: Actor) -> None:
    first = create(ctx, admin)
    second = create(ctx, admin, title="Bentrokan pendukung", category="KAMTIB")
    year = first.reported_at.astimezone(UTC).year
    assert first.ref == f"GB1-{year}-00001"
    assert second.ref == f"GB1-{year}-00002"
    assert first.status == "baru"
    assert first.allowed_transitions == ("terverifikasi", "tidak_valid")


def test_refs_from_two_workstations_never_collide(tmp_path: Path) -> None:
    refs: set[str] = set()
    for name in ("a", "b"):
        ctx = open_context(tmp_path / name)
        actor = sign_in_as(ctx, "admin")
        for _ in range(5):
            refs.add(create(ctx, actor).ref)
        ctx.close()
    assert len(refs) == 10


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"title": "   "}, "title", "required"),
        ({"title": "x" * 301}, "title", "too_long"),
        ({"title": "ada\x00nul"}, "title", "invalid_characters"),
        ({"region_code": ""}, "region", "required"),
        ({"region_code": "33.99"}, "region", "unknown_region"),
        ({"category": "GOSIP"}, "category", "unknown_category"),
        ({"category": "NETRALITAS"}, "neutrality_subject", "required"),
        ({"severity": 5}, "severity", "severity_range"),
        ({"severity": None}, "severity", "required"),
        ({"source_type": ""}, "source_type", "required"),
        ({"link": "javascript:alert(1)"}, "link", "invalid_link"),
        ({"occurred_at": datetime.now(UTC) + timedelta(days=2)}, "occurred_at", "in_future"),
        ({"occurred_at": datetime(1990, 1, 1, tzinfo=UTC)}, "occurred_at", "too_early"),
        ({"occurred_at": datetime(2024, 11, 1, 12, 0)}, "occurred_at", "timezone_required"),
    ],
)
def test_invalid_input_is_refused_and_nothing_is_written(
    ctx: AppContext, admin: Actor, changes: dict[str, object], field: str, code: str
) -> None:
    before = row_counts(ctx)
    with pytest.raises(ValidationError) as err, ctx.db.write() as s:
        svc.create_incident(s, admin, valid(**changes))
    assert err.value.errors[field] == code
    assert row_counts(ctx) == before


def test_neutrality_case_keeps_its_subject(ctx: AppContext, admin: Actor) -> None:
    d = create(ctx, admin, category="NETRALITAS", neutrality_subject="KADES")
    assert d.neutrality_subject == "KADES"
    other = create(ctx, admin, category="HOAKS", neutrality_subject="KADES")
    assert other.neutrality_subject is None


def test_pasting_a_link_fills_the_platform(ctx: AppContext, admin: Actor) -> None:
    d = create(ctx, admin, link="https://vt.tiktok.com/ZS123/")
    assert d.platform == "TIKTOK"
    assert svc.detect_platform("https://m.facebook.com/story.php?id=1") == "FACEBOOK"
    assert svc.detect_platform("https://example.org/x") is None


def test_status_transitions_allowed_and_refused(
    ctx: AppContext, operator: Actor, coordinator: Actor
) -> None:
    d = create(ctx, operator)
    with pytest.raises(TransitionNotAllowedError), ctx.db.write() as s:
        svc.change_status(s, coordinator, d.id, "selesai", "langsung selesai")
    with pytest.raises(PermissionDeniedError), ctx.db.write() as s:
        svc.change_status(s, operator, d.id, "terverifikasi", "operator memverifikasi")
    with pytest.raises(ValidationError) as err, ctx.db.write() as s:
        svc.change_status(s, coordinator, d.id, "terverifikasi", "  ")
    assert err.value.errors == {"note": "required"}
    with ctx.db.write() as s:
        d = svc.change_status(s, coordinator, d.id, "terverifikasi", "Sudah dicek ke lapangan")
        d = svc.change_status(s, operator, d.id, "ditindaklanjuti", "Koordinasi Polres")
        d = svc.change_status(s, operator, d.id, "selesai", "Situasi kondusif")
        d = svc.change_status(s, operator, d.id, "dibuka_kembali", "Muncul lagi")
    assert d.status == "dibuka_kembali"
    assert [(h.from_status, h.to_status) for h in d.status_history] == [
        ("baru", "terverifikasi"),
        ("terverifikasi", "ditindaklanjuti"),
        ("ditindaklanjuti", "selesai"),
        ("selesai", "dibuka_kembali"),
    ]
    assert d.status_history[0].by == "koordinator"


def test_bulk_status_change_is_all_or_nothing(ctx: AppContext, coordinator: Actor) -> None:
    a = create(ctx, coordinator)
    b = create(ctx, coordinator)
    with ctx.db.write() as s:
        svc.change_status(s, coordinator, b.id, "tidak_valid", "Bukan insiden")
    with pytest.raises(TransitionNotAllowedError), ctx.db.write() as s:
        svc.change_status_many(s, coordinator, [a.id, b.id], "terverifikasi", "cek")
    with ctx.db.read() as s:
        assert svc.get_incident(s, coordinator, a.id).status == "baru"
    with ctx.db.write() as s:
        assert svc.change_status_many(s, coordinator, [a.id], "terverifikasi", "cek") == 1


def test_follow_ups_are_appended(ctx: AppContext, operator: Actor) -> None:
    d = create(ctx, operator)
    with ctx.db.write() as s:
        svc.add_follow_up(s, operator, d.id, "TAKEDOWN", "Diajukan ke Diskominfo")
        svc.add_follow_up(s, operator, d.id, "KONTRA_NARASI", "Klarifikasi diunggah")
    with pytest.raises(ValidationError) as err, ctx.db.write() as s:
        svc.add_follow_up(s, operator, d.id, "TELEPATI", "")
    assert err.value.errors == {"type": "unknown_follow_up_type", "note": "required"}
    with ctx.db.read() as s:
        detail = svc.get_incident(s, operator, d.id)
    assert [f.type for f in detail.follow_ups] == ["TAKEDOWN", "KONTRA_NARASI"]


def test_update_writes_versions_and_audit(ctx: AppContext, admin: Actor) -> None:
    d = create(ctx, admin)
    with ctx.db.write() as s:
        svc.edit_fields(s, admin, d.id, severity=4, title="Hoaks surat suara (video)")
    with ctx.db.read() as s:
        row = s.get(Incident, d.id)
        assert row is not None
        assert set(row.versions) == {"severity", "title"}
        assert row.versions["severity"] > row.origin_version
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.record_id == d.id).order_by(AuditEntry.created_at)
        ).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["severity"] == [3, 4]


def test_delete_is_a_tombstone_and_coordinators_only(
    ctx: AppContext, operator: Actor, coordinator: Actor
) -> None:
    d = create(ctx, operator)
    with pytest.raises(PermissionDeniedError), ctx.db.write() as s:
        svc.delete_incident(s, operator, d.id)
    with ctx.db.write() as s:
        svc.delete_incident(s, coordinator, d.id)
    with ctx.db.read() as s:
        row = s.get(Incident, d.id)
        assert row is not None and row.deleted
        with pytest.raises(NotFoundError):
            svc.get_incident(s, coordinator, d.id)
        assert svc.count_incidents(s, svc.IncidentFilter()) == 0


def test_full_text_search_follows_updates_and_deletes(ctx: AppContext, coordinator: Actor) -> None:
    d = create(ctx, coordinator, title="Spanduk provokatif di Banyumanik", category="PROVOKASI")

    def found(text: str) -> list[str]:
        with ctx.db.read() as s:
            return [r.ref for r in svc.list_incidents(s, svc.IncidentFilter(search=text))]

    assert found("spanduk") == [d.ref]
    assert found("provoka") == [d.ref]  # prefix, as you type
    assert found("Bulusan") == [d.ref]  # the desa is searchable too
    with ctx.db.write() as s:
        svc.edit_fields(s, coordinator, d.id, title="Baliho provokatif di Banyumanik")
    assert found("spanduk") == []
    assert found("baliho") == [d.ref]
    assert found('"; DROP TABLE incident; --') == []
    with ctx.db.write() as s:
        svc.delete_incident(s, coordinator, d.id)
    assert found("baliho") == []


def test_filters_sort_and_paging(ctx: AppContext, admin: Actor) -> None:
    base = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
    for i in range(6):
        create(
            ctx,
            admin,
            region_code="33.74" if i % 2 else "33.11",
            severity=1 + i % 4,
            occurred_at=base + timedelta(hours=i),
            reported_at=base + timedelta(hours=i, minutes=5),
            title=f"Kejadian {i}",
        )
    with ctx.db.read() as s:
        semarang = svc.list_incidents(s, svc.IncidentFilter(region_codes=("33.74",)))
        assert [r.title for r in semarang] == ["Kejadian 5", "Kejadian 3", "Kejadian 1"]
        assert svc.count_incidents(s, svc.IncidentFilter(region_codes=("33.74",))) == 3
        oldest = svc.list_incidents(s, svc.IncidentFilter(descending=False), offset=1, limit=2)
        assert [r.title for r in oldest] == ["Kejadian 1", "Kejadian 2"]
        window = svc.IncidentFilter(
            date_from=base + timedelta(hours=2), date_to=base + timedelta(hours=4)
        )
        assert {r.title for r in svc.list_incidents(s, window)} == {"Kejadian 2", "Kejadian 3"}
        severe = svc.list_incidents(s, svc.IncidentFilter(severities=(4,), sort="severity"))
        assert [r.title for r in severe] == ["Kejadian 3"]
        assert svc.place_completions(s, "kecamatan", "Temb") == ["Tembalang"]


def test_possible_duplicates_and_merge(ctx: AppContext, coordinator: Actor) -> None:
    first = create(ctx, coordinator, link="https://x.com/akun/status/77")
    with ctx.db.write() as s:
        svc.add_follow_up(s, coordinator, first.id, "TAKEDOWN", "Diajukan")
    with ctx.db.read() as s:
        same_link = incident_duplicates.possible_duplicates(
            s, valid(link="https://x.com/akun/status/77")
        )
        similar = incident_duplicates.possible_duplicates(
            s, valid(title="Hoaks surat suara sudah tercoblos")
        )
        unrelated = incident_duplicates.possible_duplicates(
            s, valid(title="Banjir di Demak", description="")
        )
    assert [c.reason for c in same_link] == ["same_link"]
    assert [c.id for c in similar] == [first.id]
    assert unrelated == []
    second = create(ctx, coordinator, region_code="33.11")
    with ctx.db.write() as s:
        merged = svc.merge_incidents(s, coordinator, second.id, first.id)
    assert merged.sources == ((first.ref, "https://x.com/akun/status/77"),)
    assert "TAKEDOWN" in [f.type for f in merged.follow_ups]
    with ctx.db.read() as s:
        assert svc.count_incidents(s, svc.IncidentFilter()) == 1


def test_merge_candidates_by_likeness_number_or_words(ctx: AppContext, coordinator: Actor) -> None:
    keep = create(ctx, coordinator)
    twin = create(ctx, coordinator, title="Hoaks surat suara sudah tercoblos")
    banjir = create(ctx, coordinator, title="Banjir di Demak", description="Tanggul jebol.")
    gone = create(ctx, coordinator, title="Banjir di Kudus", description="Air naik.")
    with ctx.db.write() as s:
        svc.merge_incidents(s, coordinator, twin.id, gone.id)
    with ctx.db.read() as s:
        likely = incident_duplicates.merge_candidates(s, keep.id)
        by_number = incident_duplicates.merge_candidates(s, keep.id, banjir.ref.lower()[:-1])
        by_words = incident_duplicates.merge_candidates(s, keep.id, "banjir")
        itself = incident_duplicates.merge_candidates(s, keep.id, keep.ref)
        nothing = incident_duplicates.merge_candidates(s, keep.id, "gempa")
    assert [c.id for c in likely] == [twin.id]
    # A number's beginning, in any case: every incident numbered so, but never the kept
    # one, a merged one or a deleted one.
    assert banjir.id in [c.id for c in by_number] and keep.id not in [c.id for c in by_number]
    assert {c.reason for c in by_number} <= {"ref", "search"}
    assert [c.id for c in by_words] == [banjir.id]  # Kudus was merged away
    assert itself == [] and nothing == []
    with ctx.db.read() as s, pytest.raises(NotFoundError):
        incident_duplicates.merge_candidates(s, gone.id)


def test_personal_data_is_masked_for_roles_that_may_not_see_it(
    ctx: AppContext, admin: Actor
) -> None:
    d = create(ctx, admin, reporter_name="Sutrisno", reporter_contact="081234567890")
    masked_actor = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    with ctx.db.read() as s:
        shown = svc.get_incident(s, masked_actor, d.id)
    assert "081234567890" not in (shown.reporter_contact, shown.reporter_name)
    # Saving a masked form keeps the data it never showed.
    with ctx.db.write() as s:
        svc.edit_fields(s, masked_actor, d.id, severity=2)
    with ctx.db.read() as s:
        assert svc.get_incident(s, admin, d.id).reporter_contact == "081234567890"


def test_search_waits_for_the_second_letter_of_a_word() -> None:
    assert svc.fts_query("h") is None
    assert svc.fts_query(" !? ") is None
    assert svc.fts_query("ho") == '"ho"*'
    # "s*" would match most of the table: the word typed before it is searched alone.
    assert svc.fts_query("surat s") == svc.fts_query("surat") == '"surat"*'
    assert svc.fts_query("surat su") == '"surat" "su"*'
    assert svc.fts_query('hoaks" OR s') == '"hoaks" "OR"*'


# --- searching a big table: two plans, the same rows ----------------------------------


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """A few thousand demo incidents, some deleted or merged away, two at the same
    moment: enough for the search plans to differ, small enough to seed in a second."""
    from desk_app.demo import seed_demo

    context = open_context(tmp_path_factory.mktemp("demo"), workstation_code="GB1")
    actor = sign_in_as(context, "admin")
    seed_demo(context.db, incidents=2000, seed=3)
    with context.db.read() as s:
        hoaks = svc.list_incidents(s, svc.IncidentFilter(search="hoaks"), limit=6)
    with context.db.write() as s:
        svc.delete_incident(s, actor, hoaks[0].id)
        svc.merge_incidents(s, actor, hoaks[1].id, hoaks[2].id)
    moment = hoaks[3].occurred_at
    for title in ("Hoaks raksasa kembar pertama", "Hoaks raksasa kembar kedua"):
        create(context, actor, title=title, occurred_at=moment, reported_at=moment)
    yield context
    context.close()


SEARCH_FILTERS = [
    svc.IncidentFilter(search="hoaks"),
    svc.IncidentFilter(search="ho"),
    svc.IncidentFilter(search="surat su"),
    svc.IncidentFilter(search="desa"),
    svc.IncidentFilter(search="raksasa"),
    svc.IncidentFilter(search="hoaks", region_codes=("33.74",)),
    svc.IncidentFilter(search="desa", region_codes=("33.23",), statuses=("selesai",)),
    svc.IncidentFilter(search="hoaks", categories=("HOAKS",), severities=(4,)),
    svc.IncidentFilter(search="desa", descending=False),
    svc.IncidentFilter(search="desa", sort="ref"),
    svc.IncidentFilter(search="kampanye", sort="title"),
    svc.IncidentFilter(search="kan"),
    svc.IncidentFilter(search="an", descending=False),
    svc.IncidentFilter(search="surat su", sort="ref"),
    svc.IncidentFilter(search="pasang"),
    svc.IncidentFilter(
        search="desa",
        date_from=datetime(2024, 10, 1, tzinfo=UTC),
        date_to=datetime(2024, 11, 1, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize("flt", SEARCH_FILTERS, ids=lambda f: f"{f.search}-{f.sort}")
def test_both_search_plans_give_the_same_rows_in_the_same_order(
    demo_ctx: AppContext, flt: svc.IncidentFilter
) -> None:
    with demo_ctx.db.read() as s:
        total = svc.count_incidents(s, flt)
        for offset, limit in ((0, 200), (200, 200), (0, 7), (5, 3)):
            in_order = svc.list_incidents(s, flt, offset=offset, limit=limit, plan=svc.IN_ORDER)
            matches_first = svc.list_incidents(
                s, flt, offset=offset, limit=limit, plan=svc.MATCHES_FIRST
            )
            probing = svc.list_incidents(s, flt, offset=offset, limit=limit, plan=svc.PROBING)
            assert in_order == matches_first == probing
            assert len(in_order) == max(0, min(limit, total - offset))
    assert total > 0


def test_search_plan_reads_in_order_only_for_common_words(demo_ctx: AppContext) -> None:
    with demo_ctx.db.read() as s:
        common = svc.IncidentFilter(search="hoaks")
        assert svc.search_plan(s, common, 200) == svc.IN_ORDER
        assert svc.search_plan(s, common.with_(sort="ref", descending=False), 200) == (svc.IN_ORDER)
        # A rare word: its matches are fetched and sorted, not looked for in a scan.
        assert svc.search_plan(s, svc.IncidentFilter(search="raksasa"), 200) == (svc.MATCHES_FIRST)
        # No index in the title's order: every match is sorted either way.
        assert svc.search_plan(s, common.with_(sort="title"), 200) == svc.MATCHES_FIRST
        assert svc.search_plan(s, svc.IncidentFilter(), 200) == svc.MATCHES_FIRST
        assert svc.search_plan(s, svc.IncidentFilter(search="h"), 200) == svc.MATCHES_FIRST
        # A run of letters in most incidents: each one read in order is asked about.
        assert svc.search_plan(s, svc.IncidentFilter(search="kan"), 200) == svc.PROBING
        # Only words of one or two letters: the whole-word index, gathered as before.
        assert svc.search_plan(s, svc.IncidentFilter(search="di"), 200) == svc.IN_ORDER
        # Deep pages need more matches before a scan in order pays.
        assert svc.search_plan(s, common, 100_000) == svc.MATCHES_FIRST


def test_the_demo_raises_the_busiest_regions_step_by_step(demo_ctx: AppContext) -> None:
    from desk_app.models import AlertLevelChange, Region

    with demo_ctx.db.read() as s:
        levels = dict(s.execute(select(Region.code, Region.alert_level)).all())
        changes = s.execute(
            select(Region.code, AlertLevelChange.from_level, AlertLevelChange.to_level,
                   AlertLevelChange.created_at, AlertLevelChange.reason)
            .join(Region, Region.id == AlertLevelChange.region_id)
            .order_by(AlertLevelChange.created_at)
        ).all()  # fmt: skip
    raised = {code: level for code, level in levels.items() if level != "kondusif"}
    assert sorted(raised.values()).count("awas") == 2 and len(raised) == 8
    steps = ["kondusif", "waspada", "siaga", "awas"]
    for code, level in raised.items():
        path = [(c.from_level, c.to_level) for c in changes if c.code == code]
        expected = steps[: steps.index(level) + 1]
        assert path == list(itertools.pairwise(expected))
    # Dated in the demo's last days, not on the day it was seeded, with a reason.
    assert all(c.created_at.year == 2024 and c.reason.startswith("Demo: ") for c in changes)


def test_the_demo_s_alert_levels_are_the_same_on_every_desk(tmp_path: Path) -> None:
    """Two desks seeding the same demo make the same rows, so a sync does not double them."""
    from desk_app.demo import seed_demo
    from desk_app.models import AlertLevelChange

    made = []
    for name in ("a", "b"):
        context = open_context(tmp_path / name)
        seed_demo(context.db, incidents=300, seed=5)
        with context.db.read() as s:
            made.append(
                sorted(
                    s.execute(
                        select(
                            AlertLevelChange.id,
                            AlertLevelChange.to_level,
                            AlertLevelChange.created_at,
                        )
                    ).all()
                )
            )
        context.close()
    assert made[0] and made[0] == made[1]
