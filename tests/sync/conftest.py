"""The real office server on 127.0.0.1, in its own process, on SQLite or PostgreSQL.

PostgreSQL comes from Debian's packages, started by `.ci/run`, which exports PATROL_TEST_PG
(a URL of a role that may create databases); each test gets a database of its own. Without it
the PostgreSQL cases skip, except where PATROL_REQUIRE_PG=1 (set by `.ci/run`) or CI=true.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import ROOT

PG_ENV = "PATROL_TEST_PG"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def office_cli(data_dir: Path, *args: str, db: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    db_args = ["--db", db] if db else []
    return subprocess.run([sys.executable, "-m", "sync.office", "--data-dir", str(data_dir), *db_args, *args],
                          capture_output=True, text=True, env=env, timeout=timeout)


@dataclass
class Office:
    data_dir: Path
    db: str | None
    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return office_cli(self.data_dir, *args, db=self.db)

    def enroll_code(self) -> str:
        import json

        done = self.cli("enroll-code", "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)["code"]

    def start(self, workers: int = 1) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        db_args = ["--db", self.db] if self.db else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sync.office", "--data-dir", str(self.data_dir), *db_args, "serve",
             "--port", str(self.port), "--workers", str(workers)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 90  # a safety net: start-up takes ~1-2 s
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"office server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if requests.get(self.url + "/", timeout=2).json().get("service") == "patrol-office":
                    return
            except (requests.RequestException, ValueError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError("office server did not answer")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None


def _pg_database() -> Iterator[str]:
    base = os.environ.get(PG_ENV)
    if not base:
        if os.environ.get("PATROL_REQUIRE_PG") == "1" or os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set: .ci/run must start PostgreSQL")
        pytest.skip(f"PostgreSQL not configured ({PG_ENV} unset); .ci/run starts one")
    import sqlalchemy as sa

    name = f"office_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Any, name: str) -> None:
    """Drop a test's database. FORCE ends the office's leftover connections; where the role may not end
    a backend that is not its own (an autovacuum worker visiting the new database, when .ci/run has not
    granted pg_signal_backend), wait until the database has no other sessions and drop it plainly."""
    import sqlalchemy as sa

    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    except sa.exc.ProgrammingError:
        pass
    deadline = time.monotonic() + 120
    while True:
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            return
        except sa.exc.OperationalError:  # "is being accessed by other users": autovacuum ends on its own
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(params=["sqlite", "postgresql"])
def office_db(request: pytest.FixtureRequest) -> Iterator[str | None]:
    if request.param == "sqlite":
        yield None
    else:
        yield from _pg_database()


@pytest.fixture
def office(tmp_path: Path, office_db: str | None) -> Iterator[Office]:
    o = Office(tmp_path / "office", office_db, _free_port())
    o.start()
    yield o
    o.stop()


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[Office]:
    o = Office(tmp_path / "office", None, _free_port())
    o.start()
    yield o
    o.stop()
