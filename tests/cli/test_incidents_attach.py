"""``desk-app incidents attach REF FILE``."""

from __future__ import annotations

import json
from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000)


def test_attach_a_file_and_refuse_another(run, tmp_path: Path, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "incidents", "add", "--title", "Hoaks", "--region", "33.74", "--category", "HOAKS",
        "--severity", "2", "--source", "MEDSOS",
    )  # fmt: skip
    assert code == 0, err
    ref = out.strip()
    photo = tmp_path / "tangkapan.png"
    photo.write_bytes(PNG)
    code, out, err = run("incidents", "attach", ref, str(photo))
    assert code == 0, err
    assert out.strip() == f"{ref}: tangkapan.png (image/png, 2 KB)"
    code, out, _ = run("incidents", "attach", ref, str(photo), "--json")
    assert code == 2  # the same file twice
    text = tmp_path / "catatan.txt"
    text.write_text("bukan gambar")
    code, _, err = run("incidents", "attach", ref, str(text))
    assert code == 2
    assert "jenis berkas tidak diterima" in err
    code, _, err = run("incidents", "attach", ref, str(text), "--lang", "en")
    assert "file type not accepted" in err
    stored = [p for p in (data_dir / "attachments").rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == PNG


def test_attach_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        "incidents", "add", "--title", "Hoaks", "--region", "33.74", "--category", "HOAKS",
        "--severity", "2", "--source", "MEDSOS",
    )  # fmt: skip
    photo = tmp_path / "a.png"
    photo.write_bytes(PNG)
    code, out, _ = run("incidents", "attach", out.strip(), str(photo), "--json")
    assert code == 0
    assert json.loads(out)["media_type"] == "image/png"
