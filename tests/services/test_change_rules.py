"""The hub's check of a pushed change: the services' rules, with the author's role as
the hub knows it. Pure: rows are dicts as they travel, the hub's state a dict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_app.hlc import Timestamp, wall_clock_ms
from desk_app.models import ELECTION_ID, setting_id
from desk_app.models.enums import STATUS_TRANSITIONS, IncidentStatus, Role, TaxonomyKind
from desk_app.services import auth
from desk_app.services.change_rules import (
    SECRET_FIELDS,
    TABLE_RULES,
    Author,
    Refusal,
    _decoded_version_millis,
    _Refused,
    _version_millis,
    changed_fields,
    check_change,
    personal_fields,
)
from desk_app.services.incidents import COORDINATOR_STATUSES
from desk_app.services.permissions import Action, role_allows
from desk_app.services.records import PERSONAL_MARK, SEED_VERSION
from desk_app.services.setup import region_id
from desk_app.services.taxonomy import term_id
from desk_app.services.text import clean_text

Row = dict[str, Any]

NOW = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)
NOW_MS = int(NOW.timestamp() * 1000)
SITE = "0b7a3c5e-1111-4222-8333-444455556666"
OTHER_SITE = "9c1d2e3f-1111-4222-8333-444455556666"

ADMIN_ID = "00000000-0000-4000-8000-000000000001"
ADMIN2_ID = "00000000-0000-4000-8000-000000000002"
COORD_ID = "00000000-0000-4000-8000-000000000003"
OPERATOR_ID = "00000000-0000-4000-8000-000000000004"
INCIDENT_ID = "00000000-0000-4000-8000-0000000000a1"
OTHER_INCIDENT_ID = "00000000-0000-4000-8000-0000000000a2"
CONTACT_ID = "00000000-0000-4000-8000-0000000000c1"
CONFLICT_ID = "00000000-0000-4000-8000-0000000000d1"
NEW_ID = "00000000-0000-4000-8000-0000000000f1"

REGION = region_id("33.74")
HASH = auth.HASHER.hash("rahasia-sekali")


def wire_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def hlc(offset_ms: int = 0, counter: int = 0, site: str = SITE) -> str:
    return Timestamp(NOW_MS + offset_ms, counter, site).encode()


CREATED = wire_time(NOW - timedelta(hours=1))
V0 = hlc(-3_600_000)
V1 = hlc(-60_000)


def author(user_id: str | None, role: Role | None, active: bool = True) -> Author:
    return Author(user_id, role, active)


ADMIN = author(ADMIN_ID, Role.ADMIN)
COORD = author(COORD_ID, Role.COORDINATOR)
OPERATOR = author(OPERATOR_ID, Role.OPERATOR)


# --- rows as they travel --------------------------------------------------------------


def mutable(row_id: str, by: str | None, **data: Any) -> Row:
    return {
        "id": row_id,
        "created_at": CREATED,
        "created_by": by,
        "updated_at": CREATED,
        "updated_by": by,
        "deleted": 0,
        "origin_version": V0,
        "versions": {},
        **data,
    }


def append_only(row_id: str, by: str | None, **data: Any) -> Row:
    return {
        "id": row_id,
        "created_at": CREATED,
        "created_by": by,
        "origin_version": V0,
        **data,
    }


def seeded(row: Row) -> Row:
    return {**row, "created_by": None, "updated_by": None, "origin_version": SEED_VERSION}


def term(kind: TaxonomyKind, code: str, active: bool = True) -> Row:
    return seeded(
        mutable(
            term_id(kind, code),
            None,
            kind=kind.value,
            code=code,
            name_id=code.title(),
            name_en=code.title(),
            active=int(active),
            sort_order=0,
        )
    )


def user(user_id: str, username: str, role: Role, active: bool = True, **more: Any) -> Row:
    return mutable(
        user_id,
        ADMIN_ID,
        username=username,
        full_name=username.title(),
        title="",
        role=role.value,
        active=int(active),
        password_hash=HASH,
        **more,
    )


def incident(by: str = OPERATOR_ID, **changes: Any) -> Row:
    return (
        mutable(
            INCIDENT_ID,
            by,
            ref="GB1-2024-00001",
            occurred_at=wire_time(NOW - timedelta(hours=3)),
            reported_at=wire_time(NOW - timedelta(hours=2)),
            region_id=REGION,
            kecamatan="Semarang Tengah",
            desa="",
            category="HOAKS",
            neutrality_subject=None,
            severity=2,
            source_type="MEDSOS",
            platform=None,
            link="https://facebook.com/posts/1",
            reporter_name="Budi Santoso",
            reporter_contact="0812 3456 7890",
            title="Hoaks pemungutan suara ulang",
            description="Unggahan menyebut pemungutan suara diulang.",
            status="baru",
            assigned_to=None,
            merged_into=None,
        )
        | changes
    )


def contact(by: str = OPERATOR_ID, **changes: Any) -> Row:
    return (
        mutable(
            CONTACT_ID,
            by,
            honorific="Bapak",
            name="Slamet Riyadi",
            position="Ketua",
            organisation="FKUB Kota Semarang",
            category="TOKOH_AGAMA",
            forums=json.dumps(["FKUB"]),
            region_codes=json.dumps(["33.74"]),
            province_wide=0,
            phones=json.dumps(["+6281234567890"]),
            whatsapp="+6281234567890",
            email="slamet@example.org",
            social=json.dumps({"instagram": "@slamet"}),
            address="Jl. Pemuda 1, Semarang",
            basis="Persetujuan",
            notes="",
        )
        | changes
    )


def edited(row: Row, by: str, **changes: Any) -> Row:
    """``row`` after ``by`` changed ``changes`` now (versions stamped as the Writer does)."""
    version = hlc(counter=1)
    return {
        **row,
        **changes,
        "updated_by": by,
        "updated_at": wire_time(NOW),
        "versions": {**row.get("versions", {}), **dict.fromkeys(changes, version)},
    }


def created(row: Row) -> Row:
    """A row as its creator pushes it: versioned now."""
    return {**row, "origin_version": hlc()}


class View:
    """The hub's state: documents by table and id."""

    def __init__(self, *rows: tuple[str, Row]) -> None:
        self.docs: dict[tuple[str, str], Row] = {(t, r["id"]): r for t, r in rows}

    def add(self, table: str, row: Row) -> View:
        self.docs[(table, row["id"])] = row
        return self

    def get(self, table: str, record_id: str) -> Row | None:
        return self.docs.get((table, record_id))

    def active_admin_ids(self) -> set[str]:
        return {
            r["id"]
            for (t, _), r in self.docs.items()
            if t == "user_account" and r["role"] == "admin" and r["active"] and not r["deleted"]
        }


def hub() -> View:
    region = seeded(
        mutable(
            REGION,
            None,
            code="33.74",
            name="Kota Semarang",
            kind="kota",
            seat="Semarang",
            lat=-6.99,
            lon=110.42,
            ikp_score=None,
            ikp_level=None,
            alert_level="kondusif",
            status_note="",
            liaison="",
        )
    )
    view = View(("region", region))
    for kind, code in [
        (TaxonomyKind.INCIDENT_CATEGORY, "HOAKS"),
        (TaxonomyKind.INCIDENT_CATEGORY, "NETRALITAS"),
        (TaxonomyKind.NEUTRALITY_SUBJECT, "ASN"),
        (TaxonomyKind.SOURCE_TYPE, "MEDSOS"),
        (TaxonomyKind.PLATFORM, "FACEBOOK"),
        (TaxonomyKind.FOLLOW_UP_TYPE, "BAWASLU"),
        (TaxonomyKind.CONTACT_CATEGORY, "TOKOH_AGAMA"),
        (TaxonomyKind.FORUM, "FKUB"),
        (TaxonomyKind.ENGAGEMENT_TYPE, "PERTEMUAN"),
    ]:
        view.add("taxonomy_term", term(kind, code))
    view.add("taxonomy_term", term(TaxonomyKind.INCIDENT_CATEGORY, "LAMA", active=False))
    view.add("user_account", user(ADMIN_ID, "admin", Role.ADMIN))
    view.add("user_account", user(COORD_ID, "koordinator", Role.COORDINATOR))
    view.add("user_account", user(OPERATOR_ID, "operator", Role.OPERATOR))
    return view


