"""``desk_app.models`` loads its models on first use, all of them together."""

from __future__ import annotations

import subprocess
import sys

import desk_app.models as models


def test_every_exported_name_resolves_from_its_module() -> None:
    assert set(models.__all__) == set(models._HOMES)
    for name in models.__all__:
        assert getattr(models, name) is not None


def test_enums_alone_load_no_model_and_any_model_loads_every_table() -> None:
    script = (
        "import sys\n"
        "import desk_app.models.enums\n"
        "print('sqlalchemy' in sys.modules, end=' ')\n"
        "from desk_app.models import Base\n"
        "print(len(Base.metadata.tables))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out[0] == "False"
    # Base alone (from models.base) would hold no table: asking for it loads every model.
    assert int(out[1]) == len(models.Base.metadata.tables) > 15
