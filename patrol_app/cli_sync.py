"""`patrol-app export json`, `enroll` and `sync` (DESIGN.md §8).

`sync` exits 0 only when everything pending was acknowledged and everything the office addressed to
this device was pulled; offline, a captive portal, a refusal
or rejected records give 1 with the reason, and nothing unacknowledged is ever marked sent.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from patrol_app.cli import EXIT_FAILED, EXIT_OK, _emit, _fail, _no_database
from patrol_app.paths import database_path


def export(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app import syncing
    from patrol_app.store import open_store

    if not database_path(data_dir).exists():
        return _no_database(args, data_dir)
    with open_store(data_dir) as store:
        counts = syncing.export_json(store, Path(args.out_dir))
    lines = [f"已导出 Exported to {args.out_dir}:", *(f"  {k}: {n}" for k, n in counts.items())]
    _emit(args, {"out_dir": str(args.out_dir), "counts": counts}, "\n".join(lines))
    return EXIT_OK if counts.get("photos_missing", 0) == 0 else EXIT_FAILED


def enroll(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app import syncing
    from patrol_app.store import open_store
    from sync.client import SyncError

    with open_store(data_dir) as store:
        try:
            done = syncing.enroll(store, args.server, args.code, name=args.name, ca_bundle=args.ca_bundle)
        except SyncError as exc:
            _fail(args, exc.bilingual(), error=exc.code)
            return EXIT_FAILED
    kept_in = ("系统钥匙串 the OS keyring" if done.token_kept_in == "keyring"
               else "数据文件夹里只有本人能读的文件 a file only you can read")
    _emit(args, {"server": done.server, "device_id": done.device_id, "token_kept_in": done.token_kept_in},
          f"已在市河长办注册 Enrolled with {done.server}\n  设备 device: {done.device_id}\n"
          f"  凭证保存在 token kept in: {kept_in}")
    return EXIT_OK


def sync(args: argparse.Namespace, data_dir: Path) -> int:
    from patrol_app import syncing
    from patrol_app.store import open_store

    if not database_path(data_dir).exists():
        return _no_database(args, data_dir)
    with open_store(data_dir) as store:
        report = syncing.sync_now(store)
        last = store.upkeep.last_sync_success()
    document = {**report.to_json(), "last_success_at": last}
    lines = [f"已送达 acknowledged: {report.sent}（其中重复 of which duplicates: {report.duplicates}），"
             f"照片 photos sent: {report.photos_sent}，{report.bytes_sent} bytes",
             f"仍待上传 still pending: {report.pending_after}"]
    lines += [f"被拒收 rejected: {r['kind']} {r['uuid']} v{r['version']} — {r['reason'].get('zh')} / "
              f"{r['reason'].get('en')}" for r in report.rejected]
    if report.received or report.pulled:
        lines.append(f"从市河长办收到 received from the office: {report.received}"
                     + (f"，其中新交办 new assignments: {report.assignments}" if report.assignments else ""))
    if report.waiting_photos:
        lines.append(f"等待照片 waiting for photos: {report.waiting_photos}")
    if report.error is not None:
        lines.append(report.error.bilingual())
    lines.append(f"上次上传成功 last upload arrived: {last or '从未 never'}")
    _emit(args, document, "\n".join(lines))
    return EXIT_OK if report.complete else EXIT_FAILED