def check(
    table: str, old: Row | None, new: Row, who: Author, view: View | None = None
) -> Refusal | None:
    return check_change(table, old, new, who, view or hub(), now_ms=NOW_MS)


def rule(refusal: Refusal | None) -> tuple[str, str | None] | None:
    return None if refusal is None else (refusal.rule, refusal.field)


# --- what the hub accepts ---------------------------------------------------------------


def test_an_operator_logs_edits_and_moves_an_incident_along() -> None:
    view = hub()
    new = created(incident())
    assert check("incident", None, new, OPERATOR, view) is None
    view.add("incident", new)
    assert check("incident", new, edited(new, OPERATOR_ID, title="Judul baru"), OPERATOR) is None
    verified = incident(status="terverifikasi")
    assert (
        check("incident", verified, edited(verified, OPERATOR_ID, status="selesai"), OPERATOR)
        is None
    )


def test_a_re_push_of_what_the_hub_holds_changes_nothing_and_is_accepted() -> None:
    row = incident()
    # Even an unknown author: nothing changes.
    assert check("incident", row, dict(row), author(None, None)) is None
    note = append_only(NEW_ID, OPERATOR_ID, incident_id=INCIDENT_ID, type="BAWASLU", note="x")
    assert check("follow_up", note, dict(note), OPERATOR) is None


def test_every_synced_table_has_rules() -> None:
    from desk_app.services.change_rules import synced_table_names

    assert synced_table_names() == set(TABLE_RULES)
    assert "incident" in synced_table_names() and "sync_conflict" in synced_table_names()


# --- shape: tables, fields, types -------------------------------------------------------


def test_unknown_table_and_unknown_field_are_refused() -> None:
    assert rule(check("local_state", None, {"id": NEW_ID}, ADMIN)) == ("unknown_table", None)
    row = created(incident())
    assert rule(check("incident", None, {**row, "secret": 1}, OPERATOR)) == (
        "unknown_field",
        "secret",
    )
    forged = edited(incident(), OPERATOR_ID, title="x") | {"versions": {"nonsense": hlc()}}
    assert rule(check("incident", incident(), forged, OPERATOR)) == ("unknown_field", "nonsense")


def test_an_incident_without_ref_is_refused_as_required() -> None:
    row = created(incident())
    del row["ref"]
    refusal = check("incident", None, row, OPERATOR)
    assert rule(refusal) == ("required", "ref")
    assert refusal is not None and refusal.table == "incident" and refusal.record_id == INCIDENT_ID


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"severity": "3"}, ("type", "severity")),
        ({"severity": True}, ("type", "severity")),
        ({"severity": 5}, ("allowed_values", "severity")),
        ({"deleted": 2}, ("type", "deleted")),
        ({"occurred_at": "2024-11-20T01:00:00"}, ("type", "occurred_at")),
        ({"occurred_at": "2024-13-40 01:00:00.000000"}, ("type", "occurred_at")),
        ({"title": "x" * 301}, ("length", "title")),
        ({"title": ""}, ("required", "title")),
        ({"title": "  padded  "}, ("text", "title")),
        ({"title": "bell\x07"}, ("text", "title")),
        ({"title": None}, ("required", "title")),
        ({"description": "y" * 20_001}, ("length", "description")),
        ({"link": "javascript:alert(1)"}, ("allowed_values", "link")),
        ({"category": "TIDAK_ADA"}, ("allowed_values", "category")),
        ({"category": "LAMA"}, ("allowed_values", "category")),
        ({"source_type": "HOAKS"}, ("allowed_values", "source_type")),
        ({"platform": "MYSPACE"}, ("allowed_values", "platform")),
        ({"region_id": NEW_ID}, ("reference", "region_id")),
        ({"assigned_to": NEW_ID}, ("reference", "assigned_to")),
        ({"category": "NETRALITAS"}, ("required", "neutrality_subject")),
        (
            {"category": "NETRALITAS", "neutrality_subject": "BUPATI"},
            ("allowed_values", "neutrality_subject"),
        ),
        ({"neutrality_subject": "ASN"}, ("allowed_values", "neutrality_subject")),
        (
            {"occurred_at": wire_time(NOW - timedelta(minutes=30))},
            ("allowed_values", "occurred_at"),
        ),
        (
            {"occurred_at": wire_time(datetime(1999, 1, 1, tzinfo=UTC))},
            ("allowed_values", "occurred_at"),
        ),
    ],
)
def test_an_incident_edit_outside_the_services_rules_is_refused(
    changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    old = incident()
    assert rule(check("incident", old, edited(old, OPERATOR_ID, **changes), OPERATOR)) == expected


def test_a_neutrality_incident_with_its_subject_is_accepted() -> None:
    old = incident()
    new = edited(old, OPERATOR_ID, category="NETRALITAS", neutrality_subject="ASN")
    assert check("incident", old, new, OPERATOR) is None


def test_an_unchanged_value_from_before_a_rule_does_not_block_other_edits() -> None:
    old = incident(category="LAMA", title="x" * 10)  # the term has since been retired
    assert check("incident", old, edited(old, OPERATOR_ID, severity=3), OPERATOR) is None


def test_json_text_is_compared_as_json() -> None:
    old = contact()
    same = {**old, "forums": '[ "FKUB" ]'}
    assert changed_fields("contact", old, same) == set()
    assert changed_fields("contact", old, {**old, "forums": "[]"}) == {"forums"}
    assert changed_fields("contact", None, old) == set(old) - {
        "id",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "origin_version",
        "versions",
    }


# --- clocks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "refused"), [(4, False), (6, True), (60 * 24, True), (-60 * 24 * 30, False)]
)
def test_incident_times_are_bounded_by_the_hubs_clock(minutes: int, refused: bool) -> None:
    moment = wire_time(NOW + timedelta(minutes=minutes))
    row = created(incident(occurred_at=moment, reported_at=moment))
    result = check("incident", None, row, OPERATOR)
    assert rule(result) == (("future_time", "occurred_at") if refused else None)


def test_a_forged_version_string_is_refused() -> None:
    """The attack: ``versions.role = "9"`` sorts above every real clock value."""
    old = user(OPERATOR_ID, "operator", Role.OPERATOR)
    forged = {**old, "versions": {"title": "9"}}
    assert rule(check("user_account", old, forged, OPERATOR)) == ("bad_version", "title")
    assert rule(check("incident", None, {**incident(), "origin_version": "9"}, OPERATOR)) == (
        "bad_version",
        "origin_version",
    )


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        (hlc(6 * 60_000), "ahead"),
        (hlc(24 * 3_600_000), "ahead"),
        ("9", "format"),
        ("", "format"),
        (f"{NOW_MS}.0.{SITE}", "format"),
        (hlc()[: -len(SITE)], "format"),
        (42, "format"),
    ],
)
def test_versions_ahead_of_the_hub_or_not_hlc_are_refused(version: Any, reason: str) -> None:
    old = incident()
    new = edited(old, OPERATOR_ID, title="Judul baru") | {"versions": {"title": version}}
    refusal = check("incident", old, new, OPERATOR)
    assert rule(refusal) == ("bad_version", "title")
    assert refusal is not None and refusal.params["reason"] == reason


