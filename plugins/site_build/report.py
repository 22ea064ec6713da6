"""What a build prints for the editor, and its exit code: the same whether this process built
or a running preview did (handoff.py). Light imports: the command that hands its build to
the preview loads nothing else."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class BuildResult:
    ok: bool
    errors: list[str] = field(default_factory=list)  # content errors, one line each
    rendered: list[str] = field(default_factory=list)  # pages rendered (others were linked)
    notes: list[str] = field(default_factory=list)  # what the sanitiser removed, one line each
    warnings: list[str] = field(default_factory=list)  # content and photo warnings
    reused: int = 0
    seconds: float = 0.0


def report(result: BuildResult, output: Path, lang: str, by_preview: bool = False) -> int:
    """Print `result` as `make site` does; the exit code. `by_preview`: the build was done
    by the running preview (`make serve`), which the last line says."""
    from content_model.messages import msg, render
    from content_model.terminal import print_errors, print_notes, print_warnings

    if not result.ok:
        print_errors(result.errors, lang)
        return 1
    print_notes(result.notes, lang)
    print_warnings(result.warnings, lang)
    counts = {
        "output": str(output.resolve()),
        "rendered": len(result.rendered),
        "reused": result.reused,
        "seconds": f"{result.seconds:.1f}",
    }
    built = (
        msg(
            "Built %(output)s by the running preview (make serve): %(rendered)s pages "
            "rendered, %(reused)s unchanged (%(seconds)s s)",
            **counts,
        )
        if by_preview
        else msg(
            "Built %(output)s: %(rendered)s pages rendered, %(reused)s unchanged (%(seconds)s s)",
            **counts,
        )
    )
    print(render(built, lang))
    sys.stdout.flush()
    return 0
