from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.context import AppContext, sign_in_as
from desk_app.models.enums import Role
from desk_app.services import auth
from desk_app.services import contacts as svc
from desk_app.services.actor import Actor
from desk_app.services.contact_fields import CONTACT_FIELDS
from desk_app.services.errors import PermissionDeniedError, ValidationError
from desk_app.services.fields import personal
from desk_app.services.phones import PhoneError, normalise_phone
from tests.conftest import make_user


def kiai(**changes: object) -> svc.ContactInput:
    data = svc.ContactInput(
        name="Ahmad Darori",
        honorific="KH",
        category="TOKOH_AGAMA",
        position="Ketua FKUB",
        forums=["FKUB"],
        region_codes=["33.74"],
        phones=["0812-2233-4455", "(024) 8311174"],
        whatsapp="+62 812 2233 4455",
        email="darori@example.org",
        basis="Persetujuan lisan, rapat FKUB 1 Nov 2024",
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_phone_numbers_are_stored_in_e164(ctx: AppContext, operator: Actor) -> None:
    with ctx.db.write() as s:
        d = svc.create_contact(s, operator, kiai())
    assert d.row.phones == ("+6281222334455", "+62248311174")
    assert d.row.whatsapp == "+6281222334455"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phones": ["12345"]}, "phones"),
        ({"whatsapp": "nomor saya"}, "whatsapp"),
        ({"email": "bukan-email"}, "email"),
        ({"name": ""}, "name"),
        ({"forums": ["ARISAN"]}, "forums"),
        ({"region_codes": ["44.01"]}, "region_codes"),
        ({"category": ""}, "category"),
    ],
)
def test_bad_input_is_refused(
    ctx: AppContext, operator: Actor, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as err, ctx.db.write() as s:
        svc.create_contact(s, operator, kiai(**changes))
    assert field in err.value.errors
    with ctx.db.read() as s:
        assert svc.count_contacts(s, svc.ContactFilter()) == 0


def test_filters_by_forum_region_category_and_search(ctx: AppContext, operator: Actor) -> None:
    with ctx.db.write() as s:
        svc.create_contact(s, operator, kiai())
        svc.create_contact(
            s, operator,
            kiai(name="Budi Santoso", honorific="", category="MEDIA", forums=[],
                 region_codes=[], province_wide=True, organisation="Suara Merdeka"),
        )  # fmt: skip
        svc.create_contact(
            s, operator, kiai(name="Sri Rahayu", honorific="", forums=["FKDM"],
                              region_codes=["33.11"])
        )  # fmt: skip

    def names(**flt: object) -> list[str]:
        with ctx.db.read() as s:
            rows = svc.list_contacts(s, operator, svc.ContactFilter(**flt))  # type: ignore[arg-type]
        return [r.name for r in rows]

    assert names(forum="FKUB") == ["Ahmad Darori"]
    assert names(region_code="33.74") == ["Ahmad Darori", "Budi Santoso"]
    assert names(category="MEDIA") == ["Budi Santoso"]
    assert names(search="merdeka") == ["Budi Santoso"]


def test_engagement_log_and_erasure(ctx: AppContext, operator: Actor, coordinator: Actor) -> None:
    with ctx.db.write() as s:
        d = svc.create_contact(s, operator, kiai())
        svc.log_engagement(s, operator, d.row.id, "PERTEMUAN", "Rapat FKUB", date(2024, 11, 20))
    with pytest.raises(ValidationError), ctx.db.write() as s:
        svc.log_engagement(s, operator, d.row.id, "PERTEMUAN", "", date(2024, 11, 20))
    with ctx.db.read() as s:
        detail = svc.get_contact(s, operator, d.row.id)
    assert [(e.type, e.summary, e.by) for e in detail.engagements] == [
        ("PERTEMUAN", "Rapat FKUB", "operator")
    ]
    with pytest.raises(PermissionDeniedError), ctx.db.write() as s:
        svc.delete_contact(s, operator, d.row.id)
    with ctx.db.write() as s:
        svc.delete_contact(s, coordinator, d.row.id)
    from desk_app.models import Contact

    with ctx.db.read() as s:
        row = s.get(Contact, d.row.id)
        assert row is not None and row.deleted and row.phones == [] and row.email == ""


def test_masked_for_roles_without_personal_data(ctx: AppContext, operator: Actor) -> None:
    with ctx.db.write() as s:
        svc.create_contact(s, operator, kiai())
    hidden = Actor(operator.user_id, operator.username, operator.role, sees_personal_data=False)
    with ctx.db.read() as s:
        row = svc.list_contacts(s, hidden, svc.ContactFilter())[0]
    assert "+6281222334455" not in row.phones and row.email != "darori@example.org"


def test_no_personal_field_reaches_a_role_that_may_not_see_it(
    ctx: AppContext, admin: Actor
) -> None:
    make_user(ctx, "budi", Role.OPERATOR)
    with ctx.db.write() as s:
        auth.set_personal_data_roles(s, admin, ["coordinator"])
        created = svc.create_contact(
            s,
            admin,
            kiai(social={"instagram": "@darori.fkub"}, address="Jl. Pandanaran 12, Semarang"),
        )
    operator = sign_in_as(ctx, "budi")
    assert not operator.sees_personal_data
    with ctx.db.read() as s:
        seen = svc.get_contact(s, operator, created.row.id)
    # Every field the field table marks personal, whatever its kind.
    assert personal(CONTACT_FIELDS) == {"phones", "whatsapp", "email", "social", "address"}
    shown = repr(seen)
    for secret in ("darori.fkub", "instagram", "Pandanaran", "darori@example.org", "2233"):
        assert secret not in shown, secret
    assert seen.social == svc.MASK and seen.address == svc.MASK
    assert seen.basis == "Persetujuan lisan, rapat FKUB 1 Nov 2024"  # not personal: shown
    with ctx.db.read() as s:
        assert svc.get_contact(s, admin, created.row.id).social == {"instagram": "@darori.fkub"}


def test_an_edit_by_a_role_that_sees_it_masked_keeps_the_social_accounts(
    ctx: AppContext, operator: Actor
) -> None:
    with ctx.db.write() as s:
        created = svc.create_contact(s, operator, kiai(social={"instagram": "@darori.fkub"}))
    hidden = Actor(operator.user_id, operator.username, operator.role, sees_personal_data=False)
    with ctx.db.write() as s:
        # What the form sends back: the masked value it was shown.
        svc.update_contact(s, hidden, created.row.id, kiai(social={"akun": svc.MASK}))
    with ctx.db.read() as s:
        assert svc.input_of(s, created.row.id).social == {"instagram": "@darori.fkub"}


@given(st.from_regex(r"08[1-9][0-9]{8,9}", fullmatch=True))
def test_mobile_numbers_normalise_to_plus_62(local: str) -> None:
    try:
        e164 = normalise_phone(local)
    except PhoneError:
        return  # not every such string is an allocated range
    assert e164 == "+62" + local[1:]
    assert normalise_phone(e164) == e164
    assert normalise_phone("62" + local[1:]) == e164


@given(st.text(max_size=60))
def test_normalising_never_crashes(text: str) -> None:
    try:
        result = normalise_phone(text)
    except PhoneError:
        return
    assert result.startswith("+")


def test_the_audit_log_never_holds_personal_data(ctx: AppContext, operator: Actor) -> None:
    from sqlalchemy import select

    from desk_app.models import AuditEntry

    with ctx.db.write() as s:
        d = svc.create_contact(s, operator, kiai())
        data = svc.input_of(s, d.row.id)
        data.phones = ["0813-1111-2222"]
        data.position = "Rais Syuriah"
        svc.update_contact(s, operator, d.row.id, data)
    with ctx.db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.record_id == d.row.id)).all()
    text = repr([e.changes for e in entries])
    assert "2233" not in text and "1111" not in text and "darori@" not in text
    update = next(e for e in entries if e.action == "update")
    assert update.changes["position"] == ["Ketua FKUB", "Rais Syuriah"]
    assert "phones" in update.changes  # that it changed is recorded


