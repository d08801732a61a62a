"""The `patrol-office` command (DESIGN.md §8): serve, enrolment codes, devices, export.

Exit codes as for `patrol-app`: 0 success, 1 the work ran but something failed, 2 bad usage.
`--db URL` (or PATROL_OFFICE_DB) picks PostgreSQL; without it the office keeps an SQLite file in
its data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DATA = "patrol-office-data"


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="office data folder (photos, and the SQLite database unless --db is given)")
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="database URL, e.g. postgresql+psycopg://user@host/db (default: SQLite in DIR)")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print one JSON document")
    parser = argparse.ArgumentParser(prog="patrol-office", parents=[common],
                                     description="巡河助手 市河长办接收服务 River Patrol city office server.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    serve = sub.add_parser("serve", parents=[common], help="receive devices' batches and photos over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (PostgreSQL or SQLite)")
    code = sub.add_parser("enroll-code", parents=[common, as_json], help="a one-time code to enrol a device")
    code.add_argument("--name", default="", help="who or which laptop the code is for")
    sub.add_parser("devices", parents=[common, as_json], help="enrolled devices")
    revoke = sub.add_parser("revoke", parents=[common], help="stop a device from uploading, at once")
    revoke.add_argument("device", metavar="DEVICE")
    assign = sub.add_parser("assign", parents=[common, as_json],
                            help="assign (交办) a problem to a unit or chief; it reaches their device at its next sync")
    assign.add_argument("problem", metavar="PROBLEM", help="the problem's uuid")
    assign.add_argument("--to", required=True, metavar="UNIT_OR_CHIEF", help="the responsible unit or chief")
    assign.add_argument("--deadline", metavar="DATE", help="rectify by this day (YYYY-MM-DD); default: in 15 days")
    assign.add_argument("--note", default="", help="what the office asks for")
    act = sub.add_parser("act", parents=[common, as_json],
                         help="the office's other steps on a problem: urge (催办), extend (延期), verify (核查), "
                              "rework (核查不通过), close (销号)")
    act.add_argument("problem", metavar="PROBLEM", help="the problem's uuid")
    act.add_argument("action", choices=["urge", "extend", "verify", "rework", "close"])
    act.add_argument("--deadline", metavar="DATE", help="extend, rework: the new deadline (YYYY-MM-DD)")
    act.add_argument("--reason", default="", help="extend, rework: why")
    act.add_argument("--note", default="", help="what the office says")
    register = sub.add_parser("register", parents=[common, as_json],
                              help="import the register (reaches, chiefs, liaison units, rules) that flows down")
    register.add_argument("file", metavar="FILE", help="a register JSON document (docs/sync-protocol.md)")
    contract = sub.add_parser("contract", parents=[common, as_json],
                              help="import maintenance contracts (管护合同); each flows down to its crew")
    contract.add_argument("file", metavar="FILE", help="a contracts JSON document (docs/sync-protocol.md)")
    export = sub.add_parser("export", parents=[common], help="export every record and photo")
    export.add_argument("format", choices=["json"])
    export.add_argument("out_dir", metavar="OUT_DIR")
    return parser


def _settings(args: argparse.Namespace) -> tuple[Path, str]:
    from sync.office import db

    data_dir = Path(getattr(args, "data_dir", None) or os.environ.get("PATROL_OFFICE_DATA") or DEFAULT_DATA)
    data_dir = data_dir.expanduser().absolute()
    url = getattr(args, "db", None) or os.environ.get("PATROL_OFFICE_DB") or db.default_url(data_dir)
    return data_dir, url


def _office(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sync.office import db
    from sync.office.service import Office

    data_dir, url = _settings(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(url)
    db.migrate(engine)
    return Office(engine, data_dir)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from sqlalchemy.exc import OperationalError

    try:
        return {"serve": _serve, "enroll-code": _enroll_code, "devices": _devices, "revoke": _revoke,
                "export": _export, "assign": _assign, "act": _act,
                "register": _register, "contract": _contract}[args.command](args)
    except OperationalError as exc:
        print(f"无法连接或打开数据库：{exc.orig}\nCannot open the database: {exc.orig}", file=sys.stderr)
        return EXIT_FAILED


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    _office(args)  # migrate once, here, before any worker starts
    data_dir, url = _settings(args)
    os.environ["PATROL_OFFICE_DATA"] = str(data_dir)
    os.environ["PATROL_OFFICE_DB"] = url
    uvicorn.run("sync.office.app:office_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="warning", timeout_graceful_shutdown=5)
    return EXIT_OK


def _enroll_code(args: argparse.Namespace) -> int:
    code, expires = _office(args).create_enroll_code(args.name)
    if args.json:
        print(json.dumps({"code": code, "expires_at": expires}))
    else:
        print(f"注册码 Enrolment code: {code}\n有效期至 Valid until: {expires} (UTC)\n"
              "在巡河助手里输入：patrol-app enroll --server URL --code 注册码")
    return EXIT_OK


def _devices(args: argparse.Namespace) -> int:
    devices = _office(args).devices()
    if args.json:
        print(json.dumps({"devices": devices}, ensure_ascii=False))
        return EXIT_OK
    if not devices:
        print("还没有注册的设备 No devices enrolled yet.")
    for d in devices:
        state = f"已停用 revoked {d['revoked_at']}" if d["revoked_at"] else "使用中 active"
        print(f"{d['device_id']}  {d['name'] or '-'}  {state}  记录 records {d['records']}  "
              f"最近 last seen {d['last_seen_at'] or '-'}")
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    if _office(args).revoke(args.device):
        print(f"已停用 Revoked: {args.device}")
        return EXIT_OK
    print(f"没有这台使用中的设备 No active device {args.device}", file=sys.stderr)
    return EXIT_FAILED


def _export(args: argparse.Namespace) -> int:
    from sync.exchange import write_export

    office = _office(args)
    counts = write_export(Path(args.out_dir), office.wire_records(), office.photos.final_path)
    print(json.dumps(counts, ensure_ascii=False))
    return EXIT_OK


def _deadline(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The --deadline as a date, None if not given; raises SystemExit(2) with the usage message."""
    from datetime import date

    if not args.deadline:
        return None
    try:
        return date.fromisoformat(args.deadline)
    except ValueError:
        print(f"期限要写成 年-月-日，例如 2027-01-15：{args.deadline}\n"
              f"The deadline must be a date like 2027-01-15: {args.deadline}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def _office_step(args: argparse.Namespace, step) -> dict | None:  # type: ignore[no-untyped-def]
    """Run one office step on a problem; its refusal printed (zh/en, and as JSON with --json)."""
    from sync.office.feed import AssignError

    try:
        return step(_office(args).feed)
    except AssignError as exc:
        if args.json:
            print(json.dumps({"error": {"zh": exc.zh, "en": exc.en}}, ensure_ascii=False))
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return None


def _act(args: argparse.Namespace) -> int:
    deadline = _deadline(args)
    event = _office_step(args, lambda feed: feed.act(args.problem, args.action, deadline=deadline, note=args.note,
                                                     reason=args.reason))
    if event is None:
        return EXIT_FAILED
    if args.json:
        print(json.dumps(event, ensure_ascii=False))
    else:
        print(f"已记录 Recorded: {args.problem} {args.action}\n对方下次同步时收到。It reaches their devices at "
              "their next sync.")
    return EXIT_OK


def _assign(args: argparse.Namespace) -> int:
    deadline = _deadline(args)
    event = _office_step(args, lambda feed: feed.assign(args.problem, args.to, deadline=deadline, note=args.note))
    if event is None:
        return EXIT_FAILED
    data = event["data"]
    if args.json:
        print(json.dumps(event, ensure_ascii=False))
    else:
        who = data["assignee_unit"] or data["assignee_person"]
        kind = "单位 unit" if data["assignee_unit"] else "河长 chief"
        print(f"已交办 Assigned: {args.problem} → {who}（{kind}）"
              + f"，期限 deadline {data['deadline']}"
              + "\n对方下次同步时收到。It reaches their device at its next sync.")
    return EXIT_OK


def _register(args: argparse.Namespace) -> int:
    from sync.office import register

    return _import_owned(args, lambda text: register.import_register(_office(args), register.load(text)),
                         register.RegisterError, "河段名录已导入 Register imported",
                         "各设备下次同步时收到。Devices receive it at their next sync.")


def _contract(args: argparse.Namespace) -> int:
    from sync.office import contracts

    return _import_owned(args, lambda text: contracts.import_contracts(_office(args), contracts.load(text)),
                         contracts.ContractError, "管护合同已导入 Contracts imported",
                         "管护单位下次同步时收到。Crews receive them at their next sync.")


def _import_owned(args: argparse.Namespace, load_and_import: Callable[[str], dict[str, int]],
                  refused: type[Exception], done: str, then: str) -> int:
    """`register FILE` and `contract FILE`: read the JSON file, import it, say what changed."""
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"读不了这个文件：{args.file}（{exc}）\nCannot read {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        counts = load_and_import(text)
    except refused as exc:
        zh, en = getattr(exc, "zh", str(exc)), getattr(exc, "en", str(exc))
        if args.json:
            print(json.dumps({"error": {"zh": zh, "en": en}}, ensure_ascii=False))
        print(f"{zh}\n{en}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(counts))
    else:
        print(f"{done}: 新增 new {counts['new']}，更新 changed {counts['changed']}，"
              f"未变 unchanged {counts['same']}\n{then}")
    return EXIT_OK
