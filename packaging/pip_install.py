"""``pip install`` with one line per package instead of pip's noise or ``--quiet`` silence.

Used by ``make`` for the first install into ``.venv``: shows what is being fetched and
installed, keeps pip's full output in ``.venv/pip-install.log``, and prints the end of it
when pip fails. Standard library only (it runs before anything else is installed).

    python packaging/pip_install.py LOG -- PIP-INSTALL-ARGUMENTS...
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: Prefixes of pip's lines worth showing, and how to show them.
SHOWN = {
    "Collecting ": "  fetching ",
    "Processing ": "  fetching ",
    "Building wheel for ": "  building ",
    "Building editable for ": "  building ",
    "Installing collected packages: ": "  installing ",
    "Successfully installed ": "  installed ",
}


def shown(line: str) -> str | None:
    """The line to print for one line of pip's output, or None to keep it in the log."""
    text = line.strip()
    if text.startswith(("ERROR", "error:")):
        return text
    for prefix, label in SHOWN.items():
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            if prefix.startswith("Successfully"):
                return f"{label}{len(rest.split())} packages"
            if prefix.startswith("Installing"):
                return f"{label}{len(rest.split(', '))} packages (this takes a minute)"
            if text.endswith("finished with status 'done'"):
                return None
            name = rest.split(" (")[0]
            if prefix.startswith("Processing"):
                # A local file or mirror: name-version-....whl, or a source folder.
                stem = Path(name).name.removesuffix(".whl").removesuffix(".tar.gz")
                name = "-".join(stem.split("-")[:2])
            return f"{label}{name}"
    return None


def main(argv: list[str]) -> int:
    log_path = Path(argv[0])
    pip_args = argv[argv.index("--") + 1 :]
    cmd = [sys.executable, "-m", "pip", "install", "--progress-bar", "off", *pip_args]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with (
        log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        ) as proc,
    ):
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            text = shown(line)
            if text:
                print(text, flush=True)
        code = proc.wait()
    if code != 0:
        tail = log_path.read_text(encoding="utf-8").splitlines()[-30:]
        print("\n".join(tail), file=sys.stderr)
        print(f"pip failed (exit {code}); its full output: {log_path}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
