"""The photo import pipeline on a real data folder: library files, rows, outbox, duplicates, bad files."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from filelock import FileLock
from PIL import Image

from patrol_app.media.importer import ImportBusy, PhotoImporter
from patrol_app.media.library import Library, check_files
from patrol_app.media.reasons import Reason
from patrol_app.store import Store
from sync import outbox
from tests.conftest import run_cli
from tests.photos_factory import make_folder, make_photo


def exiftool(path: Path) -> dict:
    out = subprocess.run(["exiftool", "-n", "-j", "-a", "-G1", str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)[0]


needs_exiftool = pytest.mark.skipif(shutil.which("exiftool") is None,
                                    reason="exiftool (Debian libimage-exiftool-perl) is the independent oracle")


def library_files(root: Path) -> list[Path]:
    return sorted(Library(root).all_files())


def test_import_copies_hashes_and_records(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "手机照片 11月"
    files = make_folder(source, 4)
    before = {p: p.read_bytes() for p in files}
    summary = PhotoImporter(store).run([source])
    assert (summary.imported, summary.duplicate, summary.skipped, summary.error) == (4, 0, 0, 0)
    assert {p: p.read_bytes() for p in files} == before  # the user's files are never changed
    assert store.photos.count() == 4
    assert outbox.pending_by_kind(store.conn) == {"photo": 4}
    for result in summary.results:
        row = store.photos.by_sha(result.sha256)
        assert row is not None and row["original_name"].startswith("IMG_")
        lib = Library(store.data_dir)
        assert lib.original(result.sha256, "jpeg").read_bytes() == Path(result.path).read_bytes()
        assert lib.upload(row["upload_sha256"]).is_file() and lib.thumbnail(result.sha256).is_file()
        assert (row["lat"], row["lon"]) == (pytest.approx(33.735), pytest.approx(113.192))
        assert row["position_source"] == "exif"
        assert row["taken_at"] == "2026-11-20T01:15:30.000Z" and row["taken_at_offset"] == "+08:00"
    assert check_files(store.data_dir, store.photos.library_rows()) == []
    assert store.upkeep.check().ok


def test_importing_again_adds_nothing(store: Store, tmp_path: Path) -> None:
    make_folder(tmp_path / "a", 3)
    PhotoImporter(store).run([tmp_path / "a"])
    files_before = library_files(store.data_dir)
    shutil.copytree(tmp_path / "a", tmp_path / "copy of a")  # same bytes under other names
    summary = PhotoImporter(store).run([tmp_path / "a", tmp_path / "copy of a"])
    assert (summary.imported, summary.duplicate) == (0, 6)
    assert store.photos.count() == 3 and library_files(store.data_dir) == files_before
    assert outbox.pending_count(store.conn) == 3


def test_same_image_twice_in_one_import_is_one_photo(store: Store, tmp_path: Path) -> None:
    make_photo(tmp_path / "x" / "a.jpg", seed=5)
    shutil.copy(tmp_path / "x" / "a.jpg", tmp_path / "x" / "b.jpg")
    summary = PhotoImporter(store).run([tmp_path / "x"])
    assert (summary.imported, summary.duplicate) == (1, 1)
    assert store.photos.count() == 1


@needs_exiftool
def test_upload_copy_size_orientation_and_exif(store: Store, tmp_path: Path) -> None:
    src = make_photo(tmp_path / "big.jpg", size=(4000, 3000), orientation=6, seed=3)
    [result] = PhotoImporter(store).run([src]).results
    row = store.photos.by_sha(result.sha256)
    upload = Library(store.data_dir).upload(row["upload_sha256"])
    with Image.open(upload) as img:
        # 4000×3000 decoded at 1/2 by the JPEG decoder, then turned upright (orientation 6 = 90° clockwise)
        assert img.size == (1500, 2000) == (row["upload_width"], row["upload_height"])
    tags = exiftool(upload)
    assert tags["IFD0:Orientation"] == 1
    assert tags["ExifIFD:DateTimeOriginal"] == "2026:11:20 09:15:30" and tags["ExifIFD:OffsetTimeOriginal"] == "+08:00"
    assert abs(tags["GPS:GPSLatitude"] - 33.735) < 1e-5 and tags["GPS:GPSLatitudeRef"] == "N"
    assert abs(tags["GPS:GPSLongitude"] - 113.192) < 1e-5 and tags["GPS:GPSLongitudeRef"] == "E"
    assert abs(tags["GPS:GPSAltitude"] - 86.5) < 0.01
    assert tags["IFD0:Make"] == "HUAWEI" and tags["IFD0:Model"] == "ELE-AL00"
    assert not any("Serial" in k or "MakerNote" in k for k in tags), [k for k in tags if "Serial" in k]
    assert "SN-123456789" not in upload.read_bytes().decode("latin-1")
    original = exiftool(Library(store.data_dir).original(result.sha256, "jpeg"))
    assert original["ExifIFD:SerialNumber"] == "SN-123456789"  # the original is kept byte for byte
    with Image.open(Library(store.data_dir).thumbnail(result.sha256)) as thumb:
        assert 200 <= max(thumb.size) <= 256 and thumb.size[1] > thumb.size[0]


def test_upload_copy_is_byte_stable(tmp_path: Path) -> None:
    from patrol_app.media.derive import derive
    from patrol_app.media.metadata import read_metadata

    src = make_photo(tmp_path / "p.jpg", size=(2400, 1800), seed=9)
    meta = read_metadata(src)
    first, second = derive(src.read_bytes(), meta, tmp_path), derive(src.read_bytes(), meta, tmp_path)
    assert first.upload != second.upload and first.upload.read_bytes() == second.upload.read_bytes()
    assert first.upload_sha256 == second.upload_sha256


def test_bad_files_get_a_reason_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "混合 文件"
    make_folder(folder, 2)
    (folder / "notes.txt").write_text("巡河记录", encoding="utf-8")
    (folder / "empty.jpg").write_bytes(b"")
    good = make_photo(tmp_path / "whole.jpg", seed=11)
    (folder / "truncated.jpg").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    Image.new("1", (20000, 20000)).save(folder / "bomb.png")  # 400 megapixels in a few kB
    (folder / "fake.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    summary = PhotoImporter(store).run([folder])
    by_name = {Path(r.path).name: r for r in summary.results}
    assert by_name["IMG_0000.jpg"].status == by_name["IMG_0001.jpg"].status == "imported"
    assert (by_name["notes.txt"].status, by_name["notes.txt"].reason) == ("skipped", Reason.NOT_AN_IMAGE)
    assert (by_name["empty.jpg"].status, by_name["empty.jpg"].reason) == ("skipped", Reason.EMPTY)
    assert (by_name["bomb.png"].status, by_name["bomb.png"].reason) == ("skipped", Reason.TOO_MANY_PIXELS)
    assert by_name["truncated.jpg"].status == "error" and by_name["truncated.jpg"].reason is Reason.BROKEN
    assert by_name["fake.jpg"].status in ("error", "skipped")
    for r in summary.results:
        if r.status != "imported":
            assert r.reason is not None and r.reason.zh and r.reason.en
    assert store.photos.count() == 2
    assert check_files(store.data_dir, store.photos.library_rows()) == []


def test_a_missing_path_is_reported(store: Store, tmp_path: Path) -> None:
    summary = PhotoImporter(store).run([tmp_path / "no such folder"])
    assert summary.error == 1 and summary.results[0].reason is Reason.NOT_FOUND


def test_read_only_source_folder(store: Store, readonly_dir) -> None:
    folder, make_readonly = readonly_dir
    make_folder(folder / "DCIM", 2)
    make_readonly()
    summary = PhotoImporter(store).run([folder])
    assert summary.imported == 2 and summary.error == 0


def test_second_import_on_the_same_folder_is_refused(store: Store, tmp_path: Path) -> None:
    make_folder(tmp_path / "p", 1)
    with FileLock(str(store.data_dir / ".import.lock")), pytest.raises(ImportBusy) as info:
        PhotoImporter(store).run([tmp_path / "p"])
    assert "另一个照片导入正在进行" in info.value.zh


def test_cancel_keeps_what_is_done_and_a_rerun_finishes(store: Store, tmp_path: Path) -> None:
    make_folder(tmp_path / "many", 12)
    cancel = threading.Event()

    def progress(done: int, total: int, name: str) -> None:
        if done == 3:
            cancel.set()  # the user pressed Cancel after three photos

    first = PhotoImporter(store).run([tmp_path / "many"], cancel=cancel, progress=progress)
    assert first.cancelled and 3 <= first.imported < 12
    assert store.photos.count() == first.imported
    assert check_files(store.data_dir, store.photos.library_rows()) == []
    second = PhotoImporter(store).run([tmp_path / "many"])
    assert second.imported + second.duplicate == 12 and second.duplicate == first.imported
    assert store.photos.count() == 12


def test_cli_json_lines_and_summary(tmp_path: Path) -> None:
    make_folder(tmp_path / "photos", 2)
    (tmp_path / "photos" / "readme.txt").write_text("x")
    data = tmp_path / "data"
    assert run_cli("--data-dir", str(data), "demo").returncode == 0
    done = run_cli("--data-dir", str(data), "import-photos", str(tmp_path / "photos"), "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    summary = lines[-1]["summary"]
    assert summary["imported"] == 2 and summary["skipped"] == 1 and summary["error"] == 0 and summary["seconds"] >= 0
    keys = {"path", "status", "sha256", "taken_at", "lat", "lon", "alt", "position_source", "orientation",
            "width", "height", "make", "model", "reason"}
    for line in lines[:-1]:
        assert set(line) == keys
    imported = [line for line in lines if line.get("status") == "imported"]
    assert imported[0]["taken_at"] == "2026-11-20T09:15:30+08:00" and imported[0]["position_source"] == "exif"
    assert (imported[0]["width"], imported[0]["height"], imported[0]["orientation"]) == (1200, 900, 1)
    again = run_cli("--data-dir", str(data), "import-photos", str(tmp_path / "photos"), "--json")
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert lines[-1]["summary"]["duplicate"] == 2 and lines[-1]["summary"]["imported"] == 0
    dup = next(line for line in lines if line.get("status") == "duplicate")
    assert dup["taken_at"] == "2026-11-20T09:15:30+08:00" and dup["lat"] == pytest.approx(33.735)
    check = run_cli("--data-dir", str(data), "check", "--json")
    assert json.loads(check.stdout)["ok"] is True


def test_cli_refuses_while_another_import_runs(tmp_path: Path) -> None:
    make_folder(tmp_path / "p", 1)
    data = tmp_path / "data"
    assert run_cli("--data-dir", str(data), "demo").returncode == 0
    with FileLock(str(data / ".import.lock")):
        done = run_cli("--data-dir", str(data), "import-photos", str(tmp_path / "p"))
    assert done.returncode == 1 and "另一个照片导入正在进行" in done.stderr


def test_cli_patrol_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_folder(tmp_path / "p", 2)
    assert run_cli("--data-dir", str(data), "demo").returncode == 0
    from patrol_app.store import open_store

    with open_store(data) as s:
        patrol = s.scalar("SELECT uuid FROM patrols LIMIT 1")
    bad = run_cli("--data-dir", str(data), "import-photos", str(tmp_path / "p"), "--patrol", "nope", "--json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["error"] == "NoSuchPatrol"
    done = run_cli("--data-dir", str(data), "import-photos", str(tmp_path / "p"), "--patrol", patrol)
    assert done.returncode == 0
    with open_store(data) as s:
        rows = s.query(
            """SELECT l.target_kind, l.target_uuid FROM photo_links l JOIN photos p ON p.uuid = l.photo_uuid
               WHERE p.original_name LIKE 'IMG_000%'"""
        )
        assert [(r[0], r[1]) for r in rows] == [("patrol", patrol)] * 2
        assert s.upkeep.pending_sync()["photo_link"] == s.scalar("SELECT count(*) FROM photo_links")


def test_a_lost_thumbnail_is_made_again_from_the_upload_copy(store: Store, tmp_path: Path) -> None:
    from patrol_app.media.derive import rebuild_thumbnail

    [result] = PhotoImporter(store).run([make_photo(tmp_path / "t.jpg", size=(2400, 1800), orientation=6)]).results
    row = store.photos.by_sha(result.sha256)
    lib = Library(store.data_dir)
    thumb = lib.thumbnail(result.sha256)
    thumb.write_bytes(b"")  # what a crash can leave of a file written without fsync
    rebuild_thumbnail(lib.upload(row["upload_sha256"]), thumb)
    with Image.open(thumb) as img:
        assert 200 <= max(img.size) <= 256 and img.size[1] > img.size[0]  # still upright (portrait)


def test_a_bug_on_one_file_does_not_end_the_batch(store: Store, tmp_path: Path, monkeypatch) -> None:
    from patrol_app.media import importer

    make_folder(tmp_path / "p", 3)
    real = importer._result

    def flaky(name, sha, meta):
        if Path(name).name == "IMG_0001.jpg":
            raise KeyError("a tag no one expected")
        return real(name, sha, meta)

    monkeypatch.setattr(importer, "_result", flaky)
    summary = PhotoImporter(store).run([tmp_path / "p"])
    by_name = {Path(r.path).name: r for r in summary.results}
    assert summary.imported == 2 and by_name["IMG_0001.jpg"].reason is Reason.UNEXPECTED
    assert store.photos.count() == 2


def test_a_failing_library_write_stops_the_import_and_a_rerun_finishes(store: Store, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The original is written by the import's writer thread: a disk error there stops the batch cleanly."""
    import errno

    from patrol_app.media import importer

    make_folder(tmp_path / "a", 12)
    real = importer.write_scratch
    writes = []

    def failing(data: bytes, scratch: Path) -> Path:
        writes.append(len(data))
        if len(writes) == 3:
            raise OSError(errno.EIO, "Input/output error")
        return real(data, scratch)

    monkeypatch.setattr(importer, "write_scratch", failing)
    summary = PhotoImporter(store, workers=1).run([tmp_path / "a"])
    assert summary.stopped is Reason.LIBRARY_UNWRITABLE
    # The two before the failure and those already handed to the worker are imported; nothing new starts
    # (one worker has at most three files in hand, so at least six of the twelve are never started).
    assert summary.imported >= 2 and summary.imported + summary.error == 12
    reasons = [r.reason for r in summary.results if r.status == "error"]
    assert reasons.count(Reason.LIBRARY_UNWRITABLE) == 1
    assert reasons.count(Reason.NOT_IMPORTED_STOPPED) >= 6
    assert set(reasons) == {Reason.LIBRARY_UNWRITABLE, Reason.NOT_IMPORTED_STOPPED}
    assert store.photos.count() == summary.imported
    assert check_files(store.data_dir, store.photos.library_rows()) == [] and store.upkeep.check().ok
    assert not list(Library(store.data_dir).scratch.glob(".part-*"))  # the failed photo's files are gone too
    monkeypatch.setattr(importer, "write_scratch", real)
    again = PhotoImporter(store).run([tmp_path / "a"])
    assert (again.imported, again.duplicate, again.error) == (12 - summary.imported, summary.imported, 0)
    assert store.photos.count() == 12 and check_files(store.data_dir, store.photos.library_rows()) == []
