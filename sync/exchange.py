"""`export json OUT_DIR`, the same on a device and at the office (DESIGN.md §8).

`OUT_DIR/<kind>.jsonl` holds one record per line in the wire format, sorted by uuid, and
`OUT_DIR/photos/<sha256>.jpg` every upload copy a record references, byte for byte. Both ends write
through this one function, so `diff -r` of a device's export and the office's export of that device
shows exactly what did not arrive.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def export_line(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_export(out_dir: Path, records: Iterable[dict[str, Any]],
                 photo_path: Callable[[str], Path]) -> dict[str, int]:
    """Write every record (any order) and the photos they reference; returns counts per kind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record)
    photos_out = out_dir / "photos"
    photos_out.mkdir(exist_ok=True)
    counts: dict[str, int] = {}
    missing = 0
    for kind, rows in sorted(by_kind.items()):
        rows.sort(key=lambda r: r["uuid"])
        tmp = out_dir / f".{kind}.jsonl.part"
        with tmp.open("w", encoding="utf-8", newline="\n") as f:
            for row in rows:
                f.write(export_line(row) + "\n")
        os.replace(tmp, out_dir / f"{kind}.jsonl")
        counts[kind] = len(rows)
        for sha in sorted({sha for row in rows for sha in row.get("photos", [])}):
            source = photo_path(sha)
            target = photos_out / f"{sha}.jpg"
            if target.exists():
                continue
            if source.is_file():
                shutil.copyfile(source, target)
            else:
                missing += 1
    counts["photos"] = sum(1 for _ in photos_out.glob("*.jpg"))
    counts["photos_missing"] = missing
    return counts
