"""Finding incidents: the table's rows, its filter and sort, full-text search and the
place names typed before. Reads only."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from desk_app.models import Incident, Region, User


@dataclass(frozen=True)
class IncidentRow:
    """One line of the incidents table."""

    id: str
    ref: str
    occurred_at: datetime
    region_code: str
    region_name: str
    kecamatan: str
    desa: str
    category: str
    severity: int
    status: str
    title: str
    source_type: str
    platform: str | None
    assignee: str | None


SORTABLE = {
    "ref": Incident.ref,
    "occurred_at": Incident.occurred_at,
    "reported_at": Incident.reported_at,
    "region": Region.name,
    "category": Incident.category,
    "severity": Incident.severity,
    "status": Incident.status,
    "title": Incident.title,
    "kecamatan": Incident.kecamatan,
    "assignee": User.full_name,
}


@dataclass(frozen=True)
class IncidentFilter:
    region_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    assigned_to: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    search: str = ""
    sort: str = "occurred_at"
    descending: bool = True

    def with_(self, **changes: Any) -> IncidentFilter:
        return replace(self, **changes)


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(search: str) -> str | None:
    """A safe FTS5 query from what a person typed: every word must match, the last one as
    a prefix (search as you type). Operators and quotes typed by the user are not
    interpreted."""
    words = _WORD.findall(search)
    if words and len(words[-1]) < 2:
        # A word of one letter, as a prefix, matches most of the table (some 300 ms of
        # merging on a million incidents): wait for its second letter.
        words.pop()
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


#: What a person types as one term: a word, or words joined by "-", "/" or "." as in a
#: reference (VW4D-2026-00001) or a date, kept whole so that its parts match in order.
_TERM = re.compile(r"\w+(?:[-/.]\w+)*", re.UNICODE)

#: The shortest run of characters the trigram index can look up.
_TRIGRAM = 3

#: Indonesian's meN-/peN- prefixes replace a root's first p, t, s or k with a nasal
#: (pukul → memukul, tunda → penundaan, sobek → menyobek, kirim → pengiriman): the root
#: itself is then not a substring of the word, its nasal form is.
_NASAL = {"p": "m", "t": "n", "s": "ny", "k": "ng"}


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _trigram_term(term: str) -> str:
    """The trigram query for one typed term of three or more characters: the term
    anywhere in a word or reference, or its form after a nasal prefix."""
    term = term.lower()
    forms = [term]
    if term[0] in _NASAL and len(term) >= 4 and term[1:].isalpha():
        forms.append(_NASAL[term[0]] + term[1:])
    if len(forms) == 1:
        return _quoted(term)
    return "(" + " OR ".join(_quoted(f) for f in forms) + ")"


#: The incident's searchable text with a space before each word that begins a line or a
#: field, so that "a word starting with su" is the LIKE pattern "% su%".
_SPACED_TEXT = (
    "(' ' || incident.title || ' ' || replace(replace(incident.description, char(10), ' '),"
    " char(13), ' ') || ' ' || incident.kecamatan || ' ' || incident.desa)"
)


@dataclass(frozen=True)
class SearchQuery:
    """What a search looks up. ``trigram``: terms of three or more characters, in the index
    of character runs (found inside words and references). ``words``: when every term is
    shorter, the whole-word index as before (the last term as a prefix while it is typed).
    ``word_starts``: shorter terms typed beside longer ones, checked on the rows the
    trigram index found (a word beginning with each), so that a common two-letter prefix
    never has its own long list of matches intersected."""

    trigram: str | None
    words: str | None = None
    word_starts: tuple[str, ...] = ()

    def rowids_sql(self) -> str:
        """A SELECT of the rowids the index finds (parameter ``:tq`` or ``:wq``), before
        ``word_starts``."""
        if self.trigram:
            return "SELECT rowid FROM incident_fts_trigram WHERE incident_fts_trigram MATCH :tq"
        return "SELECT rowid FROM incident_fts WHERE incident_fts MATCH :wq"

    def params(self) -> dict[str, str]:
        return {"tq": self.trigram} if self.trigram else {"wq": self.words or ""}

    def word_start_patterns(self) -> list[str]:
        """LIKE patterns (escape ``\\``) over ``_SPACED_TEXT``, one per ``word_starts``."""
        out = []
        for term in self.word_starts:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            out.append(f"% {escaped}%")
        return out


def search_query(search: str) -> SearchQuery | None:
    """The index lookups for what a person typed: every term must match. A term of three
    or more characters matches anywhere (inside a word, as Indonesian's prefixes and
    suffixes need, or inside a reference); a shorter one matches the beginning of a word
    (alone, a whole word but for the last one, as ``fts_query``), and a last one of one
    letter waits for its second. Operators and quotes typed by the user are not
    interpreted."""
    terms = _TERM.findall(search)
    if terms and len(terms[-1]) < 2:
        terms.pop()
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) >= _TRIGRAM]
    short = [t for t in terms if len(t) < _TRIGRAM]
    if not long_terms:
        quoted = [_quoted(t) for t in short]
        quoted[-1] += "*"
        return SearchQuery(None, " ".join(quoted))
    # An explicit AND: FTS5 does not join a phrase and a bracketed OR by juxtaposition.
    trigram = " AND ".join(_trigram_term(t) for t in long_terms)
    return SearchQuery(trigram, word_starts=tuple(t.lower() for t in short))


#: Sort keys with an index in their order: a search sorted by one of them can read
#: incidents in that order and keep the matching ones (see ``search_plan``).
_INDEXED_SORTS = frozenset({"occurred_at", "ref"})


#: The cost of examining one incident in index order over that of fetching and sorting
#: one match, measured on the million-incident demo database (about 0.14 µs to 2.4 µs).
_SCAN_COST_RATIO = 0.06


MATCHES_FIRST = "matches_first"


IN_ORDER = "in_order"


PROBING = "probing"


#: The share of recent incidents a trigram search must match for ``PROBING`` to pay: each
#: probe costs about 15 µs, gathering a match about 0.3 µs; for a page of 200 among a
#: million incidents they cross near 10 %, and 20 % leaves a margin.
_PROBE_DENSITY = 0.2

#: How many of the newest incidents the density is measured on (well under 1 ms).
_DENSITY_SAMPLE = 1000


def search_plan(session: Session, flt: IncidentFilter, wanted: int) -> str:
    """How to find the first ``wanted`` incidents of a search, fastest first.

    ``MATCHES_FIRST`` gathers every full-text match, then sorts them: quick for a rare
    word, but a common one ("hoaks" is in a tenth of the incidents) means sorting a
    hundred thousand rows for a page of 200. ``IN_ORDER`` reads incidents in the sort's
    index order and keeps those that match, stopping at ``wanted``: quick for a common
    word, but a rare one would read the whole index. With ``n`` matches among ``N``
    incidents the first costs about ``n``, the second about ``wanted * N / n``; they
    cross at ``n = sqrt(ratio * wanted * N)``, a few thousand on a million incidents.
    Counting matches up to that many is cheap (the full-text index alone), and both
    plans give the same rows in the same order.

    A run of three characters can be in most incidents ("kan", the suffix): gathering
    nine hundred thousand matches for the index order costs 140 ms. ``PROBING`` reads
    incidents in index order too, but asks the trigram index about each one as it goes
    (a few µs a probe), so it stops after about ``wanted / share`` probes. It is chosen
    when the share of matches among the newest incidents is high, and gives the same
    rows as the others.
    """
    query = search_query(flt.search)
    if query is None or flt.sort not in _INDEXED_SORTS:
        return MATCHES_FIRST
    # max(rowid) is one b-tree descent; count(*) would read the whole table.
    table = int(session.scalar(text("SELECT max(rowid) FROM incident")) or 0)
    threshold = math.isqrt(int(_SCAN_COST_RATIO * wanted * table))
    matches = session.scalar(
        text(f"SELECT count(*) FROM ({query.rowids_sql()} LIMIT :n)").bindparams(
            n=threshold + 1, **query.params()
        )
    )
    if int(matches or 0) <= threshold:
        return MATCHES_FIRST
    if query.trigram:
        recent = session.scalar(
            text(
                "SELECT count(*) FROM incident_fts_trigram WHERE incident_fts_trigram MATCH :tq "
                "AND rowid > :after"
            ).bindparams(tq=query.trigram, after=table - _DENSITY_SAMPLE)
        )
        if int(recent or 0) >= _PROBE_DENSITY * min(table, _DENSITY_SAMPLE):
            return PROBING
    return IN_ORDER


def _filtered(stmt: Select[Any], flt: IncidentFilter, plan: str = MATCHES_FIRST) -> Select[Any]:
    stmt = stmt.where(Incident.deleted.is_(False), Incident.merged_into.is_(None))
    if flt.region_codes:
        stmt = stmt.where(Region.code.in_(flt.region_codes))
    if flt.categories:
        stmt = stmt.where(Incident.category.in_(flt.categories))
    if flt.severities:
        stmt = stmt.where(Incident.severity.in_(flt.severities))
    if flt.statuses:
        stmt = stmt.where(Incident.status.in_(flt.statuses))
    if flt.assigned_to:
        stmt = stmt.where(Incident.assigned_to == flt.assigned_to)
    if flt.date_from:
        stmt = stmt.where(Incident.occurred_at >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Incident.occurred_at < flt.date_to)
    query = search_query(flt.search)
    if query:
        # The unary + keeps SQLite from looking incidents up by the matches' rowids, so
        # it reads them in index order instead (the IN_ORDER plan).
        if plan == PROBING and query.trigram:
            condition = (
                "EXISTS (SELECT 1 FROM incident_fts_trigram AS probe WHERE "
                "probe.incident_fts_trigram MATCH :tq AND probe.rowid = incident.rowid)"
            )
        else:
            column = "+incident.rowid" if plan == IN_ORDER else "incident.rowid"
            condition = f"{column} IN ({query.rowids_sql()})"
        stmt = stmt.where(text(condition).bindparams(**query.params()))
        for i, pattern in enumerate(query.word_start_patterns()):
            stmt = stmt.where(
                text(f"{_SPACED_TEXT} LIKE :ws{i} ESCAPE '\\'").bindparams(**{f"ws{i}": pattern})
            )
    return stmt


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    offset: int = 0,
    limit: int = 200,
    plan: str | None = None,
) -> list[IncidentRow]:
    """A page of incidents; ``plan`` (``search_plan``'s, by default) only changes speed."""
    if plan is None:
        plan = search_plan(session, flt, offset + limit)
    # Typed as Any: a 14-column Select is not a Select[Any] to mypy.
    stmt: Any = select(
        Incident.id,
        Incident.ref,
        Incident.occurred_at,
        Region.code.label("region_code"),
        Region.name.label("region_name"),
        Incident.kecamatan,
        Incident.desa,
        Incident.category,
        Incident.severity,
        Incident.status,
        Incident.title,
        Incident.source_type,
        Incident.platform,
        User.username.label("assignee"),
    ).join(Region, Region.id == Incident.region_id)
    stmt = stmt.outerjoin(User, User.id == Incident.assigned_to)
    stmt = _filtered(stmt, flt, plan)
    column = SORTABLE.get(flt.sort, Incident.occurred_at)
    order = column.desc() if flt.descending else column.asc()
    tiebreak = Incident.ref.desc() if flt.descending else Incident.ref.asc()
    stmt = stmt.order_by(order, tiebreak).offset(offset).limit(limit)
    return [IncidentRow(**row._mapping) for row in session.execute(stmt)]


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    stmt = select(func.count(Incident.id)).select_from(Incident)
    if flt.region_codes:
        stmt = stmt.join(Region, Region.id == Incident.region_id)
    return int(session.scalar(_filtered(stmt, flt)) or 0)


def place_completions(
    session: Session,
    field_name: str,
    prefix: str = "",
    region_code: str | None = None,
    limit: int = 50,
) -> list[str]:
    """Kecamatan or desa names typed before, for completion in the form."""
    column = {"kecamatan": Incident.kecamatan, "desa": Incident.desa}[field_name]
    stmt = select(column).distinct().where(column != "")
    if prefix:
        stmt = stmt.where(column.like(prefix.replace("%", "").replace("_", "") + "%"))
    if region_code:
        stmt = stmt.join(Region, Region.id == Incident.region_id).where(Region.code == region_code)
    return list(session.scalars(stmt.order_by(column).limit(limit)))
