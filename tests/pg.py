"""A throwaway PostgreSQL cluster for the tests, from Debian's server binaries.

The ``postgres_cluster`` fixture (session scope) runs ``initdb`` in a fresh
temporary folder, starts the server on 127.0.0.1 on a free port with trust
authentication, and stops and deletes it when the session ends; the
``postgres_url`` fixture gives each test its own new database. The server
binaries refuse to run as root, so as root they run as the ``postgres``
system user through ``runuser``.

Without the binaries (or psycopg) the tests skip with the reason -- unless
the environment variable ``CI`` is set, where a missing server is a failure:
CI installs it (``.ci/run``), so its absence means the setup broke.

Import the fixtures into a test module: ``from pg import postgres_cluster, postgres_url``.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_BINDIR_GLOB = "/usr/lib/postgresql/*/bin"
_START_TIMEOUT_S = 60
_SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"  # throwaway: speed over durability


def skip_or_fail(reason: str) -> None:
    """Skip outside CI; in CI (``CI`` set) a missing PostgreSQL is a broken setup, so fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so PostgreSQL tests must run)")
    pytest.skip(reason)


def find_bindir() -> Path | None:
    """The newest installed server's bin folder holding initdb and pg_ctl, or None."""
    def version(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    for candidate in sorted(glob.glob(_BINDIR_GLOB), key=version, reverse=True):
        bindir = Path(candidate)
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """One initdb'd data folder and the server running on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="tiedote-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = free_port()
        if self.as_root:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> None:
        """Run a server binary, as the postgres user when we are root."""
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, timeout=_START_TIMEOUT_S)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {_SERVER_OPTIONS}"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", str(_START_TIMEOUT_S), "start")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """A running throwaway cluster for the whole test session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        skip_or_fail("psycopg is not installed: pip install 'tiedote[postgres]'")
    bindir = find_bindir()
    if bindir is None:
        skip_or_fail(f"no PostgreSQL server binaries (initdb, pg_ctl) under {_BINDIR_GLOB}: apt-get install postgresql")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            skip_or_fail("running as root and there is no 'postgres' user to run the server as")
        if shutil.which("runuser") is None:
            skip_or_fail("running as root and 'runuser' is missing, so the server cannot drop privileges")
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        cluster.stop()
        skip_or_fail(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


_database_counter = iter(range(1_000_000))


@pytest.fixture
def postgres_url(postgres_cluster: Cluster, request: pytest.FixtureRequest) -> str:
    """A fresh database for one test, named after it."""
    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40]
    return postgres_cluster.create_database(f"t{next(_database_counter)}_{name}")