def test_a_version_from_a_slightly_fast_clock_is_accepted() -> None:
    old = incident()
    new = edited(old, OPERATOR_ID, title="Judul baru") | {"versions": {"title": hlc(4 * 60_000)}}
    assert check("incident", old, new, OPERATOR) is None


def test_a_version_bumped_without_a_change_needs_the_fields_permission() -> None:
    """A newer version on an unchanged field still decides later merges."""
    old = user(OPERATOR_ID, "operator", Role.OPERATOR)
    bumped = {**old, "updated_by": OPERATOR_ID, "versions": {"role": hlc()}}
    assert changed_fields("user_account", old, bumped) == set()
    assert rule(check("user_account", old, bumped, OPERATOR)) == ("permission", "role")


@settings(max_examples=200, deadline=None)
@given(
    offset=st.integers(min_value=-(10**12), max_value=5 * 60_000),
    counter=st.integers(min_value=0, max_value=999_999),
)
def test_every_well_formed_version_not_ahead_is_accepted(offset: int, counter: int) -> None:
    millis = max(0, NOW_MS + offset)
    old = incident()
    version = Timestamp(millis, counter, OTHER_SITE).encode()
    new = edited(old, OPERATOR_ID, title="Judul baru") | {"versions": {"title": version}}
    assert check("incident", old, new, OPERATOR) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_a_version_that_is_not_canonical_hlc_is_refused(text: str) -> None:
    try:
        canonical = Timestamp.decode(text).encode() == text and bool(Timestamp.decode(text).site)
    except ValueError:
        canonical = False
    old = incident()
    new = edited(old, OPERATOR_ID, title="Judul baru") | {"versions": {"title": text}}
    refusal = check("incident", old, new, OPERATOR)
    if not canonical:
        assert rule(refusal) == ("bad_version", "title")


def _version_verdict(read: Any, version: Any) -> Any:
    try:
        return read("versions", version)
    except _Refused as refused:
        return (refused.rule, refused.field, refused.params)


_VERSION_PARTS = st.sampled_from(
    [
        *("0", "1", "9", "00000", "0000000000", "17", ".", "..", "-", "+", "_", " ", "\n"),
        *("\u0661", "\uff11", "a", "seed", "hub", SITE),
    ]
)
_VERSIONS = st.one_of(
    st.text(max_size=40),
    st.lists(_VERSION_PARTS, max_size=10).map("".join),
    st.builds(
        lambda millis, counter, site: f"{millis}.{counter}.{site}",
        st.integers(min_value=-(10**16), max_value=10**17).map(str)
        | st.text(alphabet="0123456789 +-_\u0661", max_size=17),
        st.integers(min_value=-5, max_value=10**7).map(lambda c: f"{c:06d}")
        | st.text(alphabet="0123456789 +-_", max_size=8),
        st.text(max_size=5) | st.sampled_from([SITE, "hub", "seed", "a.b", ".", "\n"]),
    ),
    st.builds(
        lambda millis, counter, site: Timestamp(millis, counter, site).encode(),
        st.integers(min_value=0, max_value=10**17),
        st.integers(min_value=0, max_value=10**8),
        st.text(max_size=5),
    ),
)


@settings(max_examples=3000, deadline=None)
@given(_VERSIONS)
@example(hlc())
@example(f"{NOW_MS:015d}.000000.")
@example(f"{NOW_MS:016d}.000000.{SITE}")
@example(f"{NOW_MS:015d}.0000000.{SITE}")
@example(f"{NOW_MS:015d}.000000.\n")
def test_a_version_s_quick_read_says_what_decoding_it_says(version: str) -> None:
    """Versions are read without decoding them when they are plainly well formed: always
    with the milliseconds, or the refusal, that decoding them gives."""
    assert _version_verdict(_version_millis, version) == _version_verdict(
        _decoded_version_millis, version
    )


# --- authors --------------------------------------------------------------------------------


def test_an_unknown_or_disabled_author_is_refused() -> None:
    row = created(incident(by=NEW_ID))
    assert rule(check("incident", None, row, author(NEW_ID, None, False))) == (
        "unknown_author",
        None,
    )
    assert rule(check("incident", None, row, author(None, None, False))) == ("unknown_author", None)
    disabled = created(incident())
    assert rule(check("incident", None, disabled, author(OPERATOR_ID, Role.OPERATOR, False))) == (
        "inactive_author",
        None,
    )


def test_a_row_naming_another_author_is_refused() -> None:
    assert rule(check("incident", None, created(incident(by=ADMIN_ID)), OPERATOR)) == (
        "author_mismatch",
        None,
    )
    old = incident()
    new = edited(old, ADMIN_ID, title="Judul baru")
    assert rule(check("incident", old, new, OPERATOR)) == ("author_mismatch", None)
    note = created(append_only(NEW_ID, ADMIN_ID, incident_id=INCIDENT_ID, type="BAWASLU", note="x"))
    assert rule(check("follow_up", None, note, OPERATOR)) == ("author_mismatch", None)


def test_a_row_created_by_one_user_and_changed_by_another_is_checked_as_the_latest() -> None:
    """Two people on one shared desk: the operator logs, the coordinator verifies, then
    the desk syncs. The create carries both; it is checked as the coordinator's."""
    row = created(incident(status="terverifikasi")) | {"updated_by": COORD_ID}
    assert check("incident", None, row, COORD) is None
    assert rule(check("incident", None, row | {"updated_by": OPERATOR_ID}, OPERATOR)) == (
        "permission",
        "status",
    )
    assert rule(check("incident", None, row | {"created_by": NEW_ID}, COORD)) == (
        "author_mismatch",
        None,
    )


def test_a_merge_that_keeps_the_hubs_latest_author_is_not_a_mismatch() -> None:
    """Desk 2's later edit of another field won at the hub: the merged row names its
    author while this push's field still changes."""
    old = edited(incident(), COORD_ID, kecamatan="Candisari")
    merged = {**old, "title": "Judul baru", "versions": {**old["versions"], "title": hlc(-1000)}}
    assert check("incident", old, merged, OPERATOR) is None


# --- the permission matrix ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old_status", "new_status", "who", "expected"),
    [
        ("baru", "terverifikasi", OPERATOR, ("permission", "status")),
        ("baru", "tidak_valid", OPERATOR, ("permission", "status")),
        ("baru", "terverifikasi", COORD, None),
        ("terverifikasi", "ditindaklanjuti", OPERATOR, None),
        ("selesai", "dibuka_kembali", OPERATOR, None),
        # Several moves made offline arrive as one: verify first, then act.
        ("baru", "ditindaklanjuti", OPERATOR, ("permission", "status")),
        ("baru", "ditindaklanjuti", COORD, None),
        ("selesai", "baru", ADMIN, ("transition", "status")),
        ("baru", "ditutup", ADMIN, ("allowed_values", "status")),
    ],
)
def test_status_moves_follow_the_transitions_and_the_matrix(
    old_status: str, new_status: str, who: Author, expected: tuple[str, str] | None
) -> None:
    old = incident(status=old_status)
    new = edited(old, who.user_id or "", status=new_status)
    assert rule(check("incident", old, new, who)) == expected


