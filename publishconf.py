"""Settings for the published site: absolute URLs for feeds, sitemap and e-mail."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = "https://huunghi.example.org"  # replace with the union's domain when deploying
RELATIVE_URLS = False
