"""`python -m editor_tools new|check|hook`: what `make new`, `make check-changed` and
`make hook` run. Exit codes: 0 fine, 1 content errors or refused, 2 a git or usage problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content_model.messages import messages_language, msg, msg_plural, render
from content_model.terminal import note_lines, print_notes, print_warnings, warning_lines
from images.originals import shrink_all

from . import git_files
from .changed_check import ChangedCheck, changed_photos, check_since, check_staged
from .git_files import GitError
from .pre_commit_hook import install_hook
from .scaffold import ScaffoldRefused, new_story
from .story_slug import MAX_LENGTH


def run_new(root: Path, title: str, lang: str | None = None) -> int:
    lang = lang or messages_language()
    try:
        paths = new_story(root, title)
    except ScaffoldRefused as exc:
        print(render(exc.message, lang), file=sys.stderr)
        return 1
    for path in paths:
        print(path.as_posix())
    slug = paths[0].name.split(".")[0]
    if len(slug) > MAX_LENGTH:  # every meaningful word kept (story_slug.py)
        long = msg(
            "Note: the slug has %(length)s characters (a web address is best under %(limit)s). "
            "For a shorter one, delete the two files and run make new with a shorter title.",
            length=len(slug),
            limit=MAX_LENGTH,
        )
        print(render(long, lang))
    return 0


def report_changed(result: ChangedCheck, lang: str | None = None) -> int:
    lang = lang or messages_language()
    if result.data_changed:
        note = msg("Note: a data file changed; stories that use it are checked by `make check`.")
        print(render(note, lang))
    files = msg_plural("%(n)s changed file", "%(n)s changed files", len(result.changed))
    print_notes(note_lines(result.notes, lang), lang)
    print_warnings(warning_lines(result.warnings, lang), lang)
    if not result.errors:
        print(render(msg("OK: %(files)s, no errors.", files=files), lang))
        return 0
    for error in sorted(result.errors):
        print(error.render(lang), file=sys.stderr)
    summary = msg_plural(
        "%(n)s error in %(files)s.", "%(n)s errors in %(files)s.", len(result.errors), files=files
    )
    print(render(summary, lang), file=sys.stderr)
    return 1


def run_photos(root: Path, staged: bool, lang: str | None = None) -> int:
    """`make photos`: every photo of content/images/; in the pre-commit hook, the staged
    ones, staged again once shrunk (the commit takes the shrunk file)."""
    lang = lang or messages_language()
    srcs = changed_photos(git_files.staged(root)) if staged else None
    done = shrink_all(root, srcs)
    for src, what in done.items():
        print(f"content/{src}: {', '.join(render(m, lang) for m in what)}")
    if staged and done:
        git_files.stage(root, [f"content/{src}" for src in done])
    if not staged:
        changed = msg_plural("%(n)s photo changed.", "%(n)s photos changed.", len(done))
        print(render(changed, lang))
    return 0


def run_hook(root: Path, lang: str | None = None) -> int:
    lang = lang or messages_language()
    result = install_hook(root)
    if result.status == "refused":
        refused = msg(
            "%(path)s is a pre-commit hook of your own: it was left as it is.\n"
            "To check staged stories too, add this line to it:\n  %(line)s",
            path=str(result.path),
            line=result.line,
        )
        print(render(refused, lang), file=sys.stderr)
        return 1
    done = {
        "installed": msg("Pre-commit hook installed: %(path)s", path=str(result.path)),
        "updated": msg("Pre-commit hook updated: %(path)s", path=str(result.path)),
    }.get(result.status, msg("Pre-commit hook unchanged: %(path)s", path=str(result.path)))
    print(render(done, lang))
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
    photos = commands.add_parser(
        "photos", parents=[common], help="shrink photos to 2400 px and remove GPS, in place"
    )
    photos.add_argument("--staged", action="store_true", help="only photos staged for commit")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    try:
        if args.command == "new":
            return run_new(root, args.title)
        if args.command == "hook":
            return run_hook(root)
        if args.command == "photos":
            return run_photos(root, args.staged)
        result = check_staged(root) if args.staged else check_since(root, args.since)
        return report_changed(result)
    except GitError as exc:
        print(f"editor_tools: {exc}", file=sys.stderr)
        return 2
