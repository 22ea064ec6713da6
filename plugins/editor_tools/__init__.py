"""Editors' workflow: start a story, check what changed before a commit, install the hook.

`python -m editor_tools new TITLE | check --since REV | check --staged | hook`, run by
`make new`, `make check-changed` and `make hook`. No Pelican import: it reuses the content
model's checks (`content_model.project.load_project`) and the tag slug rules of `bilingual`.
"""
