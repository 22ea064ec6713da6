"""`python -m bulletin ID --output output`: what `make bulletin ID=<id>` runs.

Builds one issue's print (PDF, PDF/A) and e-mail editions without a site build, from the
checked project: a content error anywhere is reported as by `make check`, one line each,
with exit code 1 and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content_model.messages import messages_language, msg, render
from content_model.project import load_project
from content_model.schema import did_you_mean
from content_model.terminal import print_errors

from .build import PREVIEW_URL, Options, build_issue, publish_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bulletin", description=__doc__)
    parser.add_argument("id", help="the issue: its file name in content/bulletins/ without .yaml")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--output", type=Path, default=None, help="default: ROOT/output")
    parser.add_argument("--no-pdfa", action="store_true", help="skip the PDF/A variant")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    output = (args.output or root / "output").resolve()
    lang = messages_language()
    project, report = load_project(root)
    if report:
        print_errors(report.lines(lang), lang)
        return 1
    if args.id not in project.bulletins:
        known = sorted(project.bulletins)
        unknown = msg(
            "unknown issue '%(id)s'%(hint)s; an issue is a file content/bulletins/<id>.yaml: "
            "%(known)s",
            id=args.id,
            hint=did_you_mean(args.id, known),
            known=", ".join(known) or msg("none yet"),
        )
        print_errors([render(unknown, lang)], lang)
        return 1
    options = Options(
        theme=root / "theme",
        site_url=publish_url(root) or PREVIEW_URL,
        pdfa=not args.no_pdfa,
    )
    built = build_issue(project, project.bulletins[args.id], output, options)
    for warning in built.warnings:
        print(render(msg("warning: %(warning)s", warning=warning), lang), file=sys.stderr)
    for path in built.files:
        print(path.relative_to(output).as_posix() if path.is_relative_to(output) else path)
    pages = ", ".join(
        render(msg("%(edition)s %(n)s pages", edition=edition, n=n), lang)
        for edition, n in built.pages.items()
    )
    done = msg(
        "Built issue %(id)s (%(pages)s) in %(seconds)s s into %(output)s",
        id=args.id,
        pages=pages,
        seconds=f"{built.seconds:.1f}",
        output=str(output),
    )
    print(render(done, lang))
    return 0
