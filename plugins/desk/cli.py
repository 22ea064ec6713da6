"""`make admin-config` writes the desk's configuration; `make edit` runs the desk on this
checkout, offline: decap-server (from npm) on 127.0.0.1 writes the files the desk saves into
content/, and the preview server rebuilds the site and serves /admin/ beside it."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from pelican.settings import read_settings

from content_model.data_files import load_data
from content_model.errors import ErrorReport
from shared.text import localized

from .admin_files import NODE_MODULES, page_title, settings_from, write_admin

DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"


def write_desk(root: Path, settings_file: str, output: Path, local_port: int | None) -> Path:
    """output/admin/ as the build writes it (the configuration, the page, the bundle)."""
    settings = read_settings(str(root / settings_file))
    desk = settings_from(settings)
    if local_port is not None:
        desk.local_port = local_port
    report = ErrorReport()
    data, _ = load_data(root, report)
    name = localized(data.site.short_name, "vi") if data.site else None
    write_admin(output, desk, page_title(name), settings["DESK_CONTENT_SECURITY_POLICY"])
    return output / "admin" / "config.yml"


def start_decap_server(root: Path, port: int) -> subprocess.Popen:
    """decap-server bound to 127.0.0.1 only, writing files into `root` (MODE=fs: no commits;
    the editor or `git` commits them)."""
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(root.resolve()),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "warn"),
    }
    return subprocess.Popen(["node", str(DECAP_SERVER)], env=env)


def edit(root: Path, site_port: int, backend_port: int) -> int:
    # a terminated `make edit` stops decap-server too (the `finally` below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = start_decap_server(root, backend_port)
    print(f"Editors' desk: http://127.0.0.1:{site_port}/admin/ (Ctrl-C to stop)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    try:
        return subprocess.call(
            [
                sys.executable,
                "-m",
                "site_build",
                "serve",
                "--root",
                str(root),
                "--port",
                str(site_port),
            ],
            env=env,
        )
    except KeyboardInterrupt:
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="desk", description=__doc__)
    parser.add_argument("command", choices=["config", "edit"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", type=Path, default=None, help="default: ROOT/output")
    parser.add_argument("--port", type=int, default=8000, help="the site's preview (edit)")
    parser.add_argument("--backend-port", type=int, default=None, help="decap-server's port")
    args = parser.parse_args(argv)
    if args.command == "config":
        out = args.output or args.root / "output"
        print(write_desk(args.root.resolve(), args.settings, out, args.backend_port))
        return 0
    port = (
        args.backend_port or settings_from(read_settings(str(args.root / args.settings))).local_port
    )
    return edit(args.root, args.port, port)
