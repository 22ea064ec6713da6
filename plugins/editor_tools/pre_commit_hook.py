"""`make hook`: a git pre-commit hook that runs the changed-files check on staged content."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from .git_files import git

MARKER = "# editor_tools pre-commit hook"
TOOLS = "PYTHONPATH=plugins .venv/bin/python -m editor_tools"
PHOTOS = f"{TOOLS} photos --staged"  # shrinks staged photos and stages them again
CHECK = f"{TOOLS} check --staged"


@dataclass
class HookResult:
    path: Path
    status: str  # "installed", "updated", "unchanged" or "refused"
    line: str  # the line to add by hand to a hook of one's own


def _project_prefix(root: Path) -> str:
    """The project folder relative to the repository's top (hooks run at the top)."""
    return git(root, "rev-parse", "--show-prefix").decode().strip().rstrip("/")


def hook_script(prefix: str) -> str:
    cd = f"cd {shlex.quote(prefix)} || exit 1\n" if prefix else ""
    return f"""\
#!/bin/sh
{MARKER}, installed by `make hook` (docs/editor-guide.md).
# Shrinks staged photos (make photos), then checks the stories and data files staged for
# this commit; skip once: git commit --no-verify
{cd}if [ ! -x .venv/bin/python ]; then
  echo "pre-commit: no .venv yet: run 'make check' once, then commit again" >&2
  exit 1
fi
{PHOTOS} || exit 1
{CHECK}
"""


def manual_line(prefix: str) -> str:
    if prefix:
        return f"(cd {shlex.quote(prefix)} && {PHOTOS} && {CHECK}) || exit 1"
    return f"{PHOTOS} && {CHECK} || exit 1"


def install_hook(root: Path) -> HookResult:
    prefix = _project_prefix(root)
    hook_path = Path(git(root, "rev-parse", "--git-path", "hooks/pre-commit").decode().strip())
    path = hook_path if hook_path.is_absolute() else root / hook_path
    script = hook_script(prefix)
    line = manual_line(prefix)
    if path.exists():
        current = path.read_text(encoding="utf-8", errors="replace")
        if current == script:
            return HookResult(path, "unchanged", line)
        if MARKER not in current:  # someone else's hook: never overwrite it
            return HookResult(path, "refused", line)
        status = "updated"  # an earlier version of ours
    else:
        status = "installed"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script, encoding="utf-8", newline="\n")
    path.chmod(0o755)
    return HookResult(path, status, line)
