"""Importing and exporting incidents and contacts: CSV, XLSX, vCard."""

from __future__ import annotations

import csv
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.models import AuditEntry, Contact, Counter, Incident
from desk_app.models.sync import OutboxEntry
from desk_app.services import contacts, exporting, importing, incidents
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactFilter, ContactInput
from desk_app.services.export import write_csv
from desk_app.services.importing import ImportCancelledError, ImportFileError
from desk_app.services.incidents import IncidentFilter, IncidentInput

NOW = datetime.now(UTC).replace(second=0, microsecond=0)


def _incident(ctx: AppContext, actor: Actor, **kw: object) -> incidents.IncidentDetail:
    data = IncidentInput(
        title="Hoaks surat suara tercoblos",
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        occurred_at=NOW - timedelta(hours=3),
        reported_at=NOW - timedelta(hours=2),
    )
    for key, value in kw.items():
        setattr(data, key, value)
    with ctx.db.write() as s:
        return incidents.create_incident(s, actor, data)


def _count(ctx: AppContext, model: type[Incident] | type[Contact]) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(~model.deleted)) or 0)


def _import(ctx: AppContext, actor: Actor, kind: importing.Kind, path: Path, **kw: object):
    table = importing.read_table(path)
    mapping = importing.guess_mapping(kind, table.headers)
    assert importing.check_mapping(kind, mapping, table.headers) == []
    with ctx.db.write() as s:
        return importing.import_rows(s, actor, kind, path, mapping, **kw)  # type: ignore[arg-type]


