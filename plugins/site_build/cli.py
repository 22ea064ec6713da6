"""`python -m site_build check|build|serve`: what `make check`, `make site`, `make serve` run
(the command line is in __main__.py, the preview in preview.py).

A build reads the whole project first and stops with every content error, one per line, and
exit code 1, before anything is written. Pelican writes into a folder beside `output/`, which
replaces `output/` in one atomic step only when the build succeeded: a failed, interrupted or
killed build leaves the last output as it was; a second build of the same output at the same
time is refused with a message (output_folder.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from content_model.errors import ContentInvalid
from content_model.messages import messages_language, msg, render
from content_model.project import load_project
from content_model.terminal import (
    note_lines,
    print_errors,
    print_notes,
    print_warnings,
    warning_lines,
)
from images.originals import warnings as photo_warnings
from shared.atomic import write_atomic
from shared.cache import FOLDER, damaged

from . import output_folder
from .output_folder import OutputLocked
from .report import BuildResult, report

if TYPE_CHECKING:
    from bilingual.session import BuildSession


def check(root: Path, lang: str | None = None) -> int:
    """`lang`: the language of the messages (default: `MESSAGES`, else Vietnamese)."""
    lang = lang or messages_language()
    project, report = load_project(root)
    print_notes(note_lines(project.notes, lang), lang)
    print_warnings(warning_lines([*sorted(project.warnings), *photo_warnings(root)], lang), lang)
    if report:
        print_errors(report.lines(lang), lang)
        return 1
    versions = len(project.files)
    print(
        render(
            msg(
                "OK: %(stories)s stories (%(versions)s language versions), no errors.",
                stories=len(project.stories),
                versions=versions,
            ),
            lang,
        )
    )
    return 0


def run_build(
    root: Path,
    output: Path,
    settings_file: str = "pelicanconf.py",
    overrides: dict[str, Any] | None = None,
    in_place: bool = False,
    wait_for_lock: bool = False,
    lang: str | None = None,
    session: BuildSession | None = None,
) -> BuildResult:
    """Check, build into a staging folder, swap it in. Content errors are returned, not
    raised, as lines in `lang` (default: `MESSAGES`, else Vietnamese); any other failure
    raises, and in every failure `output` stays as it was.
    Another build of the same output raises OutputLocked, or is waited for.

    `in_place` (the preview): write only the pages that changed, into `output` itself, each
    file replaced whole; a build cut short leaves a mixed folder that the next one repairs.
    What a local preview needs, not a published site.

    `session`: what the build knows beyond its settings (bilingual/session.py); the preview
    keeps one across its builds, a build without one gets a new one. After the build,
    `session.record` says what it did."""
    from bilingual.session import BuildSession

    root, output = root.resolve(), output.resolve()
    session = session or BuildSession(root)
    with output_folder.locked(output, wait=wait_for_lock):
        return _locked_build(
            root, output, settings_file, overrides, in_place, lang or messages_language(), session
        )


def _locked_build(
    root: Path,
    output: Path,
    settings_file: str,
    overrides: dict[str, Any] | None,
    in_place: bool,
    lang: str,
    session: BuildSession,
) -> BuildResult:
    from pelican.log import init as init_logging
    from pelican.settings import read_settings

    from bilingual.pelican_adapter import SessionPelican
    from bilingual.reuse import PreviousBuild, read_manifest

    started = time.perf_counter()
    init_logging(level=logging.WARNING)
    output_folder.remove_leftovers(output)
    target = output if in_place else output_folder.staging_folder(output)
    cache = root / FOLDER
    # Pages unchanged since the last build are reused (bilingual/fingerprints.py): linked
    # from it, or left where they are in place. One manifest per output folder: it describes
    # what is in that folder, whatever the settings of the build that wrote it (SITEURL and
    # the like are in every page's key). It is trusted only for the folder it describes: same
    # path, and the same folder (inode), which another build swapping in its own output
    # would have replaced. While a build runs, no manifest describes the folder.
    manifest = manifest_path(root, output)
    reading = manifest.with_suffix(".previous.json")
    reading.unlink(missing_ok=True)
    if _manifest_fits(manifest, output):
        manifest.rename(reading)
    else:
        manifest.unlink(missing_ok=True)
    settings = read_settings(
        str(root / settings_file),
        override={
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(target),
            "THEME": str(root / "theme"),
            "PLUGIN_PATHS": [str(root / "plugins")],
            "CONTENT_CACHE_DIR": str(cache),
            **(overrides or {}),
        },
    )
    before = read_manifest(reading)
    session.start_build(PreviousBuild(output if reading.exists() else None, before))
    record = session.record
    skeleton = output_folder.FolderSkeleton(target)
    try:
        if not in_place:  # the folders of the last build's pages, made while this one works
            skeleton.start(before.keys())
        SessionPelican(settings, session).run()
        skeleton.finish(record.manifest)
    except ContentInvalid as exc:  # found before anything is written
        skeleton.cancel()
        _restore(reading, manifest)
        if not in_place:
            shutil.rmtree(target, ignore_errors=True)
        return BuildResult(False, exc.report.lines(lang), seconds=time.perf_counter() - started)
    except BaseException:
        skeleton.cancel()
        if not in_place:  # output/ was not touched: its manifest still describes it
            _restore(reading, manifest)
            shutil.rmtree(target, ignore_errors=True)
        raise
    if in_place:
        _remove_dropped_pages(output, before, record.manifest)
    else:
        output_folder.replace(output, target)
    reading.unlink(missing_ok=True)
    if record.generator is not None:  # the pages were made: their manifest describes them
        write_manifest(manifest, output, record.manifest)
    project = session.checked_project()
    return BuildResult(
        True,
        rendered=list(record.rendered),
        notes=note_lines(project.notes, lang),
        warnings=warning_lines([*sorted(project.warnings), *photo_warnings(root)], lang),
        reused=len(record.reused),
        seconds=time.perf_counter() - started,
    )


def manifest_path(root: Path, output: Path) -> Path:
    """Where the page manifest of the output folder `output` is kept (one per folder)."""
    return root / FOLDER / "build" / f"{hashlib.sha256(str(output).encode()).hexdigest()[:16]}.json"


def write_manifest(manifest: Path, output: Path, files: dict[str, str]) -> None:
    """Say that `output` (this path, this folder) holds `files` (path -> fingerprint)."""
    described = {"output": str(output), "inode": output.stat().st_ino}
    write_atomic(manifest, json.dumps({**described, "files": files}))


def _restore(reading: Path, manifest: Path) -> None:
    if reading.exists():
        reading.rename(manifest)


def _remove_dropped_pages(output: Path, before: dict[str, str], now: dict[str, str]) -> None:
    """In place: the pages of the last build that this one no longer makes (a story deleted
    or renamed, fewer listing pages)."""
    for rel in before.keys() - now.keys():
        (output / rel).unlink(missing_ok=True)


def _manifest_fits(manifest: Path, output: Path) -> bool:
    try:
        described = json.loads(manifest.read_text(encoding="utf-8"))
        return described["output"] == str(output) and described["inode"] == output.stat().st_ino
    except OSError:  # none yet, or no output folder
        return False
    except (ValueError, KeyError, TypeError) as exc:  # every page is rendered again
        damaged("build", manifest, f"{type(exc).__name__}: {exc}")
        return False


def build(
    root: Path, output: Path, settings_file: str = "pelicanconf.py", lang: str | None = None
) -> int:
    lang = lang or messages_language()
    try:
        result = run_build(root, output, settings_file, lang=lang)
    except OutputLocked as exc:
        print(render(exc.message, lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        stopped = msg("Build interrupted: %(output)s is unchanged.", output=str(output.resolve()))
        print(render(stopped, lang), file=sys.stderr)
        return 130
    return report(result, output, lang)
