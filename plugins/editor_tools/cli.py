"""`python -m editor_tools new|check|hook`: what `make new`, `make check-changed` and
`make hook` run. Exit codes: 0 fine, 1 content errors or refused, 2 a git or usage problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from site_build.cli import print_notes

from .changed_check import ChangedCheck, check_since, check_staged
from .git_files import GitError
from .pre_commit_hook import install_hook
from .scaffold import ScaffoldRefused, new_story


def run_new(root: Path, title: str) -> int:
    try:
        paths = new_story(root, title)
    except ScaffoldRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in paths:
        print(path.as_posix())
    return 0


def report_changed(result: ChangedCheck) -> int:
    if result.data_changed:
        print("Note: a data file changed; stories that use it are checked by `make check`.")
    n_files = len(result.changed)
    files = f"{n_files} changed file{'s' if n_files != 1 else ''}"
    print_notes([str(n) for n in result.notes])
    if not result.errors:
        print(f"OK: {files}, no errors.")
        return 0
    for error in result.errors:
        print(error, file=sys.stderr)
    n = len(result.errors)
    print(f"{n} error{'s' if n != 1 else ''} in {files}.", file=sys.stderr)
    return 1


def run_hook(root: Path) -> int:
    result = install_hook(root)
    if result.status == "refused":
        print(
            f"{result.path} is a pre-commit hook of your own: it was left as it is.\n"
            f"To check staged stories too, add this line to it:\n  {result.line}",
            file=sys.stderr,
        )
        return 1
    print(f"Pre-commit hook {result.status}: {result.path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser = argparse.ArgumentParser(prog="editor_tools", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser(
        "new", parents=[common], help="start a story: <slug>.vi.md and <slug>.en.md"
    )
    new.add_argument("title", help="the Vietnamese title")
    check = commands.add_parser("check", parents=[common], help="errors of changed files only")
    which = check.add_mutually_exclusive_group(required=True)
    which.add_argument("--since", metavar="REV", help="files changed since REV, and new ones")
    which.add_argument("--staged", action="store_true", help="files staged for the commit")
    commands.add_parser("hook", parents=[common], help="install the git pre-commit hook")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        if args.command == "new":
            return run_new(root, args.title)
        if args.command == "hook":
            return run_hook(root)
        result = check_staged(root) if args.staged else check_since(root, args.since)
        return report_changed(result)
    except GitError as exc:
        print(f"editor_tools: {exc}", file=sys.stderr)
        return 2
