"""Pelican settings for the portal. Only plain values here: Pelican pickles settings with its
content cache, so no functions, lambdas or modules (uppercase names only are settings)."""

import sys
from pathlib import Path

_here = Path(__file__).resolve().parent
if str(_here / "plugins") not in sys.path:
    sys.path.insert(0, str(_here / "plugins"))

from bilingual.templating import pelican_options as jinja_options  # noqa: E402
from bilingual.urls import PATTERNS  # noqa: E402
from content_model.markdown_html import EXTENSION_CONFIGS  # noqa: E402

SITENAME = "Liên hiệp các tổ chức hữu nghị"  # the shown name comes from content/data/site.yaml
SITEURL = ""
PREVIEW_URL = "http://localhost:8000"  # base of feed and sitemap links when SITEURL is empty
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS: list[str] = []
# No original photo is published: plugins/images publishes a copy of each (no EXIF, upright,
# at most 1600 px and 1.5 MB) at its address, and its renditions beside it.
STATIC_PATHS: list[str] = []
THEME = "theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

READERS = {"rst": None, "html": None, "htm": None}  # stories are Markdown only

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "content_model",
    "bilingual",
    "partners",
    "events",
    "aid",
    "projects",
    "bulletin",
    "images",
    "seo",
    "search",
    "desk",
]

# Pelican computes article URLs; our bilingual generator writes every page itself, so
# Pelican's own writers are switched off (empty SAVE_AS, no direct templates, no feeds).
ARTICLE_URL = PATTERNS["vi"]["article"]
ARTICLE_LANG_URL = PATTERNS["en"]["article"]
ARTICLE_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
PAGE_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES: list[str] = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Never the default pattern: tag `xt1` page 2 would overwrite tag `xt12` page 1.
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 10

MARKDOWN = {
    "extension_configs": EXTENSION_CONFIGS,  # the bulletin renders stories with the same
    "output_format": "html5",
}
JINJA_ENVIRONMENT = jinja_options()  # the theme's (bilingual.templating), site and bulletin

# Every page's Content-Security-Policy (a <meta>, so it holds on any static host): scripts,
# styles, fonts and images only from the site itself, no inline script or style, no plugins,
# no frames. Pagefind runs its WebAssembly in a worker, which a <meta> policy does not reach;
# sent as an HTTP header, the policy would need 'wasm-unsafe-eval' in script-src for search.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)

# Pelican's own content cache is off: our caches (Markdown, page fingerprints) are keyed by
# content hashes, so a git checkout's reset mtimes cost nothing. With the cache off, Pelican
# still stamps every file; mtime spares it hashing each file four times per build.
CHECK_MODIFIED_METHOD = "mtime"
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# The editors' desk at /admin/ (plugins/desk, docs/dev/editors-desk.md). Its page needs a
# looser policy than the site's: Decap CMS validates its configuration with generated code
# ('unsafe-eval'), sets inline styles, shows photos from blob: URLs, talks to GitHub's API
# (and the sign-in's token exchange) and, with `make edit`, to decap-server on 127.0.0.1
# ({local_backend}: filled in from DESK_LOCAL_PORT).
DESK_REPO = "OWNER/REPO"  # the GitHub repository the desk commits to
DESK_BRANCH = "main"
DESK_AUTH_URL = ""  # the OAuth token exchange (docs/desk-sign-in.md); empty: none yet
DESK_LOCAL_PORT = 8081  # decap-server for `make edit`
DESK_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' blob: data: https://avatars.githubusercontent.com; font-src 'self' data:; "
    "connect-src 'self' blob: data: https://api.github.com {local_backend}; "
    "frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)
