"""The names people know records by, for showing stored ids and codes as words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.models import Region, User


@dataclass(frozen=True)
class ReferenceNames:
    regions_by_id: dict[str, str]
    regions_by_code: dict[str, str]
    #: user id -> username
    users: dict[str, str]


def reference_names(session: Session) -> ReferenceNames:
    """Every region's and user's name, deleted ones too (old records still name them)."""
    regions = session.execute(select(Region.id, Region.code, Region.name)).all()
    return ReferenceNames(
        regions_by_id={str(i): name for i, _code, name in regions},
        regions_by_code={code: name for _i, code, name in regions},
        users={str(i): name for i, name in session.execute(select(User.id, User.username))},
    )
