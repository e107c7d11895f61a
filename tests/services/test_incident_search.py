"""The incidents search finds what staff type: references whole or in part, Indonesian
words under their prefixes and suffixes, short words, and an upgraded database."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import text

from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.db import MIGRATION_PROGRESS, make_engine, upgrade
from desk_app.services import incidents as svc
from desk_app.services.actor import Actor
from desk_app.services.incident_search import SearchQuery, search_query


def _create(ctx: AppContext, actor: Actor, title: str, description: str = "") -> str:
    data = svc.IncidentInput(
        title=title,
        region_code="33.74",
        category="KAMPANYE",
        severity=2,
        source_type="OBSERVASI",
        kecamatan="Tembalang",
        desa="Bulusan",
        description=description,
    )
    with ctx.db.write() as s:
        return svc.create_incident(s, actor, data).ref


def _found(ctx: AppContext, search: str) -> set[str]:
    with ctx.db.read() as s:
        rows = svc.list_incidents(s, svc.IncidentFilter(search=search), limit=500)
        assert svc.count_incidents(s, svc.IncidentFilter(search=search)) == len(rows)
    return {r.ref for r in rows}


@pytest.fixture
def texts(ctx: AppContext, admin: Actor) -> dict[str, str]:
    """Incidents named by what they say; their refs are GB1-<year>-0000<n>."""
    made = {
        "dirobek": _create(ctx, admin, "Baliho paslon dirobek orang tak dikenal"),
        "disobek": _create(ctx, admin, "Spanduk disobek di depan balai desa"),
        "dibakar": _create(ctx, admin, "Posko pemenangan dibakar massa"),
        "pembakaran": _create(
            ctx, admin, "Laporan warga", "Terjadi pembakaran alat peraga kampanye."
        ),
        "memukul": _create(ctx, admin, "Pendukung memukul relawan"),
        "banjir": _create(ctx, admin, "Banjir di gudang logistik"),
    }
    return made


def test_a_word_finds_it_under_indonesian_prefixes_and_suffixes(
    ctx: AppContext, texts: dict[str, str]
) -> None:
    assert _found(ctx, "robek") == {texts["dirobek"]}
    assert _found(ctx, "sobek") == {texts["disobek"]}
    assert _found(ctx, "bakar") == {texts["dibakar"], texts["pembakaran"]}  # description too
    assert _found(ctx, "BAKAR") == {texts["dibakar"], texts["pembakaran"]}
    # meN- turns a root's p into m: "pukul" is not in "memukul", its nasal form is.
    assert _found(ctx, "pukul") == {texts["memukul"]}
    # Every typed term must match; the prefix while typing still works.
    assert _found(ctx, "bakar posko") == {texts["dibakar"]}
    assert _found(ctx, "pemba") == {texts["pembakaran"]}
    assert _found(ctx, "gempa") == set()


def test_a_reference_is_found_whole_or_in_part(
    ctx: AppContext, admin: Actor, texts: dict[str, str]
) -> None:
    first = texts["dirobek"]
    code, year, number = first.split("-")
    assert number == "00001"
    assert _found(ctx, first) == {first}
    assert _found(ctx, first.lower()) == {first}
    assert _found(ctx, f"{year}-{number}") == {first}
    assert _found(ctx, number) == {first}
    assert _found(ctx, f" {number} ") == {first}
    # The beginning of a reference, as typed: every incident of that year on this desk.
    assert _found(ctx, f"{code}-{year}") == set(texts.values())
    # A ref and a word together must both match.
    assert _found(ctx, f"{number} robek") == {first}
    assert _found(ctx, f"{number} banjir") == set()


def test_short_words_match_whole_words_and_the_last_one_as_a_prefix(
    ctx: AppContext, texts: dict[str, str]
) -> None:
    # Typed alone, the words beginning with "di" (not "Terjadi" in the description).
    assert _found(ctx, "di") == {
        texts["dirobek"],
        texts["disobek"],
        texts["dibakar"],
        texts["banjir"],
    }
    # Followed by another word, "di" is a whole word.
    assert _found(ctx, "banjir di") == {texts["banjir"]}
    assert _found(ctx, "di banjir") == {texts["banjir"]}
    # Beside a longer word, a short one is the beginning of a word, wherever it is.
    assert _found(ctx, "spanduk ba") == {texts["disobek"]}  # "balai"
    assert _found(ctx, "posko ma") == {texts["dibakar"]}  # "massa"
    assert _found(ctx, "posko ba") == set()  # "dibakar" has "ba" inside, not at its start
    assert _found(ctx, "kampanye pe") == {texts["pembakaran"]}  # in the description
    # Two letters typed so far: words that begin with them.
    assert _found(ctx, "ba") == {texts["dirobek"], texts["disobek"], texts["banjir"]}
    # One letter typed after a word: the word alone, until the second letter comes.
    assert _found(ctx, "banjir g") == {texts["banjir"]}


def test_search_query_splits_what_is_typed_between_the_two_indexes() -> None:
    assert search_query("") is None
    assert search_query("h") is None
    # Only short words: the whole-word index, as before.
    assert search_query("ho") == SearchQuery(None, '"ho"*')
    assert search_query("di ho") == SearchQuery(None, '"di" "ho"*')
    assert search_query("robek") == SearchQuery('"robek"')
    assert search_query("Sobek") == SearchQuery('("sobek" OR "nyobek")')
    assert search_query("VW4D-2026-00001") == SearchQuery('"vw4d-2026-00001"')
    # Short words beside a long one: checked as word beginnings on its matches.
    assert search_query("bakar di") == SearchQuery('"bakar"', word_starts=("di",))
    assert search_query("Di bakar x") == SearchQuery('"bakar"', word_starts=("di",))
    assert search_query("a_ bakar").word_start_patterns() == ["% a\\_%"]  # type: ignore[union-attr]
    # Quotes and operators are text, not syntax.
    assert search_query('"; DROP OR') == SearchQuery('"drop"', word_starts=("or",))


def test_the_index_follows_edits_and_deletes(
    ctx: AppContext, admin: Actor, texts: dict[str, str]
) -> None:
    with ctx.db.read() as s:
        robek = svc.find_by_ref(s, texts["dirobek"])
        bakar = svc.find_by_ref(s, texts["dibakar"])
    with ctx.db.write() as s:
        svc.edit_fields(s, admin, robek, title="Baliho paslon dicoret")
    assert _found(ctx, "robek") == set()
    assert _found(ctx, "coret") == {texts["dirobek"]}
    with ctx.db.write() as s:
        svc.delete_incident(s, admin, bakar)
    assert _found(ctx, "bakar") == {texts["pembakaran"]}
    assert _found(ctx, texts["dibakar"]) == set()


def test_an_upgraded_database_indexes_the_incidents_it_already_had(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data_dir = tmp_path / "old"
    # A desk of today, taken back to revision 0011 (no trigram index), with incidents.
    context = open_context(data_dir, workstation_code="GB1")
    actor = sign_in_as(context, "admin")
    ref = _create(context, actor, "Spanduk dirobek", "Pelaku membakar sisa spanduk.")
    context.close()
    engine = make_engine(data_dir / "desk.sqlite3")
    from alembic import command

    from desk_app.db import alembic_config

    command.downgrade(alembic_config(engine), "0011")
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert "incident_fts_trigram" not in names
    caplog.set_level(logging.INFO, logger=MIGRATION_PROGRESS)
    upgrade(engine)
    engine.dispose()
    # Its progress, for the window's status bar: one batch here.
    assert [r.progress for r in caplog.records if r.name == MIGRATION_PROGRESS] == [(1, 1)]  # type: ignore[attr-defined]
    context = open_context(data_dir)
    try:
        assert _found(context, "robek") == {ref}
        assert _found(context, "bakar") == {ref}
        assert _found(context, ref.split("-")[-1]) == {ref}
        # New incidents go to the index through the triggers the upgrade made.
        actor = sign_in_as(context, "admin")
        later = _create(context, actor, "Baliho disobek")
        assert _found(context, "sobek") == {later}
    finally:
        context.close()