def test_a_refused_move_names_the_action_and_role() -> None:
    old = incident()
    refusal = check("incident", old, edited(old, OPERATOR_ID, status="terverifikasi"), OPERATOR)
    assert refusal is not None
    assert refusal.params == {"action": "verify_incident", "role": "operator"}


def test_an_incident_created_already_verified_needs_a_coordinator() -> None:
    row = created(incident(status="terverifikasi"))
    assert rule(check("incident", None, row, OPERATOR)) == ("permission", "status")
    row = created(incident(by=COORD_ID, status="terverifikasi"))
    assert check("incident", None, row, COORD) is None


def status_change(by: str, from_status: str, to_status: str) -> Row:
    return created(
        append_only(
            NEW_ID,
            by,
            incident_id=INCIDENT_ID,
            from_status=from_status,
            to_status=to_status,
            note="Sudah dicek di lapangan.",
        )
    )


def hub_with_incident() -> View:
    return hub().add("incident", incident())


@settings(max_examples=150, deadline=None)
@given(
    role=st.sampled_from(list(Role)),
    start=st.sampled_from(list(IncidentStatus)),
    target=st.sampled_from(list(IncidentStatus)),
)
def test_a_status_history_row_is_accepted_exactly_when_the_services_allow_the_move(
    role: Role, start: IncidentStatus, target: IncidentStatus
) -> None:
    who = author(
        {Role.ADMIN: ADMIN_ID, Role.COORDINATOR: COORD_ID, Role.OPERATOR: OPERATOR_ID}[role], role
    )
    assert who.user_id is not None
    row = status_change(who.user_id, start.value, target.value)
    action = Action.VERIFY_INCIDENT if target in COORDINATOR_STATUSES else Action.CHANGE_STATUS
    services_allow = role_allows(role, action) and target in STATUS_TRANSITIONS[start]
    refusal = check("incident_status_change", None, row, who, hub_with_incident())
    assert (refusal is None) == services_allow
    if refusal is not None:
        assert refusal.rule in ("permission", "transition")


@pytest.mark.parametrize(
    ("field", "value", "who", "expected"),
    [
        ("deleted", 1, OPERATOR, ("permission", "deleted")),
        ("deleted", 1, COORD, None),
        ("merged_into", OTHER_INCIDENT_ID, OPERATOR, ("permission", "merged_into")),
        ("merged_into", OTHER_INCIDENT_ID, COORD, None),
        ("merged_into", INCIDENT_ID, COORD, ("allowed_values", "merged_into")),
        ("merged_into", NEW_ID, COORD, ("reference", "merged_into")),
        ("ref", "GB1-2024-99999", ADMIN, ("read_only", "ref")),
    ],
)
def test_deleting_merging_and_refs(field: str, value: Any, who: Author, expected: Any) -> None:
    view = hub_with_incident().add("incident", incident() | {"id": OTHER_INCIDENT_ID, "ref": "B"})
    old = incident()
    assert (
        rule(check("incident", old, edited(old, who.user_id or "", **{field: value}), who, view))
        == expected
    )


def test_an_incident_created_and_deleted_offline_needs_the_delete_permission() -> None:
    assert rule(check("incident", None, created(incident(deleted=1)), OPERATOR)) == (
        "permission",
        "deleted",
    )


def test_follow_ups_and_their_types() -> None:
    view = hub_with_incident()
    note = created(
        append_only(NEW_ID, OPERATOR_ID, incident_id=INCIDENT_ID, type="BAWASLU", note="Dihubungi.")
    )
    assert check("follow_up", None, note, OPERATOR, view) is None
    assert rule(check("follow_up", None, {**note, "type": "X"}, OPERATOR, view)) == (
        "allowed_values",
        "type",
    )
    assert rule(check("follow_up", None, {**note, "note": ""}, OPERATOR, view)) == (
        "required",
        "note",
    )
    assert rule(check("follow_up", None, {**note, "incident_id": NEW_ID}, OPERATOR, view)) == (
        "reference",
        "incident_id",
    )


# --- append-only rows and the audit log -------------------------------------------------------


def test_append_only_rows_are_never_changed() -> None:
    note = append_only(NEW_ID, OPERATOR_ID, incident_id=INCIDENT_ID, type="BAWASLU", note="Asli")
    assert rule(check("follow_up", note, {**note, "note": "Diubah"}, OPERATOR)) == (
        "append_only",
        "note",
    )
    audit = append_only(
        NEW_ID,
        ADMIN_ID,
        action="update",
        table_name="incident",
        record_id=INCIDENT_ID,
        changes="{}",
    )
    assert rule(
        check("audit_log", audit, {**audit, "changes": '{"title": ["a", "b"]}'}, ADMIN)
    ) == (
        "append_only",
        "changes",
    )


def audit_row(by: str, table: str = "incident", changes: Any = None) -> Row:
    return created(
        append_only(
            NEW_ID,
            by,
            action="update",
            table_name=table,
            record_id=INCIDENT_ID,
            changes=json.dumps(changes if changes is not None else {"title": ["a", "b"]}),
        )
    )


def test_audit_rows_are_added_by_their_author_only() -> None:
    assert check("audit_log", None, audit_row(OPERATOR_ID), OPERATOR) is None
    assert rule(check("audit_log", None, audit_row(ADMIN_ID), OPERATOR)) == (
        "author_mismatch",
        None,
    )
    assert rule(
        check("audit_log", None, audit_row(OPERATOR_ID, table="local_state"), OPERATOR)
    ) == (
        "allowed_values",
        "table_name",
    )


def test_an_export_noted_in_the_audit_log_reaches_the_hub() -> None:
    noted = {
        **audit_row(OPERATOR_ID, "contact"),
        "action": "export",
        "changes": json.dumps(
            {
                "export_file": [None, "kontak.xlsx"],
                "export_rows": [None, 12],
                "personal_data": [None, True],
            }
        ),
    }
    assert check("audit_log", None, noted, OPERATOR) is None
    assert rule(check("audit_log", None, {**noted, "action": "printed"}, OPERATOR)) == (
        "allowed_values",
        "action",
    )


def test_audit_rows_never_carry_secrets_or_personal_data() -> None:
    hidden = {"password_hash": [None, auth.HASH_PLACEHOLDER]}
    assert check("audit_log", None, audit_row(ADMIN_ID, "user_account", hidden), ADMIN) is None
    leaked = {"password_hash": [None, HASH]}
    assert rule(check("audit_log", None, audit_row(ADMIN_ID, "user_account", leaked), ADMIN)) == (
        "secret_field",
        "changes",
    )
    marked = {"reporter_name": ["", PERSONAL_MARK]}
    assert check("audit_log", None, audit_row(OPERATOR_ID, "incident", marked), OPERATOR) is None
    named = {"reporter_name": ["", "Budi Santoso"]}
    refusal = check("audit_log", None, audit_row(OPERATOR_ID, "incident", named), OPERATOR)
    assert rule(refusal) == ("allowed_values", "changes")


# --- accounts -------------------------------------------------------------------------------------


def test_an_operator_cannot_make_themselves_administrator() -> None:
    old = user(OPERATOR_ID, "operator", Role.OPERATOR)
    new = edited(old, OPERATOR_ID, role="admin")
    refusal = check("user_account", old, new, OPERATOR)
    assert rule(refusal) == ("permission", "role")
    assert refusal is not None and refusal.params == {"action": "manage_users", "role": "operator"}


