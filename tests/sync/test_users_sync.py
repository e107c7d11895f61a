"""Users and roles reach every workstation through the hub (password hashes only)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher

from desk_app.services import auth
from desk_app.services.auth import UserDisabledError
from tests.sync.conftest import Site
from tests.sync.test_guarantees import sync_all


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def test_a_user_disabled_at_one_desk_cannot_sign_in_at_another(
    make_site: Callable[..., Site],
) -> None:
    a, b = make_site("A1"), make_site("B1")
    assert a.ctx.actor is not None
    with a.ctx.db.write() as s:
        auth.add_user(s, a.ctx.actor, "rina", "operator", full_name="Rina", password="sandi-rina-1")
    sync_all(a, b)
    with b.ctx.db.read() as s:
        assert auth.verify_password(s, "rina", "sandi-rina-1").role == "operator"
    with a.ctx.db.write() as s:
        auth.disable_user(s, a.ctx.actor, "rina")
    sync_all(a, b)
    with b.ctx.db.read() as s, pytest.raises(UserDisabledError):
        auth.verify_password(s, "rina", "sandi-rina-1")
