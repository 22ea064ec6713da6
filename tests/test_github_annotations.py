"""A content error in a pull request becomes an annotation on its file and line."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import REPO, Site, story
from tools.github_annotations import annotations


def test_each_located_line_becomes_an_annotation_on_its_file_and_line() -> None:
    lines = [
        "content/articles/b.vi.md:11: aid[0].committed.value: phải là số thuần: viết 16104216000",
        "2 errors: nothing was built.",
        "content/data/partners.yaml:8: partners[0]: unknown partner 'gnii', 50% sure",
    ]
    assert list(annotations(lines)) == [
        "::error file=content/articles/b.vi.md,line=11,title=aid[0].committed.value::"
        "phải là số thuần: viết 16104216000",
        "::error file=content/data/partners.yaml,line=8,title=partners[0]::"
        "unknown partner 'gnii', 50%25 sure",
    ]


def test_make_check_output_in_a_pull_request(site: Site) -> None:
    site.add_story("b.vi.md", story("b", extra="aid:\n  - period: '2019'\n    projects: mười"))
    check = subprocess.run(
        [sys.executable, "-m", "site_build", "check", "--root", str(site.root)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "plugins"), "MESSAGES": "vi", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert check.returncode == 1
    tool = subprocess.run(
        [sys.executable, str(REPO / "tools" / "github_annotations.py")],
        input=check.stderr,
        capture_output=True,
        text=True,
        check=True,
    )
    commands = [line for line in tool.stdout.splitlines() if line.startswith("::error ")]
    assert len(commands) == 1
    assert commands[0].startswith(
        "::error file=content/articles/b.vi.md,line=9,title=aid[0].projects::"
    )
    kept = [line for line in tool.stdout.splitlines() if not line.startswith("::")]
    assert kept == check.stderr.splitlines()  # the log keeps the check's own lines


def test_the_workflow_annotates_pull_requests_and_keeps_its_schedule() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "schedule" in triggers
    steps = {s.get("name"): s for s in workflow["jobs"]["build"]["steps"]}
    check = steps["Check content"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert "tools/github_annotations.py" in check["run"] and "pipefail" in check["run"]
