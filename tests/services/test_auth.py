"""Accounts: hashing, sign-in, roles, disabling, personal-data roles, first start."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from desk_app.context import AppContext, authenticate, sign_in_as
from desk_app.models import AuditEntry, User
from desk_app.models.enums import Role
from desk_app.services import auth, contacts
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, PermissionDeniedError, ValidationError


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def _add(
    ctx: AppContext, admin: Actor, name: str, role: Role, password: str = "rahasia-123"
) -> None:
    with ctx.db.write() as s:
        auth.add_user(s, admin, name, role, full_name=name.title(), password=password)


def test_hash_is_argon2id_and_password_never_stored(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR, "kata-sandi-budi")
    with ctx.db.read() as s:
        user = s.scalar(select(User).where(User.username == "budi"))
        assert user is not None and user.password_hash is not None
        assert user.password_hash.startswith("$argon2id$")
        assert "kata-sandi-budi" not in user.password_hash
        audit = s.scalars(select(AuditEntry).where(AuditEntry.record_id == user.id)).all()
    raw = ctx.paths.database.read_bytes()
    assert b"kata-sandi-budi" not in raw
    # The audit log says the password was set, never the hash.
    assert audit and all(
        e.changes.get("password_hash") in (None, [None, auth.HASH_PLACEHOLDER]) for e in audit
    )
    assert user.password_hash.encode() not in b"".join(str(e.changes).encode() for e in audit)


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_sign_in_right_and_wrong_password(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR)
    actor = authenticate(ctx, "Budi ", "rahasia-123")
    assert (actor.username, actor.role) == ("budi", Role.OPERATOR)
    with pytest.raises(auth.AuthenticationError):
        authenticate(ctx, "budi", "salah-salah")
    with pytest.raises(auth.AuthenticationError):
        authenticate(ctx, "tidakada", "rahasia-123")


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_disabled_user_cannot_sign_in_and_enable_restores(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR)
    with ctx.db.write() as s:
        auth.disable_user(s, admin, "budi")
    with pytest.raises(auth.UserDisabledError):
        authenticate(ctx, "budi", "rahasia-123")
    with pytest.raises(auth.UserDisabledError):
        sign_in_as(ctx, "budi")
    with ctx.db.write() as s:
        auth.enable_user(s, admin, "budi")
    assert authenticate(ctx, "budi", "rahasia-123").username == "budi"


def test_user_without_password_cannot_sign_in(ctx: AppContext, operator: Actor) -> None:
    with pytest.raises(auth.PasswordNotSetError):
        authenticate(ctx, "operator", "")


def test_set_role_and_password(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR)
    with ctx.db.write() as s:
        auth.set_role(s, admin, "budi", "coordinator")
        auth.set_password(s, admin, "budi", "baru-sekali-1")
    actor = authenticate(ctx, "budi", "baru-sekali-1")
    assert actor.role is Role.COORDINATOR
    # Everybody may change their own password, nobody else's.
    with ctx.db.write() as s:
        auth.set_password(s, actor, "budi", "lebih-baru-2")
    with ctx.db.write() as s, pytest.raises(PermissionDeniedError):
        auth.set_password(s, actor, "admin", "ambil-alih-3")
    assert authenticate(ctx, "budi", "lebih-baru-2").username == "budi"


@pytest.mark.parametrize(
    ("name", "password", "field", "code"),
    [
        ("a", "rahasia-123", "username", "username_format"),
        ("Budi Santoso", "rahasia-123", "username", "username_format"),
        ("budi'; DROP TABLE user_account;--", "rahasia-123", "username", "username_format"),
        ("budi", "pendek", "password", "password_too_short"),
        ("budi", "x" * 2000, "password", "too_long"),
        ("budi", "rahasia\x00123", "password", "invalid_characters"),
        ("admin", "rahasia-123", "username", "username_taken"),
    ],
)
def test_add_user_validation(
    ctx: AppContext, admin: Actor, name: str, password: str, field: str, code: str
) -> None:
    with ctx.db.write() as s, pytest.raises(ValidationError) as err:
        auth.add_user(s, admin, name, "operator", password=password)
    assert err.value.errors == {field: code}


def test_unknown_role_refused(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s, pytest.raises(ValidationError) as err:
        auth.add_user(s, admin, "budi", "superuser", password="rahasia-123")
    assert err.value.errors == {"role": "unknown_role"}


def test_last_admin_cannot_be_disabled_or_demoted(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s, pytest.raises(auth.LastAdminError):
        auth.disable_user(s, admin, "admin")
    with ctx.db.write() as s, pytest.raises(auth.LastAdminError):
        auth.set_role(s, admin, "admin", "operator")
    _add(ctx, admin, "admin2", Role.ADMIN)
    with ctx.db.write() as s:
        auth.set_role(s, admin, "admin", "coordinator")


def test_unknown_user(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s, pytest.raises(NotFoundError):
        auth.set_role(s, admin, "siapa", "operator")


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.COORDINATOR])
def test_only_admins_manage_users(ctx: AppContext, admin: Actor, role: Role) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR)
    _add(ctx, admin, "pelaku", role)
    actor = authenticate(ctx, "pelaku", "rahasia-123")
    calls = [
        lambda s: auth.add_user(s, actor, "baru", "admin", password="rahasia-123"),
        lambda s: auth.set_role(s, actor, "pelaku", "admin"),
        lambda s: auth.disable_user(s, actor, "budi"),
        lambda s: auth.enable_user(s, actor, "budi"),
        lambda s: auth.set_password(s, actor, "budi", "diambil-alih"),
        lambda s: auth.set_personal_data_roles(s, actor, ["operator"]),
        lambda s: auth.update_details(s, actor, "budi", full_name="X", title=""),
    ]
    with ctx.db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    for call in calls:
        with ctx.db.write() as s, pytest.raises(PermissionDeniedError):
            call(s)
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_personal_data_roles_reach_the_actor(ctx: AppContext, admin: Actor) -> None:
    _add(ctx, admin, "budi", Role.OPERATOR)
    assert authenticate(ctx, "budi", "rahasia-123").sees_personal_data
    with ctx.db.write() as s:
        auth.set_personal_data_roles(s, admin, ["coordinator"])
    with ctx.db.read() as s:
        assert auth.personal_data_roles(s) == {Role.ADMIN, Role.COORDINATOR}
    operator = authenticate(ctx, "budi", "rahasia-123")
    assert not operator.sees_personal_data
    assert sign_in_as(ctx, "admin").sees_personal_data
    # ... and the services mask phones for that operator.
    with ctx.db.write() as s:
        created = contacts.create_contact(
            s,
            admin,
            contacts.ContactInput(
                name="KH Ahmad", category="TOKOH_AGAMA", phones=["0812-3456-7890"]
            ),
        )
    with ctx.db.read() as s:
        seen = contacts.get_contact(s, operator, created.row.id)
    assert "+6281234567890" not in seen.row.phones
    assert seen.row.personal_data_masked


def test_first_start_needs_admin_password(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        assert auth.needs_first_password(s)
    with ctx.db.write() as s:
        actor = auth.set_first_password(s, "admin-rahasia-1")
    assert actor.role is Role.ADMIN
    with ctx.db.read() as s:
        assert not auth.needs_first_password(s)
    with ctx.db.write() as s, pytest.raises(auth.ServiceError):
        auth.set_first_password(s, "pengambilalihan")
    assert authenticate(ctx, "admin", "admin-rahasia-1").role is Role.ADMIN


def test_verify_password_is_logged_without_the_password(
    ctx: AppContext, admin: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="desk_app")
    _add(ctx, admin, "budi", Role.OPERATOR, "rahasia-budi-99")
    with pytest.raises(auth.AuthenticationError):
        authenticate(ctx, "budi", "tebakan-salah-77")
    authenticate(ctx, "budi", "rahasia-budi-99")
    text = caplog.text
    assert "signed in: budi" in text
    assert "rahasia-budi-99" not in text and "tebakan-salah-77" not in text