def test_roles_change_only_by_administrators() -> None:
    old = user(OPERATOR_ID, "operator", Role.OPERATOR)
    assert rule(check("user_account", old, edited(old, COORD_ID, role="coordinator"), COORD)) == (
        "permission",
        "role",
    )
    assert check("user_account", old, edited(old, ADMIN_ID, role="coordinator"), ADMIN) is None
    assert rule(check("user_account", old, edited(old, ADMIN_ID, role="root"), ADMIN)) == (
        "allowed_values",
        "role",
    )


def test_passwords_only_by_their_user_or_an_administrator() -> None:
    other_hash = auth.HASHER.hash("kata-sandi-baru")
    own = user(OPERATOR_ID, "operator", Role.OPERATOR)
    assert (
        check("user_account", own, edited(own, OPERATOR_ID, password_hash=other_hash), OPERATOR)
        is None
    )
    admin = user(ADMIN_ID, "admin", Role.ADMIN)
    refusal = check("user_account", admin, edited(admin, COORD_ID, password_hash=other_hash), COORD)
    assert rule(refusal) == ("password_other_user", "password_hash")
    assert (
        check("user_account", own, edited(own, ADMIN_ID, password_hash=other_hash), ADMIN) is None
    )
    # Own name and title are the administrator's to change, as in the services.
    assert rule(
        check("user_account", own, edited(own, OPERATOR_ID, full_name="Operator Satu"), OPERATOR)
    ) == (
        "permission",
        "full_name",
    )


@pytest.mark.parametrize(
    "value",
    [
        "rahasia-sekali",
        "9",
        "$argon2i$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g",
        HASH + "\n",
        "",
    ],
)
def test_a_password_hash_must_be_argon2id(value: str) -> None:
    own = user(OPERATOR_ID, "operator", Role.OPERATOR)
    refusal = check("user_account", own, edited(own, OPERATOR_ID, password_hash=value), OPERATOR)
    assert rule(refusal) == ("secret_field", "password_hash")
    assert value not in refusal.detail if value else True  # type: ignore[union-attr]


def test_a_password_may_be_cleared_by_an_administrator() -> None:
    own = user(OPERATOR_ID, "operator", Role.OPERATOR)
    assert check("user_account", own, edited(own, ADMIN_ID, password_hash=None), ADMIN) is None


def test_secret_and_personal_fields_come_from_the_models() -> None:
    assert SECRET_FIELDS["user_account"] == {"password_hash"}
    assert set(SECRET_FIELDS) == {"user_account"}
    assert personal_fields("contact") == {"phones", "whatsapp", "email", "address", "social"}
    assert personal_fields("incident") == {"reporter_name", "reporter_contact"}
    assert personal_fields("region") == frozenset()
    assert personal_fields("nonsense") == frozenset()


@pytest.mark.parametrize(
    ("changes", "others"),
    [({"role": "coordinator"}, []), ({"active": 0}, []), ({"deleted": 1}, [])],
)
def test_the_last_active_administrator_stays(changes: dict[str, Any], others: list[Row]) -> None:
    view = hub()
    admin = view.get("user_account", ADMIN_ID)
    assert admin is not None
    new = edited(admin, ADMIN_ID, **changes)
    assert rule(check("user_account", admin, new, ADMIN, view)) == ("last_admin", "role")
    view.add("user_account", user(ADMIN2_ID, "admin2", Role.ADMIN))
    assert check("user_account", admin, new, ADMIN, view) is None


def test_two_administrators_demoting_each_other_offline_leave_one() -> None:
    """The second demotion reaches a hub where its author is no administrator any more."""
    view = hub().add("user_account", user(ADMIN2_ID, "admin2", Role.ADMIN))
    first, second = view.get("user_account", ADMIN_ID), view.get("user_account", ADMIN2_ID)
    assert first is not None and second is not None
    assert (
        check("user_account", second, edited(second, ADMIN_ID, role="operator"), ADMIN, view)
        is None
    )
    view.add("user_account", edited(second, ADMIN_ID, role="operator"))
    # As the hub now knows admin2: an operator.
    demoted = author(ADMIN2_ID, Role.OPERATOR)
    assert rule(
        check("user_account", first, edited(first, ADMIN2_ID, role="operator"), demoted, view)
    ) == (
        "permission",
        "role",
    )
    # Even were the role still admin, the invariant holds.
    stale = author(ADMIN2_ID, Role.ADMIN)
    assert rule(
        check("user_account", first, edited(first, ADMIN2_ID, role="operator"), stale, view)
    ) == (
        "last_admin",
        "role",
    )


def test_accounts_are_created_by_administrators_with_valid_names() -> None:
    row = created(user(NEW_ID, "baru", Role.OPERATOR))
    assert check("user_account", None, row, ADMIN) is None
    assert rule(
        check("user_account", None, {**row, "created_by": COORD_ID, "updated_by": COORD_ID}, COORD)
    ) == (
        "permission",
        None,
    )
    assert rule(check("user_account", None, {**row, "username": "Bad Name"}, ADMIN)) == (
        "allowed_values",
        "username",
    )
    old = user(OPERATOR_ID, "operator", Role.OPERATOR)
    assert rule(check("user_account", old, edited(old, ADMIN_ID, username="op2"), ADMIN)) == (
        "read_only",
        "username",
    )


# --- regions and alert levels -----------------------------------------------------------------


def test_alert_levels_are_set_by_coordinators() -> None:
    view = hub()
    region = view.get("region", REGION)
    assert region is not None
    assert rule(
        check("region", region, edited(region, OPERATOR_ID, alert_level="siaga"), OPERATOR)
    ) == (
        "permission",
        "alert_level",
    )
    assert check("region", region, edited(region, COORD_ID, alert_level="siaga"), COORD) is None
    assert rule(check("region", region, edited(region, COORD_ID, alert_level="merah"), COORD)) == (
        "allowed_values",
        "alert_level",
    )
    assert rule(check("region", region, edited(region, ADMIN_ID, name="Semarang Raya"), ADMIN)) == (
        "read_only",
        "name",
    )
    assert rule(
        check(
            "region",
            None,
            created(region | {"created_by": ADMIN_ID, "updated_by": ADMIN_ID}),
            ADMIN,
        )
    ) == (
        "read_only",
        None,
    )


def level_change(by: str, from_level: str = "kondusif", to_level: str = "siaga") -> Row:
    return created(
        append_only(
            NEW_ID,
            by,
            region_id=REGION,
            from_level=from_level,
            to_level=to_level,
            reason="Eskalasi.",
        )
    )


def test_alert_level_changes_are_recorded_by_coordinators() -> None:
    assert rule(check("alert_level_change", None, level_change(OPERATOR_ID), OPERATOR)) == (
        "permission",
        None,
    )
    assert check("alert_level_change", None, level_change(COORD_ID), COORD) is None
    assert rule(
        check("alert_level_change", None, level_change(COORD_ID, "siaga", "siaga"), COORD)
    ) == (
        "allowed_values",
        "to_level",
    )
    assert rule(check("alert_level_change", None, level_change(COORD_ID, "x"), COORD)) == (
        "allowed_values",
        "from_level",
    )


# --- contacts and engagement ------------------------------------------------------------------


