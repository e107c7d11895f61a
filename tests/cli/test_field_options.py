"""The add commands' options come from the field tables: each field people enter is on
the command line, with the table's required marks."""

from __future__ import annotations

import json

import pytest

from desk_app.cli import main
from desk_app.cli.common import field_options
from desk_app.services.contact_fields import CONTACT_FIELDS
from desk_app.services.fields import Field
from desk_app.services.incident_fields import INCIDENT_FIELDS


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "fields", "spelled"),
    [
        (("incidents", "add"), INCIDENT_FIELDS,
         {"region": "--region", "source_type": "--source",
          "neutrality_subject": "--subject", "assigned_to": "--assign"}),
        (("contacts", "add"), CONTACT_FIELDS,
         {"forums": "--forum", "region_codes": "--region", "phones": "--phone"}),
    ],
)  # fmt: skip
def test_every_field_people_enter_has_its_option(
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    fields: tuple[Field, ...],
    spelled: dict[str, str],
) -> None:
    shown = help_of(capsys, *argv)
    for field in fields:
        option = spelled.get(field.name, "--" + field.name.replace("_", "-"))
        assert (option in shown) == field.imported, field.name
        if field.imported:
            assert field.label("en") in shown


def test_a_field_added_to_the_table_is_an_option() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    extra = Field("village_head", "text", 100, required=True)
    dests = field_options(parser, (*INCIDENT_FIELDS, extra), required=True)
    assert dests[-1] == "village_head"
    with pytest.raises(SystemExit):  # required by the table
        parser.parse_args(["--title", "x"])


def test_a_contact_with_an_address_and_social_accounts_from_the_command_line(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "contacts", "add", "--name", "KH. Ahmad Darodji", "--category", "TOKOH_AGAMA",
        "--phone", "081325667788", "--phone", "0247654321", "--address", "Jl. Pandanaran 1",
        "--social", "instagram=@kh.ahmad", "--province-wide", "--json",
    )  # fmt: skip
    assert code == 0, err
    detail = json.loads(out)
    assert detail["address"] == "Jl. Pandanaran 1"
    assert detail["social"] == {"instagram": "@kh.ahmad"}
    assert len(detail["row"]["phones"]) == 2 and detail["row"]["province_wide"] is True


def test_a_malformed_social_account_gets_a_message(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as refused:
        run("contacts", "add", "--name", "X", "--category", "MEDIA", "--social", "instagram")
    assert refused.value.code == 2


def test_the_add_commands_still_require_what_the_table_requires(run) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        run("incidents", "add", "--title", "tanpa wilayah")
    with pytest.raises(SystemExit):
        run("contacts", "add", "--category", "MEDIA")
