"""While an import runs, glibc keeps freed photo-sized buffers for reuse instead of faulting them in again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from patrol_app.media import memory
from patrol_app.media.memory import keep_freed_memory
from tests.conftest import ROOT
from tests.photos_factory import make_photo

# Imports a folder in a fresh process (as the CLI does) and prints the page faults the import caused.
PROBE = """
import json, resource, sys
from pathlib import Path
from patrol_app.media import memory
from patrol_app.media.importer import PhotoImporter
from patrol_app.store import open_store
if sys.argv[3] == "off":
    memory._libc = None
with open_store(Path(sys.argv[1])) as store:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    summary = PhotoImporter(store, workers=2).run([Path(sys.argv[2])])
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(json.dumps({"imported": summary.imported, "faults": faults}))
"""


@pytest.mark.skipif(memory._libc is None,
                    reason="only glibc (Linux) hands freed blocks back at once; elsewhere this is a no-op")
def test_an_import_does_not_fault_its_buffers_in_again_for_every_photo(tmp_path: Path) -> None:
    # Ten different files of one 12 MP picture (bytes after the JPEG's end make each one distinct).
    photo = make_photo(tmp_path / "base.jpg", size=(4000, 3000), orientation=6).read_bytes()
    folder = tmp_path / "photos"
    folder.mkdir()
    for i in range(10):
        (folder / f"IMG_{i:02d}.jpg").write_bytes(photo + bytes([i]))

    def faults(mode: str) -> int:
        data = tmp_path / f"data-{mode}"
        done = subprocess.run([sys.executable, "-c", PROBE, str(data), str(folder), mode], capture_output=True,
                              text=True, cwd=ROOT, check=True, timeout=300)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        assert result["imported"] == 10
        return result["faults"]

    glibc_default, kept = faults("off"), faults("on")
    # By default each photo's ~30 MB of buffers is faulted in again (~2,000 faults a photo were measured).
    assert kept < glibc_default * 0.6, (kept, glibc_default)


def test_memory_is_given_back_when_the_last_import_ends(monkeypatch) -> None:
    calls = []

    class FakeLibc:
        def mallopt(self, param: int, value: int) -> int:
            calls.append(("mallopt", param, value))
            return 1

        def malloc_trim(self, pad: int) -> int:
            calls.append(("trim", pad))
            return 1

    monkeypatch.setattr(memory, "_libc", FakeLibc())
    monkeypatch.setattr(memory, "_set", False)
    with pytest.raises(RuntimeError), keep_freed_memory():
        with keep_freed_memory():
            pass
        assert ("trim", 0) not in calls  # another import is still running
        raise RuntimeError("an import that failed")
    with keep_freed_memory():
        pass
    assert calls == [
        ("mallopt", memory.M_MMAP_THRESHOLD, memory.MMAP_THRESHOLD),
        ("mallopt", memory.M_TRIM_THRESHOLD, memory.TRIM_THRESHOLD),
        ("trim", 0),
        ("trim", 0),
    ]
