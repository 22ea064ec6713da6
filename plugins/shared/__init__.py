"""Shared helpers: small modules every other package may use, and that know nothing of them.

They import nothing from the project's other packages (the lowest layer, docs/dev/layers.md):
caches and atomic writes (`cache`, `atomic`), the site's time zone and build day
(`build_day`), the `BUILD_FAST=0` switch (`speed`), work spread over the cores (`parallel`), the
progress bar (`progress`), text helpers (`text`), label files (`labels`),
JSON-LD in a script element (`jsonld`).
"""