def test_contacts_are_checked_as_the_directory_does() -> None:
    row = created(contact())
    assert check("contact", None, row, OPERATOR) is None
    for changes, expected in [
        ({"phones": json.dumps(["0812-3456-7890"])}, ("allowed_values", "phones")),
        (
            {"phones": json.dumps(["+6281234567890", "+6281234567890"])},
            ("allowed_values", "phones"),
        ),
        ({"phones": json.dumps("+6281234567890")}, ("type", "phones")),
        ({"phones": "not json"}, ("type", "phones")),
        ({"whatsapp": "12345"}, ("allowed_values", "whatsapp")),
        ({"email": "bukan-email"}, ("allowed_values", "email")),
        ({"forums": json.dumps(["NONE"])}, ("allowed_values", "forums")),
        ({"region_codes": json.dumps(["9999"])}, ("reference", "region_codes")),
        ({"province_wide": 1}, ("allowed_values", "region_codes")),
        ({"social": json.dumps({"instagram": 5})}, ("type", "social")),
        ({"category": "X"}, ("allowed_values", "category")),
        ({"name": ""}, ("required", "name")),
    ]:
        assert rule(check("contact", None, {**row, **changes}, OPERATOR)) == expected, changes


def test_deleting_a_contact_takes_a_coordinator_and_erases_it() -> None:
    old = contact()
    erased = {
        "phones": "[]",
        "whatsapp": "",
        "email": "",
        "address": "",
        "social": "{}",
        "notes": "",
    }
    assert rule(check("contact", old, edited(old, OPERATOR_ID, deleted=1, **erased), OPERATOR)) == (
        "permission",
        "deleted",
    )
    assert check("contact", old, edited(old, COORD_ID, deleted=1, **erased), COORD) is None


def hub_where_operators_see_no_personal_data() -> View:
    setting = mutable(
        setting_id(auth.PERSONAL_DATA_ROLES_KEY),
        ADMIN_ID,
        key=auth.PERSONAL_DATA_ROLES_KEY,
        value=json.dumps({"value": ["admin"]}),
    )
    return hub().add("app_setting", setting)


def test_personal_data_a_role_cannot_see_it_cannot_change() -> None:
    view = hub_where_operators_see_no_personal_data()
    old = contact()
    refusal = check(
        "contact", old, edited(old, OPERATOR_ID, phones='["+62 ••• ••• 890"]'), OPERATOR, view
    )
    assert rule(refusal) == ("permission", "phones")
    assert check("contact", old, edited(old, OPERATOR_ID, position="Wakil"), OPERATOR, view) is None
    masked = edited(incident(), OPERATOR_ID, reporter_name="•••")
    assert rule(check("incident", incident(), masked, OPERATOR, view)) == (
        "permission",
        "reporter_name",
    )
    # A coordinator who may not see it still erases it with the deletion.
    erased = {
        "phones": "[]",
        "whatsapp": "",
        "email": "",
        "address": "",
        "social": "{}",
        "notes": "",
    }
    assert check("contact", old, edited(old, COORD_ID, deleted=1, **erased), COORD, view) is None


def engagement(by: str = OPERATOR_ID, day: date | None = None) -> Row:
    return created(
        append_only(
            NEW_ID,
            by,
            contact_id=CONTACT_ID,
            occurred_on=(day or NOW.date()).isoformat(),
            type="PERTEMUAN",
            summary="Rapat koordinasi.",
        )
    )


def test_engagements_are_logged_for_live_contacts_and_not_in_the_future() -> None:
    view = hub().add("contact", contact())
    assert check("engagement", None, engagement(), OPERATOR, view) is None
    later = engagement(day=NOW.date() + timedelta(days=2))
    assert rule(check("engagement", None, later, OPERATOR, view)) == ("future_time", "occurred_on")
    assert rule(check("engagement", None, engagement(), OPERATOR)) == ("reference", "contact_id")
    assert rule(
        check("engagement", None, {**engagement(), "occurred_on": "20-11-2024"}, OPERATOR, view)
    ) == (
        "type",
        "occurred_on",
    )


# --- reference data, settings, election, sitreps, attachments -------------------------------------


def test_taxonomies_are_the_administrators() -> None:
    row = created(
        term(TaxonomyKind.FORUM, "FORKOPIMDA") | {"created_by": COORD_ID, "updated_by": COORD_ID}
    )
    assert rule(check("taxonomy_term", None, row, COORD)) == ("permission", None)
    row = row | {"created_by": ADMIN_ID, "updated_by": ADMIN_ID}
    assert check("taxonomy_term", None, row, ADMIN) is None
    assert rule(check("taxonomy_term", None, {**row, "id": NEW_ID}, ADMIN)) == (
        "allowed_values",
        "id",
    )
    assert rule(check("taxonomy_term", None, {**row, "kind": "warna"}, ADMIN)) == (
        "allowed_values",
        "kind",
    )
    old = term(TaxonomyKind.FORUM, "FKUB")
    assert rule(check("taxonomy_term", old, edited(old, OPERATOR_ID, active=0), OPERATOR)) == (
        "permission",
        "active",
    )
    assert check("taxonomy_term", old, edited(old, ADMIN_ID, active=0), ADMIN) is None


def test_settings_are_changed_by_whom_the_service_says() -> None:
    view = hub_where_operators_see_no_personal_data()
    old = view.get("app_setting", setting_id(auth.PERSONAL_DATA_ROLES_KEY))
    assert old is not None
    wider = json.dumps({"value": ["admin", "coordinator", "operator"]})
    assert rule(check("app_setting", old, edited(old, COORD_ID, value=wider), COORD, view)) == (
        "permission",
        "value",
    )
    assert check("app_setting", old, edited(old, ADMIN_ID, value=wider), ADMIN, view) is None
    assert rule(
        check("app_setting", old, edited(old, ADMIN_ID, value='{"value": ["root"]}'), ADMIN, view)
    ) == (
        "allowed_values",
        "value",
    )
    unknown = created(mutable(setting_id("warna"), ADMIN_ID, key="warna", value='{"value": 1}'))
    assert rule(check("app_setting", None, unknown, ADMIN)) == ("allowed_values", "key")


def election() -> Row:
    return seeded(
        mutable(
            ELECTION_ID,
            None,
            name="Pilkada Serentak 2024 Jawa Tengah",
            voting_day="2024-11-27",
            campaign_start="2024-09-25",
            campaign_end="2024-11-23",
            quiet_start="2024-11-24",
            quiet_end="2024-11-26",
        )
    )


def test_the_election_settings_are_the_administrators_and_checked_as_the_service_does() -> None:
    old = election()
    assert rule(check("election", old, edited(old, COORD_ID, name="Pilkada"), COORD)) == (
        "permission",
        "name",
    )
    assert check("election", old, edited(old, ADMIN_ID, name="Pilkada"), ADMIN) is None
    late = edited(old, ADMIN_ID, campaign_end="2024-11-28")
    refusal = check("election", old, late, ADMIN)
    assert rule(refusal) == ("allowed_values", "campaign_end")
    assert refusal is not None and refusal.params == {"error": "after_voting_day"}
    assert rule(check("election", old, edited(old, ADMIN_ID, deleted=1), ADMIN)) == (
        "read_only",
        "deleted",
    )


def sitrep(by: str, personal: bool = False) -> Row:
    return created(
        append_only(
            NEW_ID,
            by,
            number="GB1/001/2024",
            period_from=wire_time(NOW - timedelta(days=1)),
            period_to=wire_time(NOW),
            issued_at=wire_time(NOW),
            lang="id",
            sections=json.dumps(["summary"]),
            classification="TERBATAS",
            personal_data=int(personal),
            signatory_name="",
            signatory_title="",
            pages=3,
            sha256="a" * 64,
            file_path="/tmp/laporan.pdf",
        )
    )


