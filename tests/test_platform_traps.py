"""Windows traps, found in the source of patrol_app/ and sync/ (every user runs Windows; these machines are
Linux, and .github/workflows/windows.yml is where the suite meets Windows itself).

The syntax tree is scanned for:
  path-concat       a path joined by hand with "/" or "\\" (`folder + "/x"`, f"{folder}/x", "/".join)
  unix-call         os.fork, os.killpg, os.getuid, signal.alarm, socket.AF_UNIX, symlinks… (absent or
                    privileged on Windows), and os.kill(pid, 0), which on Windows ends the process instead
                    of asking whether it lives
  hard-link         os.link: NTFS has hard links, but a data folder on an exFAT/FAT32 USB stick or some
                    network shares has none
  unix-module       import fcntl / termios / pwd / grp / resource … (no such module on Windows)
  unix-flag         os.O_DIRECT, os.O_NOFOLLOW … (absent on Windows: AttributeError)
  unix-signal       signal.SIGKILL, SIGHUP, SIGUSR1 … (absent on Windows: AttributeError)
  ntfs-name         a file name made from isoformat()/strftime("%H:%M")/a constant with one of <>:"|?* or
                    a device name (CON, NUL, COM1…): NTFS refuses it, or names a stream instead
  open-renamed      os.replace/rename/remove of a file inside the `with open(...)` that holds it (Windows
                    refuses to rename or delete an open file)
  unix-path         "/tmp/…", "/dev/null", "/home/…" written into the code
  text-encoding     a file opened, read or written as text without encoding=: Python 3.11-3.13 then use the
                    ANSI code page on Windows (GBK on a Chinese laptop, cp1252 on an English one), not UTF-8
A finding inside a platform guard (an `if` on sys.platform / os.name / hasattr, or after an early
`if os.name == "nt": return`) is not one; nor, for what is missing on Windows (MISSING), one in a `try`
that catches the ImportError/AttributeError/OSError. Every other finding
is either fixed or listed in ALLOWED with the reason it is safe; an ALLOWED entry that matches nothing
fails too, so the list stays true. docs/windows.md describes the rest of what differs on Windows.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("patrol_app", "sync")

# (file, rule, the offending expression as ast.unparse writes it) -> why it is safe.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("patrol_app/demo/photos.py", "hard-link", "os.link(original, library.upload(sha))"):
        "the demo's filler photos only (made again at will, never a user's data); NTFS has hard links",
    ("patrol_app/demo/photos.py", "hard-link", "os.link(original, library.thumbnail(sha))"):
        "the demo's filler photos only (made again at will, never a user's data); NTFS has hard links",
}

UNIX_CALLS = {
    "os": {"fork", "forkpty", "setsid", "setpgrp", "setpgid", "getpgid", "getpgrp", "killpg", "getuid",
           "geteuid", "getgid", "getegid", "getgroups", "setuid", "setgid", "chown", "lchown", "fchown",
           "mkfifo", "mknod", "symlink", "sync", "statvfs", "fstatvfs", "getloadavg", "nice", "wait3", "wait4",
           "pipe2", "posix_fadvise", "posix_fallocate", "sched_getaffinity", "sched_setaffinity", "openpty",
           "ttyname", "fchmod", "fchdir", "setpriority", "getpriority"},
    "signal": {"alarm", "pause", "setitimer", "getitimer", "siginterrupt", "pthread_kill", "pthread_sigmask",
               "sigwait", "sigwaitinfo", "sigtimedwait"},
    "socket": {"AF_UNIX", "SO_REUSEPORT"},
}
UNIX_PATH_METHODS = {"symlink_to", "lchmod"}
UNIX_MODULES = {"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "crypt", "syslog", "spwd",
                "uvloop"}
# Rules about something missing on Windows: a `try` that catches its absence is a fallback. The others
# (a name, an encoding, an open file) fail however the call is wrapped.
MISSING = {"unix-call", "unix-module", "unix-flag", "unix-signal", "hard-link"}
WINDOWS_O_FLAGS = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_APPEND", "O_CREAT", "O_EXCL", "O_TRUNC", "O_BINARY",
                   "O_NOINHERIT", "O_SHORT_LIVED", "O_TEMPORARY", "O_RANDOM", "O_SEQUENTIAL", "O_TEXT"}
WINDOWS_SIGNALS = {"SIGINT", "SIGTERM", "SIGABRT", "SIGFPE", "SIGILL", "SIGSEGV", "SIGBREAK", "SIG_DFL",
                   "SIG_IGN", "CTRL_C_EVENT", "CTRL_BREAK_EVENT", "Signals", "Handlers"}
NTFS_INVALID = re.compile(r'[<>:"|?*\x00-\x1f]')
DEVICE_NAME = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)
UNIX_PATH = re.compile(r"^(/tmp|/var|/home|/usr|/etc|/dev|/proc|/run)(/|$)|^~/")
# Calls whose arguments name a file (the receiver too, for Path methods).
PATH_FUNCS = {"open", "Path", "PurePath", "joinpath", "with_name", "with_stem", "with_suffix", "mkdir",
              "makedirs", "replace", "rename", "copy", "copy2", "copyfile", "copytree", "move", "unlink", "remove",
              "write_text", "write_bytes", "NamedTemporaryFile", "mkstemp", "mkdtemp", "TemporaryDirectory"}
OPENERS = {"open", "fdopen", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"}
MOVERS = {"replace", "rename", "move", "remove", "unlink"}
# An expression names a URL rather than a file when these words are in it.
URLISH = re.compile(r"url|server|endpoint|href|http|route|/api|://", re.IGNORECASE)
# A hand-made join is a path trap when it joins something that names a file or folder.
PATHISH = re.compile(r"dir|folder|path|file|root|home|library|tmp|temp|data|name|stem|out", re.IGNORECASE)
CATCHES = {"ImportError", "ModuleNotFoundError", "AttributeError", "OSError", "Exception", "BaseException"}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    code: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.rule, self.code)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.code}"


def _dotted(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # noqa: BLE001 - an odd node is just not matched
        return ""


def _is_platform_test(test: ast.AST) -> bool:
    text = _dotted(test)
    if re.search(r"sys\.platform|os\.name|platform\.system|hasattr\(|getattr\(|IS_WIN|WINDOWS|POSIX|_WIN\b",
                 text):
        return True
    return any(isinstance(n, ast.Name) and re.search(r"win|posix", n.id, re.IGNORECASE) for n in ast.walk(test))


def _ends(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Return | ast.Raise | ast.Continue | ast.Break)


def _catches(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = [handler.type] if not isinstance(handler.type, ast.Tuple) else handler.type.elts
    return any(_dotted(n).split(".")[-1] in CATCHES for n in names)


class _Scanner(ast.NodeVisitor):
    """Walks one module, knowing for each node whether a platform guard encloses it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.guarded = 0  # inside an `if` on the platform
        self.caught = 0  # inside a `try` that catches ImportError/AttributeError/OSError
        self.tainted: set[str] = set()  # names assigned a time's text in the current function
        self.fds: dict[str, str] = {}  # fd name -> the path os.open opened

    def add(self, node: ast.AST, rule: str, code: str | None = None) -> None:
        if self.guarded or (self.caught and rule in MISSING):
            return
        text = code if code is not None else _dotted(node)
        self.findings.append(Finding(self.path, getattr(node, "lineno", 0), rule, text[:160]))

    # --- guards ---------------------------------------------------------------------------------------
    def _block(self, body: list[ast.stmt]) -> None:
        """A block of statements: after `if <platform>: return`, the rest of the block is guarded."""
        extra = 0
        for stmt in body:
            self.visit(stmt)
            if isinstance(stmt, ast.If) and _is_platform_test(stmt.test) and _ends(stmt.body) and not extra:
                extra = 1
                self.guarded += 1
        self.guarded -= extra

    def generic_visit(self, node: ast.AST) -> None:
        for _field, value in ast.iter_fields(node):
            if isinstance(value, list) and value and all(isinstance(v, ast.stmt) for v in value):
                self._block(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        guard = _is_platform_test(node.test)
        self.guarded += guard
        self._block(node.body)
        self._block(node.orelse)
        self.guarded -= guard

    def visit_IfExp(self, node: ast.IfExp) -> None:
        guard = _is_platform_test(node.test)
        self.guarded += guard
        self.generic_visit(node)
        self.guarded -= guard

    def visit_Try(self, node: ast.Try) -> None:
        catch = any(_catches(h) for h in node.handlers)
        self.caught += catch
        self._block(node.body)
        self.caught -= catch
        for handler in node.handlers:
            self.visit(handler)
        self._block(node.orelse)
        self._block(node.finalbody)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        saved = (self.tainted, self.fds)
        self.tainted, self.fds = set(), {}
        self._taint(node)
        self.generic_visit(node)
        self.tainted, self.fds = saved

    visit_AsyncFunctionDef = visit_FunctionDef

    # --- rules ------------------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in UNIX_MODULES:
                self.add(node, "unix-module", f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.level == 0 and node.module.split(".")[0] in UNIX_MODULES:
            self.add(node, "unix-module", f"from {node.module} import ...")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        owner = _dotted(node.value)
        if owner == "os" and node.attr.startswith("O_") and node.attr not in WINDOWS_O_FLAGS:
            self.add(node, "unix-flag")
        elif owner == "signal" and node.attr.startswith("SIG") and node.attr not in WINDOWS_SIGNALS:
            self.add(node, "unix-signal")
        elif (owner in UNIX_CALLS and node.attr in UNIX_CALLS[owner]) or (
                node.attr in UNIX_PATH_METHODS and owner not in ("os", "signal")):
            self.add(node, "unix-call")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            slash = [s for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)
                     and ("/" in s.value or "\\" in s.value)]
            other = [s for s in sides if not isinstance(s, ast.Constant)]
            if slash and other and self._joins_paths(node, other) and not _mime(slash[0].value) \
                    and not _prose(slash[0].value):
                self.add(node, "path-concat")
        if isinstance(node.op, ast.Div):  # Path / <name part>
            self._name_part(node.right, node)
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        parts = node.values
        for i, part in enumerate(parts):
            if isinstance(part, ast.Constant) and isinstance(part.value, str) and re.search(r"[/\\]", part.value):
                near = parts[max(0, i - 1):i + 2]
                values = [p.value for p in near if isinstance(p, ast.FormattedValue)]
                if values and self._joins_paths(node, values) and not _mime(part.value) and not _prose(part.value):
                    self.add(node, "path-concat")
                    break
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and UNIX_PATH.match(node.value):
            self.add(node, "unix-path")

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant):  # a docstring or a bare string: prose, not code
            return
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        dotted = _dotted(func)
        if dotted == "os.kill" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
            self.add(node, "unix-call")  # os.kill(pid, 0): TerminateProcess on Windows
        if dotted == "os.link" or name == "hardlink_to":
            self.add(node, "hard-link")
        if self._text_without_encoding(node, name, dotted):
            self.add(node, "text-encoding")
        if name == "join" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant) \
                and func.value.value in ("/", "\\") and self._joins_paths(node, node.args):
            self.add(node, "path-concat")
        # str.replace(old, new) and str.join are not Path.replace(target): one argument only.
        # Path.open(mode) and a key's .open(data) take no file name: only the builtin open's is one.
        if name in PATH_FUNCS and not (name in ("replace", "rename") and len(node.args) != 1) \
                and not (name == "open" and isinstance(func, ast.Attribute) and _dotted(func.value) != "io"):
            args = list(node.args) + [k.value for k in node.keywords if k.arg in (None, "prefix", "suffix", "dir")]
            for arg in args:
                self._name_part(arg, node)
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        held: set[str] = set()
        for item in node.items:
            call = item.context_expr
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            fname = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if fname not in OPENERS:
                continue
            if fname == "open" and isinstance(func, ast.Attribute) and _dotted(func.value) not in ("io", "os"):
                held.add(_dotted(func.value))  # Path.open()
            elif fname == "fdopen" and call.args:
                fd = _dotted(call.args[0])
                held.add(self.fds.get(fd, fd))
            elif call.args:
                held.add(_dotted(call.args[0]))
            if item.optional_vars is not None:
                held.add(_dotted(item.optional_vars) + ".name")
        if held:
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, ast.Call) and self._moves(sub, held):
                        self.add(sub, "open-renamed")
        self.generic_visit(node)

    visit_AsyncWith = visit_With

    def visit_Assign(self, node: ast.Assign) -> None:
        value = node.value
        if isinstance(value, ast.Call) and _dotted(value.func) == "os.open" and value.args:
            for target in node.targets:
                self.fds[_dotted(target)] = _dotted(value.args[0])
        self.generic_visit(node)

    # --- helpers ------------------------------------------------------------------------------------------
    def _moves(self, call: ast.Call, held: set[str]) -> bool:
        """`call` renames, moves or deletes one of the files `held` open."""
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr not in MOVERS:
            return False
        owner = _dotted(func.value)
        if owner in ("os", "shutil"):
            involved = [_dotted(a) for a in call.args[:2]]
        elif func.attr in ("replace", "rename", "unlink") and not any(isinstance(a, ast.Constant) for a in call.args):
            involved = [owner] + [_dotted(a) for a in call.args[:1]]  # Path.replace(target), not str.replace
        else:
            return False
        return any(x in held for x in involved)

    @staticmethod
    def _text_without_encoding(node: ast.Call, name: str, dotted: str) -> bool:
        keywords = {k.arg for k in node.keywords}
        if "encoding" in keywords or None in keywords:  # given, or passed on in **kwargs
            return False
        if name in ("read_text", "write_text"):
            return isinstance(node.func, ast.Attribute)
        if dotted in ("open", "io.open", "os.fdopen") or (name == "open" and isinstance(node.func, ast.Attribute)
                                                           and _dotted(node.func.value) not in ("os", "io")):
            # builtin open(path, mode), os.fdopen(fd, mode), Path.open(mode)
            position = 0 if isinstance(node.func, ast.Attribute) and dotted not in ("io.open", "os.fdopen") else 1
            mode = node.args[position] if len(node.args) > position else next(
                (k.value for k in node.keywords if k.arg == "mode"), None)
            if mode is None:
                return name != "open" or dotted in ("open", "io.open", "os.fdopen") or _pathlike(node.func)
            return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value
        if name in ("NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
            mode = next((k.value for k in node.keywords if k.arg == "mode"), None)
            return isinstance(mode, ast.Constant) and "b" not in str(mode.value)  # default "w+b"
        return False

    def _joins_paths(self, node: ast.AST, parts: list[ast.AST]) -> bool:
        """The joined parts name files (by their names), and the whole is not a URL."""
        if URLISH.search(_dotted(node)):
            return False
        names = [_dotted(n) for part in parts for n in ast.walk(part) if isinstance(n, ast.Name | ast.Attribute)]
        return any(PATHISH.search(n) for n in names)

    def _name_part(self, arg: ast.AST, where: ast.AST) -> None:
        """`arg` becomes (part of) a file name: no time with colons, no NTFS-invalid or device names."""
        for sub in ast.walk(arg):
            bad = None
            if _time_text(sub, NTFS_INVALID) or (isinstance(sub, ast.Name) and sub.id in self.tainted):
                bad = sub
            elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value:
                name = sub.value.replace("\\", "/").split("/")[-1]
                if NTFS_INVALID.search(sub.value) or DEVICE_NAME.match(name):
                    bad = sub
            if bad is not None:
                self.add(where, "ntfs-name")
                return

    def _taint(self, func: ast.AST) -> None:
        """Names a function assigns a time's text to (one step of data flow, twice for a chain)."""
        for _ in range(2):
            for node in ast.walk(func):
                if isinstance(node, ast.Assign) and any(
                    _time_text(s, NTFS_INVALID) or (isinstance(s, ast.Name) and s.id in self.tainted)
                    for s in ast.walk(node.value)
                ):
                    self.tainted.update(t.id for t in node.targets if isinstance(t, ast.Name))


def _time_text(node: ast.AST, invalid: re.Pattern[str]) -> bool:
    """`node` makes a time's text with a colon: `t.isoformat()` (not a date's), `t.strftime("%H:%M")`."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr == "isoformat":
        return not _date_only(node)
    return node.func.attr == "strftime" and bool(node.args) and isinstance(node.args[0], ast.Constant) \
        and bool(invalid.search(str(node.args[0].value)))


def _pathlike(func: ast.AST) -> bool:
    """`x.open()` with no mode: a Path's (text) when x names a file, not a key's or a store's open()."""
    return isinstance(func, ast.Attribute) and bool(PATHISH.search(_dotted(func.value)))


def _date_only(call: ast.Call) -> bool:
    """`x.date().isoformat()`, `today.isoformat()`, `deadline.isoformat()`: a date has no colon."""
    receiver = _dotted(call.func.value) if isinstance(call.func, ast.Attribute) else ""
    return bool(re.search(r"(date\(\)|today|day|deadline|starts_on|ends_on|date)$", receiver, re.IGNORECASE))


def _mime(text: str) -> bool:
    return bool(re.match(r"(image|application|text|audio|video)/", text.strip()))


def _prose(text: str) -> bool:
    """A slash in words or numbers shown to people (" / ", "km/h", "1/2"), not between path parts."""
    return bool(re.search(r"\s/|/\s|km/h|m/s|\d/\d|^/$|<|>", text)) or not text.strip("/\\")


def scan_source(source: str, path: str) -> list[Finding]:
    scanner = _Scanner(path)
    scanner.visit(ast.parse(source))
    return scanner.findings


def scan() -> list[Finding]:
    findings: list[Finding] = []
    for top in SCANNED:
        for file in sorted((ROOT / top).rglob("*.py")):
            rel = file.relative_to(ROOT).as_posix()
            findings += scan_source(file.read_text(encoding="utf-8"), rel)
    return findings


# --- the scanner itself finds what it is meant to --------------------------------------------------------
TRAPS = {
    "path-concat": ['def f(folder):\n    return open(folder + "/patrol.db")',
                    'def f(folder):\n    return f"{folder}/photos/{name}"',
                    'def f(folder, name):\n    return "\\\\".join([folder, name])'],
    "unix-call": ["import os\npid = os.fork()", "import os\nalive = os.kill(pid, 0)", "import os\nos.killpg(1, 15)",
                  "import socket\nsocket.AF_UNIX",
                  "def f(p, q):\n    p.symlink_to(q)"],
    "unix-module": ["import fcntl", "from pwd import getpwuid"],
    "hard-link": ["import os\nos.link(a, b)", "def f(a, b):\n    b.hardlink_to(a)"],
    "unix-flag": ["import os\nfd = os.open('x', os.O_WRONLY | os.O_DIRECT)"],
    "unix-signal": ["import os, signal\nos.kill(1, signal.SIGKILL)", "import signal\nsignal.signal(signal.SIGHUP, f)"],
    "ntfs-name": ["def f(folder, now):\n    return folder / f'backup-{now.isoformat()}.db'",
                  "def f(folder, now):\n    stamp = now.isoformat()\n    return folder / (stamp + '.db')",
                  "def f(folder, now):\n    return Path(folder, now.strftime('%Y-%m-%d %H:%M'))",
                  "def f(folder):\n    return folder / 'aux.txt'",
                  "def f(folder, now):\n    return folder / f'backup-{now:%Y%m%d %H:%M}.db'"],
    "open-renamed": ["import os\ndef f(tmp, path):\n    with open(tmp, 'w') as out:\n        out.write('x')\n"
                     "        os.replace(tmp, path)",
                     "def f(tmp, path):\n    with tmp.open('wb') as out:\n        tmp.replace(path)",
                     "import os, tempfile\ndef f(path):\n    with tempfile.NamedTemporaryFile(dir='.') as t:\n"
                     "        os.replace(t.name, path)"],
    "unix-path": ["log = '/tmp/patrol.log'", "out = open('/dev/null', 'w', encoding='ascii')"],
    "text-encoding": ["def f(path):\n    return open(path).read()", "def f(path):\n    return path.read_text()",
                      "def f(path):\n    path.write_text('巡河')", "def f(path):\n    return open(path, 'w')",
                      "def f(file):\n    return file.open()", "import os\ndef f(fd):\n    return os.fdopen(fd, 'w')",
                      "def f(path):\n    try:\n        return open(path).read()\n"
                      "    except OSError:\n        return ''"],
}
SAFE = [
    "import os, sys\nif sys.platform != 'win32':\n    import fcntl\n    pid = os.fork()",
    "try:\n    import fcntl\nexcept ImportError:\n    fcntl = None",
    "import os\ndef f(folder):\n    if os.name == 'nt':\n        return\n"
    "    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)",
    "import os\nflags = os.O_WRONLY | getattr(os, 'O_DIRECT', 0)",
    "import signal\nKILL = getattr(signal, 'SIGKILL', signal.SIGTERM)",
    "def f(server, path):\n    return f'{server}/api/v1/batches/{path}'",
    "def f(folder, day):\n    return folder / f'daily-{day.isoformat()}.db'",
    "def f(folder, now):\n    return folder / now.strftime('%Y%m%d-%H%M%S')",
    "def f(folder, now):\n    return folder / f'backup-{now:%Y%m%d-%H%M%S}.db'",
    "import os\ndef f(tmp, path):\n    with open(tmp, 'w', encoding='utf-8') as out:\n        out.write('x')\n"
    "    os.replace(tmp, path)",
    "import os\ndef f(tmp, path):\n    fd = os.open(tmp, os.O_WRONLY)\n    with os.fdopen(fd, 'wb') as out:\n"
    "        out.write(b'x')\n    os.replace(tmp, path)",
    "def f(a, b):\n    return f'{a} / {b}'",
    "def f(photo):\n    return 'image/' + photo.format",
    "def f(path):\n    return open(path, 'rb').read() + path.read_bytes()",
    "def f(path):\n    return path.read_text(encoding='utf-8') + open(path, encoding='utf-8').read()",
    "def f(key, data):\n    return key.open(data)",
]


@pytest.mark.parametrize(("rule", "source"), [(r, s) for r, sources in TRAPS.items() for s in sources])
def test_the_scanner_finds_each_trap(rule: str, source: str) -> None:
    assert rule in {f.rule for f in scan_source(source, "example.py")}, source


@pytest.mark.parametrize("source", SAFE)
def test_the_scanner_leaves_guarded_or_harmless_code_alone(source: str) -> None:
    assert scan_source(source, "example.py") == []


def test_the_scan_sees_the_code() -> None:
    files = [f for top in SCANNED for f in (ROOT / top).rglob("*.py")]
    assert len(files) > 40


# --- the project's code ------------------------------------------------------------------------------------
def test_no_platform_trap_without_a_reason() -> None:
    unexplained = [str(f) for f in scan() if f.key not in ALLOWED]
    assert unexplained == [], "fix these or add them to ALLOWED with the reason they are safe:\n" + "\n".join(
        unexplained)


def test_every_allowed_trap_still_exists() -> None:
    found = {f.key for f in scan()}
    stale = [key for key in ALLOWED if key not in found]
    assert stale == [], f"no longer in the code, remove from ALLOWED: {stale}"


def test_allowed_entries_give_a_reason() -> None:
    assert all(len(reason) > 20 for reason in ALLOWED.values())


def findings_for_docs() -> Iterator[str]:  # pragma: no cover - a helper for reading the list by hand
    yield from (str(f) for f in scan())


# --- what the code does about a Windows difference, played here --------------------------------------------
def test_a_path_too_long_for_windows_is_said_to_be_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without long paths enabled, Windows says a listed file of 260+ characters does not exist: the import
    must say the path is too long (move it to a shorter folder), not that it vanished."""
    import errno

    from patrol_app.media import reasons

    long_path = "C:\\Users\\河长\\Pictures\\" + "巡河照片\\" * 50 + "IMG_0001.jpg"
    monkeypatch.setattr(reasons, "WINDOWS", True)
    gone = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", long_path)
    assert reasons.Reason.from_os_error(gone, listed=True) is reasons.Reason.NAME_TOO_LONG
    short = FileNotFoundError(errno.ENOENT, "The system cannot find the file specified", "C:\\Users\\x.jpg")
    assert reasons.Reason.from_os_error(short, listed=True) is reasons.Reason.VANISHED
    range_error = OSError(errno.EINVAL, "The filename or extension is too long", long_path)
    range_error.winerror = reasons.ERROR_FILENAME_EXCED_RANGE  # as Windows sets it
    assert reasons.Reason.from_os_error(range_error) is reasons.Reason.NAME_TOO_LONG
    monkeypatch.setattr(reasons, "WINDOWS", False)  # elsewhere a long path that is not found is gone
    assert reasons.Reason.from_os_error(gone, listed=True) is reasons.Reason.VANISHED


def test_a_photo_renamed_while_a_scanner_holds_it_is_tried_again(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    """On Windows a virus scanner may hold a file just written for a moment, and its rename into the library
    fails with a PermissionError: the library tries again for about a second, then gives up with it."""
    import os

    from patrol_app.media import library

    real_replace = os.replace
    refusals = {"left": 2}

    def held_by_a_scanner(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if refusals["left"]:
            refusals["left"] -= 1
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(source))
        real_replace(source, target)

    monkeypatch.setattr(library, "RENAME_PAUSES", (0.0, 0.0, 0.0))
    monkeypatch.setattr(library.os, "replace", held_by_a_scanner)
    target = tmp_path / "photos" / "ab" / ("ab" + "0" * 62 + ".jpg")
    assert library.write_atomic(target, b"jpeg bytes")
    assert target.read_bytes() == b"jpeg bytes" and refusals["left"] == 0

    refusals["left"] = 10  # held for longer than the pauses: the error is the caller's to report
    with pytest.raises(PermissionError):
        library.write_atomic(target.with_name("ab" + "1" * 62 + ".jpg"), b"more bytes")
