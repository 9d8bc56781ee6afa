"""Every command's --help is documented in docs/cli-reference.md and the file is current:
a changed option or help text fails here until the reference is regenerated."""

from __future__ import annotations

from tests.cli_reference import REFERENCE, command_paths, help_text, render


def test_the_cli_reference_is_current():
    assert REFERENCE.read_text(encoding="utf-8") == render(), (
        "docs/cli-reference.md is stale; run: python -m tests.cli_reference --write")


def test_the_reference_covers_every_command():
    names = {" ".join(p) for p in command_paths()}
    for expected in ("ingest", "claims list", "claims edit", "review approve", "audit verify",
                     "model train", "export", "import", "config set", "db upgrade"):
        assert expected in names


def test_help_keeps_square_brackets_as_written():
    # Rich markup would eat "[teacher]" as a tag; help is plain text
    assert "(needs factcheck[teacher];" in " ".join(help_text(["model", "train"]).split())
    assert "[ID]" in help_text(["review", "triage"])