def test_a_contact_is_found_by_any_form_of_its_phone_number(
    ctx: AppContext, operator: Actor
) -> None:
    with ctx.db.write() as s:
        svc.create_contact(s, operator, kiai(phones=["081325667788"], whatsapp=""))
        svc.create_contact(
            s, operator, kiai(name="Budi Santoso", phones=["(024) 8311174"], whatsapp="")
        )
        svc.create_contact(
            s, operator, kiai(name="Sri Rahayu", phones=[], whatsapp="0857-1234-0000")
        )

    def names(search: str, actor: Actor = operator) -> list[str]:
        flt = svc.ContactFilter(search=search)
        with ctx.db.read() as s:
            rows = svc.list_contacts(s, actor, flt)
            assert svc.count_contacts(s, flt, actor) == len(rows)
        return [r.name for r in rows]

    for typed in ("081325667788", "+62 813-2566-7788", "6281325667788", "+6281325667788",
                  "0813 2566 7788", "0813-2566", "667788", "0062 813 2566 7788"):  # fmt: skip
        assert names(typed) == ["Ahmad Darori"], typed
    assert names("024 8311174") == ["Budi Santoso"]
    assert names("(024) 831") == ["Budi Santoso"]
    assert names("+62 857 1234") == ["Sri Rahayu"]  # the WhatsApp number
    assert names("0000") == ["Sri Rahayu"]
    # Too few digits to be a number, or a number nobody has.
    assert names("813") == []
    assert names("0812 9999 9999") == []
    # A role that may not see phone numbers cannot find contacts by them.
    masked = Actor(operator.user_id, operator.username, operator.role, sees_personal_data=False)
    assert names("081325667788", masked) == []
    assert names("Ahmad", masked) == ["Ahmad Darori"]


def test_phone_digits_of_what_is_typed() -> None:
    from desk_app.services.phones import phone_digits

    assert phone_digits("081325667788") == "6281325667788"
    assert phone_digits("+62 813-2566-7788") == "6281325667788"
    assert phone_digits("6281325667788") == "6281325667788"
    assert phone_digits("(024) 831") == "6224831"
    assert phone_digits("7788") == "7788"
    assert phone_digits("778") is None
    assert phone_digits("Budi 0813") is None
    assert phone_digits("jl. 17") is None
