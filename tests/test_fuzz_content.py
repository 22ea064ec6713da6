"""Whatever an editor saves, `load_project` reports located one-line errors and never raises.

Hypothesis writes front matter and data files from a mix of valid fields, YAML look-alikes,
random text, nested structures and random bytes into one project, checks it, and checks
every error line. A few examples also go through `python -m site_build check` in a
subprocess, to prove that no traceback reaches the editor.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    CATEGORIES_YAML,
    PARTNERS_YAML,
    PROVINCES_YAML,
    RATES_YAML,
    REPO,
    SITE_YAML,
    make_site,
)
from content_model.project import load_project

ERROR_LINE = re.compile(r"^[^:]+:\d+: \S.*: .+$")
DATA_FILES = ("site", "partners", "categories", "provinces", "exchange-rates")

# Scalars that YAML, the schema or an editor's keyboard make interesting
TRICKY = [
    "NO", "yes", "on", "~", "null", "true", "0123", "1:20", "2022-13-01", "2019-09-20T08:30",
    "16.104.216.000", "16,104,216,000", "1e400", "-5", "0", "", " ", "*a", "&a x", "!!str x",
    "!x y", "<<", "|", ">", "'", '"', "[", "]", "{", "}", "#", "%", "@", "`", "- ", ": ",
    "---", "...", "\t", "\\", "hoat-dong", "gni", "tuyen-quang", "vi", "en", "USD", "VND",
    "images/x.jpg", "2022", "2014-2019", "2022-01/2022-09", "Hội nghị: kết quả", "Đ" * 300,
]  # fmt: skip
FIELDS = [
    "title", "date", "lang", "slug", "category", "tags", "author", "summary", "province",
    "image", "partners", "events", "aid", "status",
]  # fmt: skip
# Fields of nested values (aid figures, events, image, money, texts in two languages)
INNER = [
    "period", "partner", "projects", "donors", "committed", "disbursed", "plan", "plan_rate",
    "kind", "sector", "value", "currency", "end", "place", "src", "alt", "caption", "vi", "en",
    "id", "name", "country", "type", "since", "merged_into", "until",
]  # fmt: skip
VALID = {
    "title": '"Hội nghị"',
    "date": "2022-06-09",
    "lang": "vi",
    "slug": "hoi-nghi",
    "category": "hoat-dong",
}


keys = st.one_of(
    st.sampled_from(FIELDS), st.sampled_from(INNER), st.sampled_from(TRICKY), st.text(max_size=8)
)
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=20),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


def _dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=None, sort_keys=False)


# A front matter block: valid fields, fields with any value, or raw `key: text` lines
front_matter = st.one_of(
    st.dictionaries(keys, values, max_size=8).map(lambda d: _dump({**VALID, **d})),
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=8).map(_dump),
    st.lists(
        st.tuples(keys, st.one_of(st.sampled_from(TRICKY), st.text(max_size=30))).map(
            lambda kv: f"{kv[0]}: {kv[1]}"
        ),
        max_size=8,
    ).map(lambda lines: "\n".join([*(f"{k}: {v}" for k, v in VALID.items()), *lines])),
    st.text(max_size=200),
)
story_files = st.one_of(
    front_matter.map(lambda fm: f"---\n{fm}\n---\nNội dung.\n".encode()),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.tuples(front_matter, st.sampled_from(["utf-16", "cp1258", "latin-1", "utf-8-sig"])).map(
        lambda fe: f"---\n{fe[0]}\n---\nNội dung.\n".encode(fe[1], "replace")
    ),
)
partner = st.fixed_dictionaries(
    {"id": st.one_of(st.just("gni"), scalars)},
    optional={"name": values, "country": scalars, "type": scalars, "since": scalars},
)
data_texts = st.one_of(
    st.lists(partner, max_size=4).map(_dump),
    st.dictionaries(keys, values, max_size=5).map(_dump),
    values.map(_dump),
    st.text(max_size=200),
)
data_files = st.one_of(
    data_texts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)
)
projects = st.tuples(
    st.lists(story_files, min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(DATA_FILES), data_files, max_size=2),
)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("fuzz") / "site").root


DEFAULTS = {
    "site": SITE_YAML,
    "partners": PARTNERS_YAML,
    "categories": CATEGORIES_YAML,
    "provinces": PROVINCES_YAML,
    "exchange-rates": RATES_YAML,
}


def write_project(root: Path, stories: list[bytes], data: dict[str, bytes]) -> None:
    """Replace the content of the project at `root`: valid data files, except `data`."""
    shutil.rmtree(root / "content")
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "data").mkdir()
    for i, raw in enumerate(stories):
        (root / "content" / "articles" / f"s{i}.md").write_bytes(raw)
    for name, text in DEFAULTS.items():
        raw = data.get(name, text.encode())
        (root / "content" / "data" / f"{name}.yaml").write_bytes(raw)


def assert_located(root: Path, lines: list[str]) -> None:
    for line in lines:
        assert ERROR_LINE.match(line), line
        assert (root / line.split(":", 1)[0]).is_file(), line


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects)
def test_any_project_gives_located_errors(
    fuzz_root: Path, project: tuple[list[bytes], dict[str, bytes]]
) -> None:
    write_project(fuzz_root, *project)
    _, report = load_project(fuzz_root)
    assert_located(fuzz_root, report.lines())


# Examples run through the real command: exit code 1, error lines only, no traceback
CLI_EXAMPLES = {
    "every field wrong": _dump({k: [{"x": [1, None]}] for k in FIELDS}),
    "tricky scalars": "\n".join(f"{f}: {t}" for f, t in zip(FIELDS, TRICKY, strict=False)),
    "control characters": "title: \x01\x02\x7f\u0085\u2028\ufeff\nslug: '\u200b'",
}


@pytest.mark.parametrize("name", list(CLI_EXAMPLES))
def test_cli_check_never_shows_a_traceback(tmp_path: Path, name: str) -> None:
    site = make_site(tmp_path / "site")
    site.add_story("a.md", f"---\n{CLI_EXAMPLES[name]}\n---\nNội dung.\n")
    site.write("content/data/partners.yaml", _dump([{"id": [1], "name": {"vi": None}}]))
    result = subprocess.run(
        [sys.executable, "-m", "site_build", "check", "--root", str(site.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *lines, summary = result.stderr.splitlines()
    assert summary == f"{len(lines)} errors: nothing was built."
    assert_located(site.root, lines)


@pytest.mark.parametrize("key", ["[x]", "function-x"])
def test_unknown_field_with_a_bracket(tmp_path: Path, key: str) -> None:
    site = make_site(tmp_path / "site")
    site.add_story("a.md", f"---\n{_dump({**VALID, key: 1})}---\nNội dung.\n")
    lines = load_project(site.root)[1].lines()
    assert lines == [f"content/articles/a.md:3: {key}: unknown field '{key}'"]  # flow style


# --- whole builds ---------------------------------------------------------------------------

MARKDOWN_BITS = [
    "# Tiêu đề", "- mục", "1. một", "> trích", "**đậm**", "_nghiêng_", "`mã`", "```\nkhối\n```",
    "[liên kết](https://example.org)", "![ảnh](images/khong-co.jpg)",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[^1]\n\n[^1]: chú thích", "<div onclick='x()'>html</div>", "<script>alert(1)</script>",
    "<iframe src='https://x'></iframe>", "[", "]", "*", "_", "<", "&amp;", "\\", "    thụt lề",
    "{filename}/articles/x.md", "[x]({filename}/khong-co.md)", "Đà Nẵng đá", "\u0301", "\t",
]  # fmt: skip
bodies = st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(max_size=40)), max_size=12).map(
    lambda parts: "\n".join(parts)
)
built_stories = st.tuples(
    st.one_of(st.just({}), st.dictionaries(keys, values, max_size=3)), bodies
).map(lambda fb: f"---\n{_dump({**VALID, **fb[0]})}---\n{fb[1]}\n".encode("utf-8", "replace"))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(built_stories, min_size=1, max_size=2))
def test_any_project_builds_or_gives_located_errors(fuzz_root: Path, stories: list[bytes]) -> None:
    """The whole build, Markdown and templates included: a site, or located errors."""
    from site_build.cli import run_build

    write_project(fuzz_root, stories, {})
    result = run_build(fuzz_root, fuzz_root / "output")
    if result.ok:
        assert (fuzz_root / "output" / "index.html").is_file()
        assert (fuzz_root / "output" / "en" / "index.html").is_file()
    else:
        assert result.errors
        assert_located(fuzz_root, result.errors)
