"""Private PostgreSQL and Redis servers for the test run and the benchmark.

Each server lives in a directory of its own, listens on loopback on a free port, and is stopped by the caller.
Debian's binaries are used; when they are missing, `MissingServer` names the package to install.
PostgreSQL refuses to run as root, so as root it runs as the `postgres` user that Debian's package creates.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class MissingServer(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if shutil.which("pg_ctl"):
        candidates.insert(0, shutil.which("pg_ctl"))
    if not candidates:
        raise MissingServer(
            "PostgreSQL is not installed: the tests start their own server from Debian's package. "
            "Install it with: sudo apt-get install postgresql"
        )
    return Path(candidates[0]).resolve().parent


def _as_postgres_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class PostgresServer:
    directory: Path
    port: int
    bindir: Path

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/laget"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres_user([str(self.bindir / "pg_ctl"), "-D", str(self.directory / "data"), "-m", "fast", "stop"]),
            check=False,
            capture_output=True,
        )


def start_postgres(directory: Path | None = None, port: int | None = None) -> PostgresServer:
    """Start PostgreSQL with its data in `directory` (a new temporary one if None), creating the cluster if
    needed. A cluster that is already there is reused, as the benchmark does."""
    bindir = _postgres_bindir()
    directory = Path(directory or tempfile.mkdtemp(prefix="laget-pg-"))
    directory.mkdir(parents=True, exist_ok=True)
    data = directory / "data"
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    if not (data / "PG_VERSION").exists():
        subprocess.run(
            _as_postgres_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
    port = port or _free_port()
    server = PostgresServer(directory=directory, port=port, bindir=bindir)
    options = (
        f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=50"
    )
    result = subprocess.run(
        _as_postgres_user(
            [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(directory / "server.log"), "-w", "start"]
        ),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log = (directory / "server.log").read_text() if (directory / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {result.stderr}\n{log[-2000:]}")
    subprocess.run(
        [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "laget"],
        capture_output=True,
    )
    return server


@dataclass
class RedisServer:
    process: subprocess.Popen
    port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_redis() -> RedisServer:
    binary = shutil.which("redis-server")
    if binary is None:
        raise MissingServer(
            "Redis is not installed: the tests start their own server from Debian's package. "
            "Install it with: sudo apt-get install redis-server"
        )
    directory = Path(tempfile.mkdtemp(prefix="laget-redis-"))
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return RedisServer(process=process, port=port, directory=directory)
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("Redis did not start within 10 seconds.")
