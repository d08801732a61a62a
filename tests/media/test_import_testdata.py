"""The whole folder of real phone and camera photos through the real CLI, checked against exiftool."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.media.test_metadata import (  # noqa: F401 - `oracle` is a fixture
    KNOWN_DEVIATIONS,
    PHOTO_FILES,
    PHOTOS,
    close,
    et_orientation,
    et_position,
    et_size,
    oracle,
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    if not PHOTOS.is_dir():
        pytest.skip(f"real test photos not found at {PHOTOS}")
    data = tmp_path_factory.mktemp("library")
    done = run_cli("--data-dir", str(data), "import-photos", str(PHOTOS), "--json")
    assert "Traceback" not in done.stderr, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    summary = lines.pop()["summary"]
    assert summary["imported"] + summary["duplicate"] + summary["skipped"] + summary["error"] == len(lines)
    assert done.returncode == (1 if summary["error"] else 0)
    again = run_cli("--data-dir", str(data), "import-photos", str(PHOTOS), "--json")
    second = json.loads(again.stdout.splitlines()[-1])["summary"]
    assert second["imported"] == 0 and second["duplicate"] == summary["imported"] + summary["duplicate"]
    check = run_cli("--data-dir", str(data), "check", "--json")
    assert json.loads(check.stdout) == {"data_dir": str(data), "ok": True, "problems": [], "notices": []}
    return {Path(line["path"]).name: line for line in lines}


def test_every_file_gets_one_line(imported: dict[str, dict[str, Any]]) -> None:
    names = set(PHOTO_FILES) | {"SOURCES.tsv"}
    assert set(imported) == names
    assert imported["SOURCES.tsv"]["status"] == "skipped"
    statuses = {line["status"] for line in imported.values()}
    assert statuses <= {"imported", "duplicate", "skipped", "error"}
    for line in imported.values():
        assert (line["reason"] is None) == (line["status"] in ("imported", "duplicate")), line
    ok = sum(line["status"] in ("imported", "duplicate") for line in imported.values())
    assert ok >= 75, f"only {ok} of {len(PHOTO_FILES)} real photos imported"


@pytest.mark.parametrize("name", PHOTO_FILES)
def test_cli_line_matches_exiftool(name: str, imported: dict[str, dict[str, Any]],
                                   oracle: dict[str, dict[str, Any]]) -> None:  # noqa: F811
    line = imported[name]
    if line["status"] not in ("imported", "duplicate"):
        pytest.skip(f"{line['status']}: {line['reason']}")
    et = oracle[name]
    lat, lon, rejected = et_position(et)
    if rejected is None and lat is not None:
        assert close(line["lat"], lat, 1e-6) and close(line["lon"], lon, 1e-6)
        assert line["position_source"] == "exif"
    else:
        assert line["lat"] is None and line["lon"] is None and line["position_source"] is None
    expected = KNOWN_DEVIATIONS.get(name, {})
    assert line["orientation"] == expected.get("orientation", et_orientation(et))
    width, height = et_size(et)
    if width is not None:
        assert (line["width"], line["height"]) == (width, height)
