"""JSON-LD for a `<script type="application/ld+json">` element (partner and event pages).

The data is written with `json.dumps` and `</` escaped, so that no text of the content can
close the `<script>` element it is embedded in. (The story pages' SEO data has its own,
stricter writer, `seo.meta.script_json`, which escapes every `<`.)
"""

from __future__ import annotations

import json
from typing import Any


def script_json(data: Any) -> str:
    """JSON safe to put between `<script type="application/ld+json">` and `</script>`."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