_COMPARED = (
    "title",
    "region_code",
    "category",
    "severity",
    "source_type",
    "occurred_at",
    "reported_at",
    "kecamatan",
    "desa",
    "neutrality_subject",
    "platform",
    "link",
    "reporter_name",
    "reporter_contact",
    "description",
)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_incident_export_then_import_gives_the_same_records(
    ctx: AppContext, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    originals = [
        _incident(ctx, admin),
        _incident(
            ctx,
            admin,
            title="=cmd|' /C calc'!A0 ASN kampanye",
            category="NETRALITAS",
            neutrality_subject="ASN",
            severity=3,
            region_code="33.01",
            kecamatan="Kroya",
            desa="Pesanggrahan",
            link="https://www.facebook.com/post/1",
            reporter_name="Bu Siti",
            reporter_contact="+6281234567890",
            description='Baris satu\nbaris dua, dengan koma; dan "kutip"',
        ),
    ]
    path = tmp_path / f"insiden{suffix}"
    with ctx.db.read() as s:
        assert exporting.export_incidents(s, admin, IncidentFilter(), path) == 2
    with ctx.db.write() as s:
        for d in originals:
            incidents.delete_incident(s, admin, d.id)

    report = _import(ctx, admin, "incidents", path)

    assert (report.total, report.imported, report.bad) == (2, 2, [])
    with ctx.db.read() as s:
        back = [incidents.get_incident(s, admin, i) for i in report.created_ids]
    by_title = {d.title: d for d in back}
    for original in originals:
        copy = by_title[original.title]
        for name in _COMPARED:
            assert getattr(copy, name) == getattr(original, name), name


def test_exported_cells_are_never_live_formulas(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _incident(ctx, admin, title='=HYPERLINK("http://x")', description="@SUM(A1)")
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "i.csv")
        exporting.export_incidents(s, admin, IncidentFilter(), tmp_path / "i.xlsx")
    with (tmp_path / "i.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    ws = load_workbook(tmp_path / "i.xlsx").active
    assert ws is not None
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_export_shows_only_the_filtered_rows(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    _incident(ctx, admin, title="Baliho dirusak", category="KAMPANYE")
    _incident(ctx, admin, title="Hoaks TPS", category="HOAKS")
    with ctx.db.read() as s:
        n = exporting.export_incidents(
            s, admin, IncidentFilter(categories=("KAMPANYE",)), tmp_path / "k.csv"
        )
    assert n == 1
    assert "Baliho dirusak" in (tmp_path / "k.csv").read_text(encoding="utf-8-sig")


def test_bad_rows_are_reported_and_only_good_rows_imported(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "in.csv"
    write_csv(
        path,
        ["Judul", "Kabupaten/kota", "Kategori", "Tingkat keparahan", "Sumber", "Waktu kejadian"],
        [
            ["Baik", "Kota Semarang", "Hoaks / disinformasi", "Tinggi", "MEDSOS", "01/11/2024"],
            ["", "33.74", "HOAKS", "2", "MEDSOS", ""],
            ["Wilayah salah", "99.99", "HOAKS", "9", "MEDSOS", "kemarin"],
        ],
    )
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    with ctx.db.read() as s:
        checked = importing.validate_rows(s, "incidents", path, mapping)
    assert (checked.total, checked.good) == (3, 1)
    assert [b.line for b in checked.bad] == [3, 4]
    assert checked.bad[0].errors == {"title": "required"}
    assert checked.bad[1].errors == {
        "region": "unknown_region",
        "severity": "severity_range",
        "occurred_at": "invalid_date",
    }
    assert _count(ctx, Incident) == 0  # validating writes nothing

    report = _import(ctx, admin, "incidents", path)
    assert report.imported == 1
    with ctx.db.read() as s:
        d = incidents.get_incident(s, admin, report.created_ids[0])
    assert (d.region_code, d.category, d.severity) == ("33.74", "HOAKS", 3)

    # The bad rows go to a file with an error column, fixed there and imported again.
    bad = tmp_path / "bad.csv"
    importing.write_bad_rows(bad, table.headers, checked.bad)
    with bad.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][-1] == "Kesalahan"
    assert "Judul: wajib diisi" in rows[1][-1]
    rows[1][0] = "Diperbaiki"
    rows[2][1:6] = ["33.01", "HOAKS", "2", "MEDSOS", "2024-11-01 10:00"]
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert _import(ctx, admin, "incidents", bad).imported == 2


def test_cancel_writes_nothing(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    write_csv(
        path,
        ["title", "region", "category", "severity", "source_type"],
        [[f"Insiden {i}", "33.74", "HOAKS", "1", "MEDSOS"] for i in range(30)],
    )
    seen = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > 20

    with pytest.raises(ImportCancelledError):
        _import(ctx, admin, "incidents", path, cancelled=cancelled)
    assert _count(ctx, Incident) == 0


def test_an_error_midway_rolls_back_every_row(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.csv"
    write_csv(
        path,
        ["title", "region", "category", "severity", "source_type"],
        [[f"Insiden {i}", "33.74", "HOAKS", "1", "MEDSOS"] for i in range(5)],
    )
    real = incidents.reference_counter
    calls = []

    def failing(*args: object, **kw: object) -> object:
        calls.append(1)
        if len(calls) == 4:
            raise OSError("disk full")
        return real(*args, **kw)  # type: ignore[arg-type]

    # Two rows per statement: the first batch is written before the fourth row fails.
    monkeypatch.setattr(importing, "BATCH_ROWS", 2)
    monkeypatch.setattr(incidents, "reference_counter", failing)
    with pytest.raises(OSError):
        _import(ctx, admin, "incidents", path)
    assert len(calls) == 4 and _count(ctx, Incident) == 0


def test_legacy_encoding_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("name;category\nJosé Café;TOKOH_AGAMA\n".encode("cp1252"))
    table = importing.read_table(path)
    assert table.encoding_fallback and table.encoding == "cp1252"
    assert table.headers == ("name", "category")
    assert table.preview == (("José Café", "TOKOH_AGAMA"),)


def test_utf8_with_bom_is_not_a_fallback(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_text("Nama,Kategori\nKH Ahmad,x\n", encoding="utf-8-sig")
    table = importing.read_table(path)
    assert not table.encoding_fallback
    assert table.headers == ("Nama", "Kategori")


def test_truncated_files_give_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('title,region\n"Hoaks di,33.74\n', encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        list(importing.iter_table(path))
    assert err.value.code == "truncated_file"

    book = tmp_path / "book.xlsx"
    from desk_app.services.export import write_xlsx

    write_xlsx(book, ["a", "b"], [[1, 2]] * 100)
    book.write_bytes(book.read_bytes()[:500])
    with pytest.raises(ImportFileError) as err:
        importing.read_table(book)
    assert err.value.code == "truncated_file"

    with pytest.raises(ImportFileError) as err:
        importing.read_table(tmp_path / "x.pdf")
    assert err.value.code == "unsupported_format"

    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        importing.read_table(empty)
    assert err.value.code == "empty_file"


def test_preview_is_capped_and_progress_reported(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_csv(path, ["title"], ([f"row {i}"] for i in range(5000)))
    table = importing.read_table(path, preview_rows=10)
    assert len(table.preview) == 10
    progress: list[tuple[int, int]] = []
    rows = sum(1 for _ in importing.iter_table(path, progress=lambda d, t: progress.append((d, t))))
    assert rows == 5001
    assert progress[-1][0] == progress[-1][1] > 0


def _contact(ctx: AppContext, actor: Actor, **kw: object) -> str:
    data = ContactInput(
        name="Ahmad Fauzi",
        category="TOKOH_AGAMA",
        honorific="KH",
        position="Ketua",
        organisation="FKUB Kota Semarang",
        forums=["FKUB"],
        region_codes=["33.74"],
        phones=["0812-3456-7890"],
        whatsapp="0812 3456 7890",
        email="ahmad@example.org",
        address="Jl. Pemuda 1, Semarang",
        basis="Persetujuan lisan",
        notes="Hadir rapat 1 Nov",
    )
    for key, value in kw.items():
        setattr(data, key, value)
    with ctx.db.write() as s:
        return contacts.create_contact(s, actor, data).row.id


def _contact_tuple(ctx: AppContext, actor: Actor, contact_id: str) -> tuple[object, ...]:
    with ctx.db.read() as s:
        c = contacts.input_of(s, contact_id)
    return (
        c.name,
        c.category,
        c.honorific,
        c.position,
        c.organisation,
        sorted(c.forums),
        sorted(c.region_codes),
        c.province_wide,
        c.phones,
        c.whatsapp,
        c.email,
        c.address,
        c.notes,
    )


def _contact_terms(ctx: AppContext) -> tuple[str, str]:
    from desk_app.models.enums import TaxonomyKind
    from desk_app.services.taxonomy import terms

    with ctx.db.read() as s:
        cat = terms(s, TaxonomyKind.CONTACT_CATEGORY)[0].code
        forum = terms(s, TaxonomyKind.FORUM)[0].code
    return cat, forum


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".vcf"])
def test_contact_export_then_import_gives_the_same_records(
    ctx: AppContext, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    cat, forum = _contact_terms(ctx)
    ids = [
        _contact(ctx, admin, category=cat, forums=[forum]),
        _contact(
            ctx,
            admin,
            name="Sri Wahyuni",
            honorific="Dr.",
            category=cat,
            forums=[],
            region_codes=[],
            province_wide=True,
            phones=["+62 813-1111-2222", "024 8311 111"],
            whatsapp="",
            email="",
            address="",
            notes="",
        ),
    ]
    before = sorted(_contact_tuple(ctx, admin, i) for i in ids)
    path = tmp_path / f"kontak{suffix}"
    with ctx.db.read() as s:
        assert exporting.export_contacts(s, admin, ContactFilter(), path) == 2
    with ctx.db.write() as s:
        for i in ids:
            contacts.delete_contact(s, admin, i)
    report = _import(ctx, admin, "contacts", path)
    assert report.bad == [] and report.imported == 2
    after = sorted(_contact_tuple(ctx, admin, i) for i in report.created_ids)
    assert after == before


def test_contact_with_bad_phone_is_a_bad_row(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    cat, _ = _contact_terms(ctx)
    path = tmp_path / "c.csv"
    write_csv(path, ["Nama", "Kategori", "Nomor telepon"], [["Budi", cat, "12345"]])
    report = _import(ctx, admin, "contacts", path)
    assert report.imported == 0
    assert report.bad[0].errors == {"phones": "invalid_phone"}


def test_masked_export_for_roles_without_personal_data(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    cat, _ = _contact_terms(ctx)
    _contact(ctx, admin, category=cat, forums=[], social={"instagram": "@ahmadfauzi"})
    viewer = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    with ctx.db.read() as s:
        exporting.export_contacts(s, viewer, ContactFilter(), tmp_path / "m.csv")
        exporting.export_contacts(s, admin, ContactFilter(), tmp_path / "all.csv")
    text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig")
    assert "3456" not in text and "ahmad@example.org" not in text and "•••890" in text
    assert "ahmadfauzi" not in text  # social accounts are personal data too
    assert "instagram: @ahmadfauzi" in (tmp_path / "all.csv").read_text(encoding="utf-8-sig")


_cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda t: t.strip() == t and t.strip())


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(_cell_text, min_size=1, max_size=5))
def test_any_text_survives_a_csv_round_trip(tmp_path: Path, cells: list[str]) -> None:
    path = tmp_path / "p.csv"
    write_csv(path, [f"c{i}" for i in range(len(cells))], [cells])
    rows = list(importing.iter_table(path))
    assert rows[1] == cells


def test_mapping_is_guessed_from_titles_and_near_titles() -> None:
    mapping = importing.guess_mapping(
        "incidents", ["Judul laporan", "Kabupaten/kota", "Keparahan", "Nama pelapor", "Status"]
    )
    assert mapping == {
        "title": "Judul laporan",
        "region": "Kabupaten/kota",
        "severity": "Keparahan",
        "reporter_name": "Nama pelapor",
    }


def test_an_import_reads_reference_data_once_not_per_row(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    """Regions, taxonomies and the desk's state are read once per import: reading them
    for every row made an import of 5,000 incidents take 40 s."""
    import re

    from sqlalchemy import event

    path = tmp_path / "in.csv"
    regions = ["33.74", "33.11", "33.01"]
    write_csv(
        path,
        ["title", "region", "category", "severity", "source_type", "link"],
        [
            [f"Insiden {i}", regions[i % 3], "HOAKS", "1", "MEDSOS", f"https://x.com/a/status/{i}"]
            for i in range(30)
        ],
    )
    tables: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        found = re.search(r"^SELECT\s.*?\sFROM\s+(\w+)", statement, re.S)
        if found:
            tables.append(found.group(1))

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    try:
        report = _import(ctx, admin, "incidents", path)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", count)
    assert report.imported == 30
    assert 0 < tables.count("taxonomy_term") <= 12  # once per taxonomy, not per row
    assert tables.count("region") <= 4  # once per region code, and the import's lookups
    assert tables.count("local_state") <= 1 and tables.count("local_counter") <= 1
    assert tables.count("incident") <= 31  # the check that each new number is free


def test_a_contact_import_reads_the_regions_once_not_per_row(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    import re

    from sqlalchemy import event

    path = tmp_path / "kontak.csv"
    write_csv(
        path,
        ["Nama", "Kategori", "Wilayah", "Nomor telepon"],
        [[f"Kontak {i}", "MEDIA", "33.74; 33.11", f"08123456{i:04d}"] for i in range(30)],
    )
    regions: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if re.search(r"^SELECT\s.*?\sFROM\s+region\b", statement, re.S):
            regions.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    try:
        report = _import(ctx, admin, "contacts", path)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", count)
    assert (report.imported, report.bad_count) == (30, 0)
    assert len(regions) <= 2  # the import's lookups and the codes the check knows


def test_reference_data_is_cached_only_inside_the_block(ctx: AppContext, admin: Actor) -> None:
    from desk_app.models import TaxonomyTerm
    from desk_app.models.enums import TaxonomyKind
    from desk_app.services.records import reference_cache
    from desk_app.services.taxonomy import term_codes

    kind = TaxonomyKind.INCIDENT_CATEGORY
    with ctx.db.write() as s:
        with reference_cache(s):
            before = term_codes(s, kind)
            s.add(TaxonomyTerm(kind=kind.value, code="BARU_SAJA", name_id="Baru", name_en="New"))
            s.flush()
            assert term_codes(s, kind) is before  # kept for the block
        assert "BARU_SAJA" in term_codes(s, kind)  # read afresh outside it
        s.rollback()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_export_names_statuses_regions_and_categories_and_keeps_codes_apart(
    ctx: AppContext, admin: Actor, tmp_path: Path, lang: str
) -> None:
    original = _incident(
        ctx,
        admin,
        category="NETRALITAS",
        neutrality_subject="ASN",
        severity=4,
        region_code="33.01",
        platform="FACEBOOK",
    )
    path = tmp_path / "insiden.xlsx"
    with ctx.db.read() as s:
        exporting.export_incidents(s, admin, IncidentFilter(), path, lang)
    ws = load_workbook(path).active
    assert ws is not None
    header, row = [[c.value for c in r] for r in ws.iter_rows(max_row=2)]
    cells = dict(zip(header, row, strict=True))
    if lang == "id":
        assert cells["Status"] == "Baru" and cells["Kode status"] == "baru"
        assert cells["Kabupaten/kota"] == "Kabupaten Cilacap" and cells["Kode wilayah"] == "33.01"
        assert cells["Kategori"] == "Pelanggaran netralitas"
        assert cells["Kode kategori"] == "NETRALITAS"
        assert cells["Tingkat keparahan"] == "Kritis" and cells["Keparahan (angka)"] == 4
    else:
        assert cells["Status"] == "New" and cells["Status code"] == "baru"
        assert cells["Regency/city"] == "Kabupaten Cilacap" and cells["Region code"] == "33.01"
        assert cells["Category"] == "Neutrality violation"
        assert cells["Severity"] == "Critical" and cells["Severity (number)"] == 4
    main = [v for h, v in cells.items() if "ode" not in str(h) and "(" not in str(h)]
    for code in ("NETRALITAS", "baru", "33.01", "FACEBOOK", "MEDSOS"):
        assert code not in main
    # ... and the file comes back in, read from its code columns.
    with ctx.db.write() as s:
        incidents.delete_incident(s, admin, original.id)
    report = _import(ctx, admin, "incidents", path)
    assert report.bad == [] and report.imported == 1
    with ctx.db.read() as s:
        copy = incidents.get_incident(s, admin, report.created_ids[0])
    for name in _COMPARED:
        assert getattr(copy, name) == getattr(original, name), name


def test_a_contact_export_names_its_category_forums_and_regions(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from desk_app.models.enums import TaxonomyKind
    from desk_app.services.taxonomy import terms

    cat, forum = _contact_terms(ctx)
    _contact(ctx, admin, category=cat, forums=[forum], region_codes=["33.74"])
    path = tmp_path / "kontak.csv"
    with ctx.db.read() as s:
        exporting.export_contacts(s, admin, ContactFilter(), path)
        cat_name = next(t.name_id for t in terms(s, TaxonomyKind.CONTACT_CATEGORY) if t.code == cat)
        forum_name = next(t.name_id for t in terms(s, TaxonomyKind.FORUM) if t.code == forum)
    with path.open(encoding="utf-8-sig") as fh:
        header, row = list(csv.reader(fh))[:2]
    cells = dict(zip(header, row, strict=True))
    assert cells["Kategori"] == cat_name and cells["Kode kategori"] == cat
    assert cells["Forum"] == forum_name and cells["Kode forum"] == forum
    assert cells["Wilayah"] == "Kota Semarang" and cells["Kode wilayah"] == "'33.74"


# --- a batched import leaves what creating the rows one by one leaves ----------------------

_BOOKKEEPING = {"id", "created_at", "created_by", "updated_at", "updated_by", "origin_version"}


def _incident_inputs() -> list[IncidentInput]:
    places = [("Tembalang", "Bulusan"), ("Banyumanik", ""), ("", "")]
    return [
        IncidentInput(
            title=f"Baliho paslon dirobek nomor {n}",
            region_code="33.74" if n % 2 else "33.72",
            category="NETRALITAS" if n == 4 else "KAMPANYE",
            neutrality_subject="ASN" if n == 4 else None,
            severity=1 + n % 4,
            source_type="MEDSOS",
            occurred_at=NOW - timedelta(hours=30 - n),
            reported_at=NOW - timedelta(hours=20 - n),
            kecamatan=places[n % 3][0],
            desa=places[n % 3][1],
            link=f"https://x.com/akun{n}/status/{n}" if n % 3 else "",
            reporter_name="Pak Budi" if n % 2 else "",
            reporter_contact="0812345678" if n == 5 else "",
            description=f"Ditemukan pembakaran alat peraga ke-{n}\nbaris kedua",
        )
        for n in range(11)
    ]


def _as_cells(data: IncidentInput) -> list[str]:
    def moment(value: datetime | None) -> str:
        assert value is not None
        return value.astimezone(UTC).isoformat()

    return [
        data.title, data.region_code, data.category, str(data.severity), data.source_type,
        moment(data.occurred_at), moment(data.reported_at), data.kecamatan, data.desa,
        data.neutrality_subject or "", data.link, data.reporter_name, data.reporter_contact,
        data.description,
    ]  # fmt: skip


def _left_behind(ctx: AppContext, actor: Actor) -> dict[str, object]:
    """Everything the created incidents left in the database, keyed by reference: their
    columns, audit entries, outbox entries and both full-text indexes (without ids, times
    and the clock's versions, which differ between two databases)."""
    table = Incident.__table__
    with ctx.db.read() as s:
        rows = {r.ref: r for r in s.execute(select(table)).all()}
        by_id = {r.id: ref for ref, r in rows.items()}
        audits = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "incident")).all()
        audit_ids = {a.id for a in audits}
        outbox = s.execute(select(OutboxEntry.table_name, OutboxEntry.record_id, OutboxEntry.base))
        outbox_rows = [
            (t, by_id.get(rid, "audit" if rid in audit_ids else rid), base)
            for t, rid, base in outbox
            if rid in by_id or rid in audit_ids
        ]
        words = s.execute(
            text("SELECT i.ref, f.title, f.description, f.place FROM incident_fts f "
                 "JOIN incident i ON i.rowid = f.rowid")
        ).all()  # fmt: skip
        trigrams = s.execute(
            text("SELECT i.ref, f.ref, f.title, f.description, f.place "
                 "FROM incident_fts_trigram f JOIN incident i ON i.rowid = f.rowid")
        ).all()  # fmt: skip
        counters = {name: value for name, value in s.execute(select(Counter.name, Counter.value))}
    for row in rows.values():
        assert row.created_by == row.updated_by == actor.user_id
        assert row.versions == {}
    for audit in audits:
        incident = rows[by_id[audit.record_id]]
        # The audit entry carries the version the incident was created with.
        assert audit.origin_version == incident.origin_version
        assert audit.created_by == actor.user_id
    return {
        "incidents": {
            ref: {c.key: getattr(r, c.key) for c in table.columns if c.key not in _BOOKKEEPING}
            for ref, r in rows.items()
        },
        "audits": sorted(
            (by_id[a.record_id], a.action, json.dumps(a.changes, sort_keys=True)) for a in audits
        ),
        "outbox": sorted(outbox_rows, key=repr),
        "word_index": sorted(tuple(r) for r in words),
        "trigram_index": sorted(tuple(r) for r in trigrams),
        "counters": counters,
    }


def test_a_batched_import_leaves_what_one_by_one_creation_leaves(
    ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of four rows, written three rows to a statement: full statements, a
    # shorter last statement of a batch, and a shorter last batch.
    monkeypatch.setattr(importing, "BATCH_ROWS", 4)
    monkeypatch.setattr(importing, "ROWS_PER_STATEMENT", 3)
    inputs = _incident_inputs()
    path = tmp_path / "insiden.csv"
    fields = [
        "title", "region", "category", "severity", "source_type", "occurred_at", "reported_at",
        "kecamatan", "desa", "neutrality_subject", "link", "reporter_name", "reporter_contact",
        "description",
    ]  # fmt: skip
    headers = [importing.column_title(name) for name in fields]
    bad = [*_as_cells(inputs[0])]
    bad[1] = "99.99"
    write_csv(path, headers, [*map(_as_cells, inputs[:6]), bad, *map(_as_cells, inputs[6:])])
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    assert mapping == dict(zip(fields, headers, strict=True))
    with ctx.db.write() as s:
        report = importing.import_rows(s, admin, "incidents", path, mapping)
    assert (report.imported, report.bad_count) == (11, 1)

    # The same incidents logged one by one, as the form does, on a desk of the same code.
    (tmp_path / "by-hand").mkdir()
    by_hand = open_context(tmp_path / "by-hand", workstation_code="GB1")
    try:
        sign_in_as(by_hand, "admin")
        assert by_hand.actor is not None
        for data in inputs:
            with by_hand.db.write() as s:
                incidents.add_incident(s, by_hand.actor, data)
        expected = _left_behind(by_hand, by_hand.actor)
    finally:
        by_hand.close()

    imported = _left_behind(ctx, admin)
    assert imported == expected
    assert len(imported["audits"]) == 11  # type: ignore[arg-type]
    assert len(imported["outbox"]) == 22  # type: ignore[arg-type]
    year = datetime.now(UTC).year
    # Found by the word index (a whole word) and the trigram index (part of a word, part
    # of a reference), as incidents logged by hand are.
    with ctx.db.read() as s:
        found = incidents.list_incidents(s, IncidentFilter(search="dirobek"), limit=50)
        parts = incidents.list_incidents(s, IncidentFilter(search="robek"), limit=50)
        by_ref = incidents.list_incidents(s, IncidentFilter(search="-00007"), limit=50)
    assert len(found) == len(parts) == 11
    assert [r.ref for r in by_ref] == [f"GB1-{year}-00007"]


def _reference_rows(path: Path) -> list[list[object]]:
    """A sheet's rows as openpyxl's own ``iter_rows`` reads them (dimensions reset)."""
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # type: ignore[union-attr]
        return [
            [importing._clean_cell(v) for v in row[: importing.MAX_COLUMNS]]
            for row in ws.iter_rows(values_only=True)
        ]
    finally:
        wb.close()


def test_a_sheet_is_read_as_openpyxl_reads_it(tmp_path: Path) -> None:
    """Inline strings are read without openpyxl's rich-text objects; every other cell by
    openpyxl. Plain, rich and phonetic inline text, shared strings, numbers, dates,
    booleans, rows and cells left out, a repeated row and one far to the right all read
    as openpyxl reads them."""
    path = tmp_path / "mixed.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Judul", "Angka", "Tanggal", "Benar"])
    ws.append(["Hoaks ", 2.5, datetime(2026, 11, 2, 8, 30), True])
    wb.save(path)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Judul</t></is></c>'
        '<c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Tanggal</t></is></c>'
        '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> Benar </t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>Baliho </t></r>'
        '<r><t>dirobek</t></r><r><t/></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
        '<c r="B2"><v>2.5</v></c><c r="C2" s="1"><v>46328.35416666666</v></c>'
        '<c r="D2" t="b"><v>1</v></c></row>'
        '<row r="4"><c r="B4" t="inlineStr"><is><t>Semarang</t><r><t> Timur</t></r></is></c>'
        '<c r="D4" t="inlineStr"><is/></c><c r="E4" t="inlineStr"/><c t="inlineStr">'
        '<is><t>tanpa alamat</t></is></c><c r="H4" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>lagi</t></is></c></row>'
        '<row><c t="inlineStr"><is><t>tanpa nomor</t></is></c></row>'
        '<row r="9"><c r="A9" t="inlineStr"><is><t>akhir</t></is></c>'
        '<c r="IW9" t="inlineStr"><is><t>jauh</t></is></c></row>'
    )
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start, end = sheet.index("<sheetData>") + len("<sheetData>"), sheet.index("</sheetData>")
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + rows + sheet[end:]).encode()
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{main}" count="2" uniqueCount="2"><si><t>Angka</t></si>'
        "<si><r><t>Kota</t></r><r><t> Lama</t></r></si></sst>"
    ).encode()
    relations = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = relations.replace(
        "</Relationships>",
        '<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        '-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)

    read = list(importing.iter_table(path))
    assert read == _reference_rows(path)
    assert read[0] == ["Judul", "Angka", "Tanggal", "Benar"]
    assert read[1] == ["Baliho dirobek", "2.5", datetime(2026, 11, 2, 8, 30), "True"]
    assert read[2] == []
    assert read[3] == ["", "Semarang Timur", "", "", "", "tanpa alamat", "", "Kota Lama"]
    # The repeated row 2 and the unnumbered row after it (row 3) are skipped; rows 5-8
    # are blank; row 9's far cell is beyond the columns read.
    assert read[4:8] == [[], [], [], []]
    assert read[8][0] == "akhir" and len(read[8]) == importing.MAX_COLUMNS
    assert len(read) == 9


def test_the_garbage_collector_is_put_back_after_an_import(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    import gc

    path = tmp_path / "in.csv"
    write_csv(
        path,
        ["title", "region", "category", "severity", "source_type"],
        [[f"Insiden {i}", "33.74", "HOAKS", "1", "MEDSOS"] for i in range(3)],
    )
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    _import(ctx, admin, "incidents", path, progress=lambda *_: during.append(gc.get_threshold()))
    assert during and during[0][0] >= importing.IMPORT_GC_THRESHOLD
    assert gc.get_threshold() == before

    def cancelled() -> bool:
        return True

    with pytest.raises(ImportCancelledError):
        _import(ctx, admin, "incidents", path, cancelled=cancelled)
    assert gc.get_threshold() == before


def _region_rows(ctx: AppContext, path: Path, headers: list[str], rows: list[list[str]]):
    write_csv(path, [*headers, "Kategori", "Tingkat keparahan", "Sumber"],
              [[*r, "HOAKS", "2", "MEDSOS"] for r in rows])  # fmt: skip
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    with ctx.db.read() as s:
        return importing.validate_rows(s, "incidents", path, mapping)


def test_a_row_without_a_known_region_code_is_placed_by_its_region_name(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "wilayah.csv"
    rows = [
        ["Kode kosong", "", "Kab. Banjarnegara"],
        ["Kode lama", "99.99", "Banjarnegara"],
        ["Kota", "", "Kota Semarang"],
        ["Kabupaten ditulis penuh", "", "Kabupaten Semarang"],
        ["Keduanya cocok", "33.04", "Kab. Banjarnegara"],
        ["Nama samar", "33.74", "Semarang"],
    ]
    checked = _region_rows(ctx, path, ["Judul", "Kode wilayah", "Kabupaten/kota"], rows)
    assert checked.bad == [] and checked.good == len(rows)

    report = _import(ctx, admin, "incidents", path)
    with ctx.db.read() as s:
        placed = [incidents.get_incident(s, admin, i).region_code for i in report.created_ids]
    assert placed == ["33.04", "33.04", "33.74", "33.22", "33.04", "33.74"]


def test_a_region_name_alone_may_be_written_as_the_tables_show_it(
    ctx: AppContext, tmp_path: Path
) -> None:
    rows = [["Singkat", "Kab. Banjarnegara"], ["Tanpa titik", "Kab Banjarnegara"]]
    checked = _region_rows(ctx, tmp_path / "nama.csv", ["Judul", "Kabupaten/kota"], rows)
    assert checked.bad == [] and checked.good == 2


def test_a_region_code_and_name_that_disagree_refuse_the_row(
    ctx: AppContext, tmp_path: Path
) -> None:
    rows = [
        ["Bertentangan", "33.01", "Kab. Banjarnegara"],
        ["Nama samar tanpa kode", "", "Semarang"],
        ["Tidak dikenal", "99.99", "Kab. Antah Berantah"],
    ]
    checked = _region_rows(
        ctx, tmp_path / "salah.csv", ["Judul", "Kode wilayah", "Kabupaten/kota"], rows
    )
    assert checked.good == 0
    assert [b.errors for b in checked.bad] == [
        {"region": "region_mismatch"},
        {"region": "unknown_region"},
        {"region": "unknown_region"},
    ]
    mismatch = checked.bad[0].errors
    assert importing.describe_errors(mismatch) == (
        "Kabupaten/kota: kode wilayah dan nama kabupaten/kota menunjuk wilayah yang berbeda"
    )
    assert importing.describe_errors(mismatch, "en") == (
        "Regency/city: the region code and the regency/city name point to different regions"
    )


@pytest.mark.parametrize(
    "cell, shown",
    [
        ("5/12/2026 2:26", "2026-12-05 02:26"),
        ("2026-12-05 2:26:00", "2026-12-05 02:26"),
        ("2026-12-05 2:26", "2026-12-05 02:26"),
        ("2026-12-05T2:26:00+07:00", "2026-12-05 02:26"),
        ("5/12/2026 2:26:00", "2026-12-05 02:26"),
        ("05/12/2026 14:30:00", "2026-12-05 14:30"),
        ("2026-12-05 14.30", "2026-12-05 14:30"),
        ("5/12/2026 2.26 WIB", "2026-12-05 02:26"),
    ],
)
def test_a_time_may_have_a_one_digit_hour(cell: str, shown: str) -> None:
    moment = importing._datetime(cell)
    assert moment is not None
    assert moment.strftime("%Y-%m-%d %H:%M %z") == f"{shown} +0700"


@pytest.mark.parametrize(
    "cell",
    ["2026-12-05 25:00", "5/12/2026 2:76", "32/12/2026 2:26", "5/12/2026 226", "kemarin",
     "2026-12-05 2:26:61"],
)  # fmt: skip
def test_a_time_that_is_not_one_is_still_refused(cell: str) -> None:
    with pytest.raises(ValueError):
        importing._datetime(cell)


def test_an_import_reads_one_digit_hours(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "jam.csv"
    write_csv(
        path,
        ["Judul", "Kabupaten/kota", "Kategori", "Tingkat keparahan", "Sumber", "Waktu kejadian"],
        [
            ["Jam satu angka", "33.74", "HOAKS", "2", "MEDSOS", "2024-11-05 2:26:00"],
            ["Tanggal hari pertama", "33.74", "HOAKS", "2", "MEDSOS", "5/11/2024 2:26"],
        ],
    )
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    with ctx.db.read() as s:
        checked = importing.validate_rows(s, "incidents", path, mapping)
    assert checked.bad == [] and checked.good == 2
