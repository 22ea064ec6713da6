"""Editors' workflow: `make new`, `make check-changed`, the pre-commit hook, `make publish`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Site, make_site, story
from content_model.project import load_project
from content_model.schema import AidFigure, Event, FrontMatter, Image
from editor_tools.scaffold import ScaffoldRefused, new_story
from editor_tools.story_slug import slug_from_title
from shared.build_day import SITE_TZ

GIT_IDENTITY = ["-c", "user.email=t@t", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
BAD_PARTNER = "partners: [khong-co]"
BAD_PROJECTS = 'aid:\n  - period: "2022"\n    projects: "21"'


def error_line(name: str, line: int, rest: str) -> str:
    return f"content/articles/{name}:{line}: {rest}"


UNKNOWN_PARTNER = "partners[0]: unknown partner 'khong-co'; see content/data/partners.yaml"
PROJECTS_TEXT = "aid[0].projects: must be a plain number, not text: write 21"


def clean_env(**extra: str) -> dict[str, str]:
    """No GIT_* variables: tests run from a git hook must not reach the outer repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, **extra}


def run_tool(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = clean_env(PYTHONPATH=str(REPO / "plugins"))
    return subprocess.run(
        [sys.executable, "-m", "editor_tools", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *GIT_IDENTITY, *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
    )


MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "system"]
MAKE += ["-o", "node_modules/.installed"]


def make(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the project's Makefile in a temporary site, with the project's own venv
    (`-o` keeps make from re-installing it, and the npm packages)."""
    for name in ("Makefile", ".venv", "requirements.lock", "publishconf.py"):
        if not (root / name).exists():
            (root / name).symlink_to(REPO / name)
    return subprocess.run(
        [*MAKE, *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=clean_env(**env),
        check=False,
    )


def articles(site: Site) -> dict[str, str]:
    folder = site.root / "content" / "articles"
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def uncomment_examples(text: str) -> str:
    """Turn every commented example field (`# key: ...`, `#   - key: ...`) into YAML."""
    return re.sub(r"(?m)^# (\s*(?:- )?[a-z_]+:)", r"\1", text)


# --- make new -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Đà Nẵng", "dai-hoi-da-nang"),
        ("Đại hội Hội hữu nghị Việt - Lào", "dai-hoi-hoi-huu-nghi-viet-lao"),
        ("Hội nghị: kết quả – năm 2024!", "hoi-nghi-ket-qua-nam-2024"),
        ("  “Trà Vinh” & Lào (2022)...  ", "tra-vinh-lao-2022"),
        ("ĐOÀN CÔNG TÁC ĐẾN ÚC", "doan-cong-tac-den-uc"),
    ],
)
def test_slug_from_vietnamese_title(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug


def test_a_long_title_keeps_every_meaningful_word_whole() -> None:
    """Over 60 characters, only small words (của, và, các...) are left out, from the end
    first, until the slug fits; no meaningful word is dropped or cut, so a very long title
    keeps a longer slug."""
    title = "Trao tặng các thiết bị y tế của tổ chức GNI cho các trạm y tế xã tại huyện Lâm Bình"
    assert slug_from_title(title) == (
        "trao-tang-thiet-bi-y-te-to-chuc-gni-tram-y-te-xa-huyen-lam-binh"
    )  # 63 characters: every small word had to go, the places stay
    # 68 characters: các and cho (the last small words) left out, it fits, của stays
    shorter = "Trao tặng thiết bị y tế của tổ chức GNI cho các trạm y tế xã Na Hang"
    assert (
        slug_from_title(shorter) == "trao-tang-thiet-bi-y-te-cua-to-chuc-gni-tram-y-te-xa-na-hang"
    )
    title = (
        "Hội nghị tổng kết công tác đối ngoại nhân dân và vận động viện trợ phi chính phủ "
        "nước ngoài năm 2024"
    )
    assert slug_from_title(title) == (
        "hoi-nghi-tong-ket-cong-tac-doi-ngoai-nhan-dan-van-dong-vien-tro-phi-chinh-phu-nuoc-"
        "ngoai-nam-2024"
    )
    assert slug_from_title("Đại hội Đà Nẵng") == "dai-hoi-da-nang"  # under 60: nothing left out
    # đã (a small word) is left out, Đà of Đà Nẵng never is: words are compared with tone marks
    long_da = "Đoàn đã đến Đà Nẵng " + " ".join(["giao lưu hữu nghị"] * 4)
    assert slug_from_title(long_da) == "doan-den-da-nang-" + "-".join(["giao-luu-huu-nghi"] * 4)
    assert slug_from_title("b" * 80) == "b" * 80  # one word: never cut


def test_make_new_says_when_the_slug_is_long(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    title = (
        "Hội nghị tổng kết công tác đối ngoại nhân dân năm 2024 và phương hướng nhiệm vụ năm 2025"
    )
    result = run_tool(site.root, "new", title)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "Note: the slug has 85 characters (a web address is best under 60). For a shorter one, "
        "delete the two files and run make new with a shorter title."
    )
    monkeypatch.setenv("MESSAGES", "vi")  # the same title again, refused in Vietnamese
    result = run_tool(site.root, "new", title)
    slug = "hoi-nghi-tong-ket-cong-tac-doi-ngoai-nhan-dan-nam-2024-phuong-huong-nhiem-vu-nam-2025"
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"content/articles/{slug}.vi.md & content/articles/{slug}.en.md đã có: chưa ghi tệp "
        "nào. Mở bài đã có, hoặc chọn tiêu đề khác."
    )


def test_title_without_letters_is_refused(site: Site) -> None:
    assert slug_from_title("!!! – ???") is None
    result = run_tool(site.root, "new", "!!! – ???")
    assert result.returncode == 1
    assert "needs letters or digits" in result.stderr
    assert articles(site) == {}


def test_new_writes_both_versions_that_pass_the_check(site: Site) -> None:
    # the category is the first key of categories.yaml, whatever it is
    site.write(
        "content/data/categories.yaml", "vien-tro:\n  name: Viện trợ\nhoat-dong:\n  name: A\n"
    )
    before = datetime.now(SITE_TZ).date()
    result = run_tool(site.root, "new", "Đại hội Hội hữu nghị Việt - Lào")
    after = datetime.now(SITE_TZ).date()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "content/articles/dai-hoi-hoi-huu-nghi-viet-lao.vi.md",
        "content/articles/dai-hoi-hoi-huu-nghi-viet-lao.en.md",
    ]
    project, report = load_project(site.root)
    assert report.lines() == []
    versions = project.stories["dai-hoi-hoi-huu-nghi-viet-lao"].versions
    assert set(versions) == {"vi", "en"}
    vi, en = versions["vi"].front, versions["en"].front
    assert vi.title == "Đại hội Hội hữu nghị Việt - Lào"
    assert en.title == "TODO: English title"
    for front in (vi, en):
        assert front.category == "vien-tro"
        assert front.date.date() in {before, after}
        assert front.status == "published"
        # only the required fields are set: everything else is a comment
        assert front.model_fields_set == {"title", "date", "lang", "slug", "category"}


def test_new_shows_every_other_field_as_a_valid_example(site: Site) -> None:
    new_story(site.root, "Đoàn công tác tỉnh thăm Lào")
    slug = "doan-cong-tac-tinh-tham-lao"
    site.write(f"content/images/{slug}.jpg", "a photo")
    for name, text in articles(site).items():
        site.add_story(name, uncomment_examples(text))
    project, report = load_project(site.root)
    assert report.lines() == []
    vi = project.stories[slug].versions["vi"].front
    en = project.stories[slug].versions["en"].front
    assert vi.model_fields_set == set(FrontMatter.model_fields)
    assert vi.image is not None and vi.image.model_fields_set == set(Image.model_fields)
    assert {f for e in vi.events for f in e.model_fields_set} == set(Event.model_fields)
    assert {f for a in vi.aid for f in a.model_fields_set} == set(AidFigure.model_fields)
    # story data is written once, in the Vietnamese version
    assert not {"province", "partners", "events", "aid"} & en.model_fields_set
    assert "story data" in articles(site)[f"{slug}.en.md"].casefold()


@pytest.mark.parametrize("existing", ["vi", "en"])
def test_new_never_overwrites_a_file(site: Site, existing: str) -> None:
    site.add_story(f"dai-hoi-da-nang.{existing}.md", "my draft, not a story yet\n")
    before = articles(site)
    result = run_tool(site.root, "new", "Đại hội Đà Nẵng")
    assert result.returncode == 1
    assert f"content/articles/dai-hoi-da-nang.{existing}.md already exists" in result.stderr
    assert "nothing was written" in result.stderr
    assert articles(site) == before


def test_new_never_reuses_a_slug(site: Site) -> None:
    site.add_story("old/bai-cu.en.md", story("dai-hoi-da-nang", lang="en"))
    before = articles(site)
    with pytest.raises(ScaffoldRefused, match=r"already used by content/articles/old/bai-cu"):
        new_story(site.root, "Đại hội Đà Nẵng")
    assert articles(site) == before
    assert not (site.root / "content/articles/dai-hoi-da-nang.vi.md").exists()


def test_make_new_passes_the_title_as_written(site: Site) -> None:
    title = 'Hội thảo "Hợp tác – Phát triển" `date` năm 2024'
    result = make(site.root, "new", f"TITLE={title}")
    assert result.returncode == 0, result.stderr
    slug = "hoi-thao-hop-tac-phat-trien-date-nam-2024"
    assert result.stdout.splitlines() == [
        f"content/articles/{slug}.vi.md",
        f"content/articles/{slug}.en.md",
    ]
    project, report = load_project(site.root)
    assert report.lines() == []
    assert project.stories[slug].versions["vi"].front.title == title
    # without a title: a message, no file
    assert make(site.root, "new").returncode != 0
    assert len(articles(site)) == 2


# --- changed files ------------------------------------------------------------------------


@pytest.fixture
def repo(site: Site) -> Site:
    """A committed site: story a (vi, en) valid, story c already broken in the commit."""
    git(site.root, "init", "-q")
    site.add_story("a.vi.md", story("a"))
    site.add_story("a.en.md", story("a", lang="en"))
    site.add_story("c.vi.md", story("c", extra=BAD_PARTNER))
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "base")
    return site


def test_since_reports_only_the_changed_files(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    # the whole project has both errors
    _, report = load_project(repo.root)
    assert len(report) == 2
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        error_line("a.vi.md", 9, PROJECTS_TEXT),
        "1 error in 1 changed file.",
    ]


def test_since_tells_what_a_changed_story_will_lose(repo: Site) -> None:
    """The hook shows the HTML notes of the changed files, and still lets the commit pass."""
    repo.add_story("a.vi.md", story("a", body='Video:\n\n<iframe src="https://x"></iframe>'))
    repo.add_story("c.en.md", story("c", lang="en", body="<script>x()</script>"))
    git(repo.root, "add", "content/articles/c.en.md")
    git(repo.root, "commit", "-q", "-m", "c in English, with a script")
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "1 note: HTML that the site does not show (docs/editor-guide.md, section 15):",
        "content/articles/a.vi.md:10: text: an embedded video, map or post (<iframe>) is "
        "removed from the page: write a link to it instead",
    ]


def test_since_includes_new_untracked_stories(repo: Site) -> None:
    repo.add_story("moi.vi.md", story("moi", extra=BAD_PARTNER))
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert result.returncode == 1
    assert error_line("moi.vi.md", 7, UNKNOWN_PARTNER) in result.stderr.splitlines()
    assert "c.vi.md" not in result.stderr


def test_since_includes_the_other_language_version(repo: Site) -> None:
    repo.add_story("c.en.md", story("c", lang="en", title="C in English"))
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "c in English")
    # only the English version changes: the Vietnamese one's error belongs to the story
    repo.add_story("c.en.md", story("c", lang="en", title="C, corrected"))
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        error_line("c.vi.md", 7, UNKNOWN_PARTNER),
        "1 error in 1 changed file.",
    ]


def test_since_a_changed_data_file_reports_data_errors(repo: Site) -> None:
    # site.yaml is unchanged, but its province is gone from the changed provinces.yaml
    repo.write("content/data/provinces.yaml", "lao-cai:\n  name: Lào Cai\n")
    repo.write("content/data/partners.yaml", "- id: gni\n  name: GNI\n  country: KR\n  type: x\n")
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "content/data/partners.yaml:4",
        "content/data/site.yaml:5",
    ]
    assert "unknown province 'tuyen-quang'" in lines[1]
    assert lines[-1] == "2 errors in 2 changed files."
    assert "Note: a data file changed" in result.stdout


def test_since_ok_when_the_changes_are_valid(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", title="Tiêu đề mới"))
    repo.add_story("b.vi.md", story("b"))
    result = run_tool(repo.root, "check", "--since", "HEAD")
    assert (result.returncode, result.stdout) == (0, "OK: 2 changed files, no errors.\n")


def test_since_an_older_revision(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    git(repo.root, "commit", "-q", "-am", "break a")
    assert run_tool(repo.root, "check", "--since", "HEAD").returncode == 0
    result = run_tool(repo.root, "check", "--since", "HEAD~1")
    assert result.returncode == 1
    assert error_line("a.vi.md", 9, PROJECTS_TEXT) in result.stderr.splitlines()


def test_unknown_revision_and_no_repository(repo: Site, tmp_path: Path) -> None:
    result = run_tool(repo.root, "check", "--since", "no-such-branch")
    assert result.returncode == 2
    assert "unknown revision 'no-such-branch'" in result.stderr
    assert "Traceback" not in result.stderr
    plain = make_site(tmp_path / "plain")
    result = run_tool(plain.root, "check", "--staged")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_staged_sees_only_staged_changes(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    repo.add_story("b.vi.md", story("b", extra=BAD_PARTNER))  # not staged
    assert run_tool(repo.root, "check", "--staged").stdout == "OK: 0 changed files, no errors.\n"
    git(repo.root, "add", "content/articles/a.vi.md")
    result = run_tool(repo.root, "check", "--staged")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        error_line("a.vi.md", 9, PROJECTS_TEXT),
        "1 error in 1 changed file.",
    ]


def test_staged_checks_the_staged_version_not_the_working_copy(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    git(repo.root, "add", "-A")
    repo.add_story("a.vi.md", story("a", title="Đã sửa nhưng chưa git add"))
    result = run_tool(repo.root, "check", "--staged")
    assert result.returncode == 1
    assert error_line("a.vi.md", 9, PROJECTS_TEXT) in result.stderr.splitlines()
    # and the other way round: a staged fix passes while the working copy is broken again
    git(repo.root, "add", "-A")
    repo.add_story("a.vi.md", story("a", extra=BAD_PARTNER))
    assert run_tool(repo.root, "check", "--staged").returncode == 0


def test_staged_photo_must_be_staged_too(repo: Site) -> None:
    repo.write("content/images/a.jpg", "a photo")  # on disk, never git add-ed
    image = "image: {src: images/a.jpg, alt: Ảnh}"
    repo.add_story("a.vi.md", story("a", extra=image))
    git(repo.root, "add", "content/articles/a.vi.md")
    result = run_tool(repo.root, "check", "--staged")
    assert result.returncode == 1
    assert "image.src: no file content/images/a.jpg" in result.stderr
    git(repo.root, "add", "content/images/a.jpg")
    assert run_tool(repo.root, "check", "--staged").returncode == 0


def test_staged_data_file(repo: Site) -> None:
    repo.write("content/data/categories.yaml", "hoat-dong:\n  name: {vi: Hoạt động}\n")
    git(repo.root, "add", "-A")
    result = run_tool(repo.root, "check", "--staged")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("content/data/categories.yaml:2: ")
    assert "c.vi.md" not in result.stderr


# --- pre-commit hook ----------------------------------------------------------------------


def commit(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *GIT_IDENTITY, "commit", "-q", "-m", "x"],
        cwd=root,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )


def test_make_hook_blocks_a_commit_with_errors(repo: Site) -> None:
    result = make(repo.root, "hook")
    assert result.returncode == 0, result.stderr
    hook = repo.root / ".git/hooks/pre-commit"
    assert os.access(hook, os.X_OK)
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    git(repo.root, "add", "content/articles/a.vi.md")
    blocked = commit(repo.root)
    assert blocked.returncode != 0
    assert error_line("a.vi.md", 9, PROJECTS_TEXT) in blocked.stderr.splitlines()
    repo.add_story("a.vi.md", story("a", title="Đã sửa"))
    git(repo.root, "add", "content/articles/a.vi.md")
    done = commit(repo.root)
    assert done.returncode == 0, done.stderr
    assert "OK: 1 changed file, no errors." in done.stdout + done.stderr  # hooks print to stderr
    # installing again changes nothing
    again = make(repo.root, "hook")
    assert (again.returncode, "unchanged" in again.stdout) == (0, True)


def test_hook_never_overwrites_a_hook_of_ones_own(repo: Site) -> None:
    hook = repo.root / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\nrun-my-linter\n", encoding="utf-8")
    result = run_tool(repo.root, "hook")
    assert result.returncode == 1
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nrun-my-linter\n"
    assert "PYTHONPATH=plugins .venv/bin/python -m editor_tools check --staged" in result.stderr


# --- make check-changed, make publish, the workflow ---------------------------------------


def test_make_check_changed_since(repo: Site) -> None:
    repo.add_story("a.vi.md", story("a", extra=BAD_PROJECTS))
    git(repo.root, "commit", "-q", "-am", "break a")
    assert make(repo.root, "check-changed").returncode == 0  # default: since HEAD
    result = make(repo.root, "check-changed", "SINCE=HEAD~1")
    assert result.returncode != 0
    assert error_line("a.vi.md", 9, PROJECTS_TEXT) in result.stderr.splitlines()


def test_make_publish_uses_publishconf(site: Site) -> None:
    site.add_story("a.vi.md", story("a"))
    result = make(site.root, "publish")
    assert result.returncode == 0, result.stderr
    assert "--settings publishconf.py" in result.stdout
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "https://huunghi.example.org/tin-tuc/a/" in feed


def _workflow() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))


def _publish_step(build: dict) -> dict:
    return next(step for step in build["steps"] if "make publish" in (step.get("run") or ""))


def test_workflow_tests_builds_and_deploys_main_only() -> None:
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    publish = _publish_step(build)
    tests = next(step for step in build["steps"] if step.get("run") == "make test")
    assert build["steps"].index(tests) < build["steps"].index(publish)
    assert tests["if"] == "github.event_name != 'schedule'"  # the daily run: last push's code
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    cache = uses["actions/cache"]  # kept between runs: content-hash caches work in CI
    assert cache["with"]["path"] == ".cache"
    assert build["steps"].index(cache) < build["steps"].index(publish)
    upload = uses["actions/upload-pages-artifact"]
    main_only = (
        "(github.event_name == 'push' || github.event_name == 'schedule') "
        "&& github.ref == 'refs/heads/main'"
    )
    assert (upload["if"], upload["with"]["path"]) == (main_only, "output/")
    assert deploy["if"] == main_only and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _build_day(event: str, root: Path) -> str:
    """The SOURCE_DATE_EPOCH the workflow's publish step sets for `event`, run by bash."""
    script = _publish_step(_workflow()["jobs"]["build"])["run"]
    script = script.replace("${{ github.event_name }}", event)
    script = script.replace("make publish", 'echo "$SOURCE_DATE_EPOCH"')
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_workflow_builds_every_day_with_that_day_as_the_build_day(site: Site) -> None:
    """A story dated tomorrow appears tomorrow without a commit: the daily run's build
    day is its own (midnight in Vietnam), a push's is its commit's (reproducible)."""
    (cron,) = [s["cron"] for s in _workflow()[True]["schedule"]]
    minute, hour, *every = cron.split()
    assert every == ["*", "*", "*"]  # every day of every month, every weekday
    assert (int(hour) + 7) % 24 == 0 and int(minute) < 30  # just after midnight in Vietnam
    daily = datetime.fromtimestamp(int(_build_day("schedule", site.root)), SITE_TZ)
    assert daily.date() == datetime.now(SITE_TZ).date() and daily.time() == time(0, 0)
    site.add_story("a.vi.md", story("a"))
    git(site.root, "init", "-q")
    git(site.root, "add", "-A")
    git(site.root, "commit", "-q", "-m", "x", "--date", "2024-06-15T10:00:00+07:00")
    committed = git(site.root, "log", "-1", "--format=%ct").stdout.strip()
    assert _build_day("push", site.root) == committed
