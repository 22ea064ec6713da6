"""Fill empty msgstr in a catalog from `msgid = msgstr` lines on stdin (for batch edits).

Usage: python tools/translate_po.py vi < pairs.txt    (en: identical msgid/msgstr allowed)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

lang = sys.argv[1]
po = Path(f"theme/translations/{lang}/LC_MESSAGES/messages.po")
catalog = read_po(po.open("rb"))
pairs = dict(line.split(" = ", 1) for line in sys.stdin.read().splitlines() if " = " in line)
for message in catalog:
    if message.id and message.id in pairs:
        message.string = pairs[message.id].strip()
with po.open("wb") as fp:
    write_po(fp, catalog, no_location=True, omit_header=False)
missing = [m.id for m in catalog if m.id and not m.string]
print(f"{po}: {len(missing)} untranslated", *missing, sep="\n  ")
