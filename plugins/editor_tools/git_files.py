"""What git says changed, and the content of the index as the next commit will have it.

Read-only git commands only. Paths are relative to the project folder (`--relative`, and
`ls-files` from that folder), with `-z` so that Vietnamese file names are not quoted.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# exported from the index byte for byte: the files load_project reads (and locates errors in)
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".yaml", ".yml"})
SUBMODULE_MODE = "160000"


class GitError(Exception):
    """A git command failed; the message says which and why."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """The output of `git ARGS` run in `root`; GitError when it fails."""
    # the environment is kept: in a pre-commit hook GIT_INDEX_FILE names the index to commit
    result = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {reason[0] if reason else 'failed'}")
    return result.stdout


def _paths(output: bytes) -> list[str]:
    return [os.fsdecode(p) for p in output.split(b"\0") if p]


def changed_since(root: Path, rev: str) -> list[str]:
    """Files that differ between `rev` and the working tree, and new files under content/."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision '{rev}': give a commit, branch or tag") from None
    tracked = _paths(git(root, "diff", "--name-only", "--relative", "-z", rev, "--"))
    untracked = _paths(
        git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", "content")
    )
    return sorted(set(tracked) | set(untracked))


def staged(root: Path) -> list[str]:
    """Files whose staged version differs from the last commit (all of them before one)."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        base = "HEAD"
    except GitError:  # no commit yet: compare with the empty tree
        base = git(root, "hash-object", "-t", "tree", "--stdin", stdin=b"").decode().strip()
    return _paths(git(root, "diff", "--cached", "--name-only", "--relative", "-z", base, "--"))


def stage(root: Path, paths: list[str]) -> None:
    """`git add` these files (paths relative to the project folder)."""
    git(root, "add", "--", *paths)


def export_staged_content(root: Path, dest: Path) -> None:
    """Write `content/` as staged into `dest/content/`: what the commit will contain.

    Stories and data files come from the index, so unstaged edits neither hide nor cause
    errors. Other files (photos) are only checked to exist: those the working tree has as
    staged are linked rather than copied.
    """
    listing = git(root, "ls-files", "--stage", "-z", "--", "content")
    unstaged = set(_paths(git(root, "diff", "--name-only", "--relative", "-z", "--", "content")))
    from_index: dict[str, str] = {}  # path -> object id
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, raw_path = record.split(b"\t", 1)
        mode, object_id, stage = meta.decode().split()
        path = os.fsdecode(raw_path)
        if stage != "0" or mode == SUBMODULE_MODE:
            continue  # a conflict cannot be committed anyway; submodules hold no content
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if Path(path).suffix in TEXT_SUFFIXES or path in unstaged or mode == "120000":
            from_index[path] = object_id
        else:
            target.symlink_to((root / path).resolve())
    _write_blobs(root, dest, from_index)


def _write_blobs(root: Path, dest: Path, blobs: dict[str, str]) -> None:
    if not blobs:
        return
    paths = list(blobs)
    request = "".join(f"{blobs[p]}\n" for p in paths).encode()
    output = git(root, "cat-file", "--batch", stdin=request)
    pos = 0
    for path in paths:
        header_end = output.index(b"\n", pos)
        size = int(output[pos:header_end].split()[2])
        start = header_end + 1
        (dest / path).write_bytes(output[start : start + size])
        pos = start + size + 1  # the content is followed by a newline
