"""`python -m site_build`: what `make check`, `make site` and `make serve` run.

A check or a build is a batch process whose objects (the checked project, Pelican's articles,
the page plan) live until its end. So the cyclic garbage collector is off while it runs: its
passes over those objects cost about a tenth of a build of 5000 stories, and peak memory is
the same without it (measured with `make bench`). And the process ends without freeing them one
by one (`os._exit` once its output is flushed): 0.4 s at 1000 stories, 2 s at 5000. The
preview is a long-running process and keeps both; a profiler or a coverage tracer gets a
normal exit, in which it writes its results, and so does `BUILD_FAST=0` (shared/speed.py).
"""

import argparse
import gc
import logging
import os
import sys
from pathlib import Path

from shared.speed import tricks_on

DESCRIPTION = "`make check`, `make site`, `make serve`: check, build, preview (site_build/cli.py)."


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="site_build", description=DESCRIPTION)
    parser.add_argument("command", choices=["check", "build", "serve"])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--output", type=Path, default=None, help="default: ROOT/output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--port", type=int, default=8000)
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    output = args.output or args.root / "output"
    if args.command == "build" and tricks_on():  # a running preview of output/ builds it
        from content_model.messages import messages_language

        from .handoff import build_by_preview

        code = build_by_preview(args.root, output, args.settings, messages_language())
        if code is not None:
            return code
    # imported here: a build handed to the preview needs none of it
    from .cli import build, check
    from .preview import Preview

    if args.command == "check":
        return check(args.root)
    if args.command == "build":
        return build(args.root, output, args.settings)
    return Preview(args.root, output, args.port).run()


args = parse_args()
batch = args.command in ("check", "build") and tricks_on()
if batch:
    gc.disable()
code = run(args)
if not batch or sys.getprofile() is not None or sys.gettrace() is not None:
    raise SystemExit(code)
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