def test_sitreps_are_issued_by_coordinators() -> None:
    from desk_app.reports.data import SECTIONS

    row = sitrep(COORD_ID) | {"sections": json.dumps(list(SECTIONS[:2]))}
    assert check("sitrep", None, row, COORD) is None
    assert rule(check("sitrep", None, {**row, "created_by": OPERATOR_ID}, OPERATOR)) == (
        "permission",
        None,
    )
    assert rule(check("sitrep", None, {**row, "lang": "fr"}, COORD)) == ("allowed_values", "lang")
    assert rule(check("sitrep", None, {**row, "sections": '["gossip"]'}, COORD)) == (
        "allowed_values",
        "sections",
    )
    view = hub_where_operators_see_no_personal_data()
    assert rule(check("sitrep", None, {**row, "personal_data": 1}, COORD, view)) == (
        "permission",
        "personal_data",
    )
    assert check("sitrep", None, {**row, "personal_data": 1}, COORD) is None


def attachment(**changes: Any) -> Row:
    return (
        created(
            mutable(
                NEW_ID,
                OPERATOR_ID,
                incident_id=INCIDENT_ID,
                sha256="b" * 64,
                filename="Surat_Bawaslu.pdf",
                media_type="application/pdf",
                size=120_000,
            )
        )
        | changes
    )


def test_attachments_carry_only_the_accepted_types_and_clean_names() -> None:
    view = hub_with_incident()
    assert check("incident_attachment", None, attachment(), OPERATOR, view) is None
    for changes, expected in [
        ({"media_type": "application/x-msdownload"}, ("allowed_values", "media_type")),
        ({"sha256": "B" * 64}, ("allowed_values", "sha256")),
        ({"size": 0}, ("allowed_values", "size")),
        ({"size": 21 * 1024 * 1024}, ("allowed_values", "size")),
        ({"filename": "Surat\u202efdp.exe"}, ("text", "filename")),
        ({"filename": "../../etc/passwd"}, ("text", "filename")),
        ({"incident_id": NEW_ID}, ("reference", "incident_id")),
    ]:
        assert (
            rule(check("incident_attachment", None, attachment(**changes), OPERATOR, view))
            == expected
        ), changes
    old = attachment()
    assert (
        check("incident_attachment", old, edited(old, OPERATOR_ID, deleted=1), OPERATOR, view)
        is None
    )
    assert rule(
        check(
            "incident_attachment",
            old,
            edited(old, OPERATOR_ID, media_type="image/png"),
            OPERATOR,
            view,
        )
    ) == (
        "read_only",
        "media_type",
    )


# --- conflicts ---------------------------------------------------------------------------


def conflict(table: str, field: str, winner: Any, loser: Any, record_id: str = INCIDENT_ID) -> Row:
    return mutable(
        CONFLICT_ID,
        None,
        table_name=table,
        record_id=record_id,
        field=field,
        winner_value=json.dumps(winner),
        winner_version=V1,
        winner_by=ADMIN_ID,
        loser_value=json.dumps(loser),
        loser_version=V0,
        loser_by=OPERATOR_ID,
        resolved=0,
        resolution="",
    )


def resolve(row: Row, who: str, keep: str) -> Row:
    return edited(row, who, resolved=1, resolution=keep)


def test_conflicts_are_resolved_by_coordinators_on_fields_they_may_change() -> None:
    title = conflict("incident", "title", "Judul A", "Judul B")
    assert check("sync_conflict", title, resolve(title, COORD_ID, "other"), COORD) is None
    assert rule(check("sync_conflict", title, resolve(title, OPERATOR_ID, "winner"), OPERATOR)) == (
        "permission",
        "resolution",
    )
    role = conflict("user_account", "role", "admin", "operator", record_id=ADMIN_ID)
    assert rule(check("sync_conflict", role, resolve(role, COORD_ID, "other"), COORD)) == (
        "permission",
        "role",
    )
    assert check("sync_conflict", role, resolve(role, ADMIN_ID, "other"), ADMIN) is None
    secret = conflict("user_account", "password_hash", HASH, HASH, record_id=ADMIN_ID)
    assert rule(check("sync_conflict", secret, resolve(secret, ADMIN_ID, "other"), ADMIN)) == (
        "secret_field",
        "password_hash",
    )
    assert rule(
        check("sync_conflict", title, edited(title, COORD_ID, resolution="both"), COORD)
    ) == (
        "allowed_values",
        "resolution",
    )


def test_restoring_a_deleted_record_takes_the_right_to_undelete_it() -> None:
    gone = conflict("incident", "deleted", True, {"title": "Judul B"})
    assert rule(check("sync_conflict", gone, resolve(gone, OPERATOR_ID, "other"), OPERATOR)) == (
        "permission",
        "resolution",
    )
    assert check("sync_conflict", gone, resolve(gone, COORD_ID, "other"), COORD) is None
    ref = conflict("incident", "ref", "GB1-2024-00001", "GB1-2024-00001~abc123")
    assert check("sync_conflict", ref, resolve(ref, COORD_ID, "winner"), COORD) is None
    assert rule(check("sync_conflict", ref, resolve(ref, COORD_ID, "other"), COORD)) == (
        "read_only",
        "ref",
    )


def test_a_conflicts_personal_data_is_erased_only_by_who_may_erase_the_contact() -> None:
    phones = conflict("contact", "phones", '["+6281234567890"]', '["+6289876543210"]', CONTACT_ID)
    erased = edited(phones, COORD_ID, winner_value=json.dumps("[]"), loser_value=json.dumps("[]"))
    assert check("sync_conflict", phones, erased, COORD) is None
    by_operator = edited(phones, OPERATOR_ID, winner_value=json.dumps("[]"))
    assert rule(check("sync_conflict", phones, by_operator, OPERATOR)) == (
        "permission",
        "winner_value",
    )
    rewritten = edited(phones, COORD_ID, winner_value=json.dumps('["+6280000000000"]'))
    assert rule(check("sync_conflict", phones, rewritten, COORD)) == ("read_only", "winner_value")
    gone = conflict(
        "contact", "deleted", True, {"email": "a@b.id", "position": "Ketua"}, CONTACT_ID
    )
    blanked = edited(gone, COORD_ID, loser_value=json.dumps({"email": "", "position": "Ketua"}))
    assert check("sync_conflict", gone, blanked, COORD) is None
    swapped = edited(gone, COORD_ID, loser_value=json.dumps({"email": "", "position": "Bupati"}))
    assert rule(check("sync_conflict", gone, swapped, COORD)) == ("read_only", "loser_value")
    title = conflict("incident", "title", "A", "B")
    assert rule(
        check("sync_conflict", title, edited(title, COORD_ID, winner_value='""'), COORD)
    ) == (
        "read_only",
        "winner_value",
    )


def test_conflicts_are_made_by_the_hub_and_their_facts_never_change() -> None:
    row = created(
        conflict("incident", "title", "A", "B") | {"created_by": COORD_ID, "updated_by": COORD_ID}
    )
    assert rule(check("sync_conflict", None, row, COORD)) == ("read_only", None)
    old = conflict("incident", "title", "A", "B")
    assert rule(
        check("sync_conflict", old, edited(old, ADMIN_ID, table_name="user_account"), ADMIN)
    ) == (
        "read_only",
        "table_name",
    )


# --- no personal data in a refusal ---------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


