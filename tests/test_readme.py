"""The README documents every ROBO_ setting and keeps the two-command quick start."""

from pathlib import Path

from core.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    missing = [f"ROBO_{name.upper()}" for name in Settings.model_fields if f"`ROBO_{name.upper()}`" not in README]
    assert missing == [], f"document these settings in README.md's Settings table: {missing}"


def test_the_quick_start_is_make_run_and_make_test():
    quick_start = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    assert quick_start.strip().splitlines() == ["make run", "make test"]
