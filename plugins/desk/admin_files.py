"""The files of `output/admin/`: the page, the generated configuration, our script and the
Decap CMS bundle copied from node_modules (pinned by package-lock.json, never from a CDN)."""

from __future__ import annotations

import shutil
from pathlib import Path
from string import Template
from typing import Any

from shared.atomic import write_atomic

from .config import PHOTO_MAX_SIDE, DeskSettings, config_yaml, desk_config, load_labels

ADMIN_SOURCES = Path(__file__).with_name("admin")
# the project's node_modules (beside plugins/), whichever content folder is built
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"


class BundleMissing(Exception):
    """node_modules/decap-cms is not installed (`npm ci`, which `make site` runs)."""


def bundle_files(dist: Path = DECAP_DIST) -> list[Path]:
    """Decap's main script, its lazily loaded chunks and WebP encoders (no source maps)."""
    if not (dist / "decap-cms.js").is_file():
        raise BundleMissing(f"{dist / 'decap-cms.js'} is missing: run npm ci (make site does)")
    names = sorted(dist.iterdir())
    return [
        p
        for p in names
        if p.name in ("decap-cms.js", "decap-cms.js.LICENSE.txt")
        or p.name.endswith(".decap-cms.js")
        or p.suffix == ".wasm"
    ]


def page_title(site_short_name: str | None) -> str:
    title = load_labels().interface["page_title"]["vi"]
    return f"{title} · {site_short_name}" if site_short_name else title


def settings_from(context: dict[str, Any]) -> DeskSettings:
    return DeskSettings(
        repo=context.get("DESK_REPO", "OWNER/REPO"),
        branch=context.get("DESK_BRANCH", "main"),
        auth_url=context.get("DESK_AUTH_URL") or None,
        site_url=context.get("SITEURL", ""),
        local_port=int(context.get("DESK_LOCAL_PORT", 8081)),
    )


def page_html(title: str, csp: str) -> str:
    template = Template((ADMIN_SOURCES / "index.html").read_text(encoding="utf-8"))
    return template.substitute(title=title, csp=csp)


def write_admin(
    output: Path, settings: DeskSettings, title: str, csp: str, dist: Path = DECAP_DIST
) -> None:
    """Write output/admin/ (BundleMissing when Decap is not installed; the rest is written)."""
    admin = output / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    csp = csp.replace("{local_backend}", f"http://127.0.0.1:{settings.local_port}")
    write_atomic(admin / "index.html", page_html(title, csp))
    write_atomic(admin / "config.yml", config_yaml(desk_config(settings)))
    script = (ADMIN_SOURCES / "desk.js").read_text(encoding="utf-8")
    write_atomic(admin / "desk.js", script.replace("__PHOTO_MAX_SIDE__", str(PHOTO_MAX_SIDE)))
    shutil.copyfile(ADMIN_SOURCES / "desk.css", admin / "desk.css")
    for path in bundle_files(dist):
        shutil.copyfile(path, admin / path.name)