@settings(max_examples=150, deadline=None)
@given(
    field=st.sampled_from(["reporter_name", "reporter_contact"]),
    # "§" appears in no message: a value cannot be found in one just by being a word of
    # it (" is not" is in every "… is not cleaned text").
    # Each value is refused by construction: a trailing space, a NUL, or too long.
    value=st.one_of(
        st.builds("{}§{} ".format, st.text(max_size=100), st.text(max_size=100)),
        st.builds("{}§\x00{}".format, st.text(max_size=100), st.text(max_size=100)),
        st.text(min_size=201, max_size=399).map("§{}".format),
    ),
)
def test_a_refusal_never_carries_the_personal_value(field: str, value: str) -> None:
    old = incident()
    refusal = check("incident", old, edited(old, OPERATOR_ID, **{field: value}), OPERATOR)
    assert refusal is not None and refusal.field == field
    assert value not in refusal.detail
    assert all(value not in s for s in _strings(refusal.params))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=350))
def test_what_clean_text_makes_the_hub_accepts_and_nothing_else(raw: str) -> None:
    """One rule for text: the services' ``clean_text``. Its output passes the hub; any
    other text is refused."""
    old = incident()
    try:
        cleaned = clean_text(raw, max_length=300)
    except ValueError:
        cleaned = None
    refusal = check("incident", old, edited(old, OPERATOR_ID, title=raw), OPERATOR)
    if cleaned == raw and raw:
        assert refusal is None
    else:
        assert refusal is not None and refusal.field == "title"


# --- the services and the hub agree ------------------------------------------------------------
#
# A desk works through the services; after each operation its outbox is "pushed" to a hub
# whose state is a dict: every row the services wrote must pass, and a row tampered with
# in the desk's database must not.


class DeskAndHub:
    def __init__(self, ctx: Any) -> None:
        from desk_app.sync.capture import synced_tables

        self.ctx = ctx
        self.tables = synced_tables()
        self.hub = View()
        # The hub holds the seeded reference data and the first administrator already.
        with ctx.db.write() as session:
            conn = session.connection()
            for table in self.tables:
                for row in self._rows(conn, table):
                    self.hub.add(table, row)
            conn.exec_driver_sql("DELETE FROM sync_outbox")

    @staticmethod
    def _rows(conn: Any, table: str, record_id: str | None = None) -> list[Row]:
        # As the sync client reads them (``_read_rows``): SQLite's own values.
        sql = f"SELECT * FROM {table}" + (" WHERE id = ?" if record_id else "")
        result = conn.exec_driver_sql(sql, (record_id,) if record_id else ())
        rows = [dict(r._mapping) for r in result]
        for row in rows:
            if "versions" in row:
                row["versions"] = json.loads(row["versions"]) if row["versions"] else {}
        return rows

    def author_of(self, table: str, row: Row) -> Author:
        from desk_app.services.change_rules import _tables

        user_id = row["created_by"] if _tables()[table].append_only else row["updated_by"]
        doc = self.hub.get("user_account", user_id) if user_id else None
        if doc is None:
            return Author(user_id, None, False)
        return Author(user_id, Role(doc["role"]), bool(doc["active"]) and not doc["deleted"])

    def push(self) -> list[Refusal]:
        refusals = []
        with self.ctx.db.write() as session:
            conn = session.connection()
            entries = conn.exec_driver_sql(
                "SELECT DISTINCT table_name, record_id FROM sync_outbox ORDER BY seq"
            ).all()
            # The hub applies users and settings first: authors must be known.
            order = {"user_account": 0, "app_setting": 1}
            for table, record_id in sorted(entries, key=lambda e: order.get(e[0], 2)):
                (new,) = self._rows(conn, table, record_id)
                old = self.hub.get(table, record_id)
                refusal = check_change(
                    table, old, new, self.author_of(table, new), self.hub, now_ms=wall_clock_ms()
                )
                if refusal is None:
                    self.hub.add(table, new)
                else:
                    refusals.append(refusal)
            conn.exec_driver_sql("DELETE FROM sync_outbox")
        return refusals


@pytest.fixture
def desk(ctx: Any) -> DeskAndHub:
    return DeskAndHub(ctx)


def test_what_the_services_write_the_hub_accepts(ctx: Any, desk: DeskAndHub) -> None:
    from desk_app.services import contacts, incidents, regions

    admin = ctx.actor
    with ctx.db.write() as session:
        auth.add_user(session, admin, "ops", Role.OPERATOR, password="kata-sandi-ops")
        auth.add_user(session, admin, "koor", Role.COORDINATOR, password="kata-sandi-koor")
        auth.set_personal_data_roles(session, admin, [Role.COORDINATOR, Role.OPERATOR])
    assert desk.push() == []
    with ctx.db.read() as session:
        ops, koor = auth.actor_for(session, "ops"), auth.actor_for(session, "koor")
    with ctx.db.write() as session:
        detail = incidents.create_incident(
            session,
            ops,
            incidents.IncidentInput(
                title="Hoaks\tTPS dipindah",
                region_code="33.74",
                category="NETRALITAS",
                neutrality_subject="ASN",
                severity=3,
                source_type="MEDSOS",
                link="https://www.facebook.com/posts/1",
                reporter_name="Budi",
                description="Baris satu\r\nbaris dua",
            ),
        )
        contact = contacts.create_contact(
            session,
            ops,
            contacts.ContactInput(
                name="Slamet",
                category="TOKOH_AGAMA",
                forums=["FKUB"],
                region_codes=["33.74"],
                phones=["0812-3456-7890"],
                whatsapp="0812 3456 7890",
                email="slamet@example.org",
                social={"instagram": "@slamet"},
            ),
        )
        contacts.log_engagement(session, ops, contact.row.id, "PERTEMUAN", "Rapat koordinasi")
        auth.set_password(session, ops, "ops", "sandi-baru-ops")
    assert desk.push() == []
    with ctx.db.write() as session:
        incidents.change_status(session, koor, detail.id, "terverifikasi", "Dicek")
        incidents.change_status(session, ops, detail.id, "ditindaklanjuti", "Ditangani")
        incidents.add_follow_up(session, ops, detail.id, "BAWASLU", "Koordinasi Bawaslu")
        regions.set_alert_level(session, koor, "33.74", "siaga", "Eskalasi")
        regions.update_region_details(session, koor, "33.74", status_note="Pantau", liaison="Pak A")
        auth.set_role(session, admin, "ops", Role.COORDINATOR)
    assert desk.push() == []
    with ctx.db.write() as session:
        contacts.delete_contact(session, koor, contact.row.id)
        incidents.delete_incident(session, koor, detail.id)
    assert desk.push() == []


def test_a_tampered_desk_database_changes_nothing_at_the_hub(ctx: Any, desk: DeskAndHub) -> None:
    """The attack: an operator edits their own desk.sqlite3 to be administrator, with a
    version string that sorts above every clock."""
    admin = ctx.actor
    with ctx.db.write() as session:
        auth.add_user(session, admin, "ops", Role.OPERATOR, password="kata-sandi-ops")
    assert desk.push() == []
    with ctx.db.write() as session:
        session.connection().exec_driver_sql(
            "UPDATE user_account SET role = 'admin', versions = json_set(versions, '$.role', '9'),"
            " updated_by = id WHERE username = 'ops'"
        )
    (refusal,) = desk.push()
    assert (refusal.table, refusal.rule, refusal.field) == ("user_account", "bad_version", "role")
    with ctx.db.write() as session:
        session.connection().exec_driver_sql(
            "UPDATE user_account SET role = 'admin', versions = json_set(versions, '$.role', ?),"
            " updated_by = id WHERE username = 'ops'",
            (Timestamp(wall_clock_ms(), 0, ctx.site_id).encode(),),
        )
    (refusal,) = desk.push()
    assert (refusal.rule, refusal.field) == ("permission", "role")
