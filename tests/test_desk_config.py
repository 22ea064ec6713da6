"""The desk's configuration is made from the content model: every field of every model is
in it, with its type, required flag and a label and hint in both languages."""

from __future__ import annotations

import typing
from typing import Any

import pytest
from pydantic import BaseModel, Field

from content_model import schema
from content_model.site_data import DATA_FILES
from desk.config import LEFT_OUT, ConfigBuilder, DeskSettings, desk_config, load_labels

CONFIG = desk_config(DeskSettings(repo="union/portal"))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field holds (through Optional, list, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def missing_fields(model: type[BaseModel], fields: list[dict[str, Any]], where: str) -> list[str]:
    """Fields of `model` (and of the models inside it) that the desk's fields lack."""
    found = _by_name(fields)
    missing = []
    for name, info in model.model_fields.items():
        if (model.__name__, name) in LEFT_OUT:
            continue
        shown = info.alias or name
        if shown not in found:
            missing.append(f"{where}.{shown}")
            continue
        for inner in _models_in(info.annotation):
            missing += missing_fields(inner, found[shown].get("fields", []), f"{where}.{shown}")
    return missing


def collection(name: str) -> dict[str, Any]:
    return next(c for c in CONFIG["collections"] if c["name"] == name)


def data_file(name: str) -> dict[str, Any]:
    return next(f for f in collection("data")["files"] if f["name"] == name)


def test_every_field_of_the_content_model_is_in_the_desk() -> None:
    missing = missing_fields(schema.FrontMatter, collection("stories")["fields"], "story")
    missing += missing_fields(schema.Bulletin, collection("bulletins")["fields"], "bulletin")
    missing += missing_fields(schema.Site, data_file("site")["fields"], "site.yaml")
    for file in DATA_FILES:
        if file.desk_model is not None:
            key = file.filename.removesuffix(".yaml")
            missing += missing_fields(file.desk_model, data_file(key)["fields"], file.filename)
    assert missing == []


def test_the_check_above_fails_when_a_field_is_missing() -> None:
    fields = [f for f in collection("stories")["fields"] if f["name"] != "events"]
    assert missing_fields(schema.FrontMatter, fields, "story") == ["story.events"]
    aid = _by_name(collection("stories")["fields"])["aid"]
    trimmed = {**aid, "fields": [f for f in aid["fields"] if f["name"] != "plan_rate"]}
    fields = [trimmed if f["name"] == "aid" else f for f in collection("stories")["fields"]]
    assert missing_fields(schema.FrontMatter, fields, "story") == ["story.aid.plan_rate"]


def _all_model_fields() -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    todo = [schema.FrontMatter, schema.Bulletin, schema.Site]
    todo += [f.desk_model for f in DATA_FILES if f.desk_model is not None]
    while todo:
        model = todo.pop()
        for name, info in model.model_fields.items():
            if (model.__name__, name) not in seen:
                seen.add((model.__name__, info.alias or name))
                todo += _models_in(info.annotation)
    return seen - set(LEFT_OUT)


def test_every_field_has_a_label_in_vietnamese_and_english() -> None:
    labels = load_labels()
    without = sorted(
        f"{m}.{n}"
        for m, n in _all_model_fields()
        if not labels.has(m, n) or set(labels.of_field(m, n)["label"]) != {"vi", "en"}
    )
    assert without == [], "add them to plugins/desk/labels.yaml"


def test_every_hint_is_given_in_both_languages() -> None:
    for key, entry in load_labels().fields.items():
        if "hint" in entry:
            assert set(entry["hint"]) == {"vi", "en"}, key


def test_a_story_field_shows_its_type_its_flag_and_its_hint() -> None:
    story = _by_name(collection("stories")["fields"])
    assert story["title"]["required"] and story["title"]["widget"] == "string"
    assert story["date"]["widget"] == "datetime" and story["date"]["format"] == "YYYY-MM-DD"
    assert story["category"]["widget"] == "relation"
    assert story["category"]["value_field"] == "categories.*.key"
    assert story["partners"]["multiple"] and story["partners"]["file"] == "partners"
    assert story["status"]["widget"] == "select" and not story["status"]["required"]
    aid = _by_name(story["aid"]["fields"])
    assert aid["projects"]["widget"] == "number" and aid["projects"]["value_type"] == "int"
    value = _by_name(aid["committed"]["fields"])["value"]
    assert value["widget"] == "number" and value["value_type"] == "float"
    # the hint gives exactly the number to type, in both languages
    assert "16104216000 cho 16.104.216.000 đồng" in value["hint"]
    assert "16104216000 for VND 16,104,216,000" in value["hint"]
    event = _by_name(story["events"]["fields"])
    kinds = {o["value"] for o in event["kind"]["options"]}
    assert kinds == set(schema.EVENT_KINDS)
    assert {"value": "handover", "label": "Bàn giao (handover)"} in event["kind"]["options"]
    assert [f["name"] for f in event["title"]["fields"]] == ["vi", "en"]


def test_story_data_is_written_in_the_vietnamese_file_only() -> None:
    story = _by_name(collection("stories")["fields"])
    for name in schema.STORY_DATA_FIELDS:
        assert "i18n" not in story[name]  # Decap writes it to the default locale's file
    assert story["title"]["i18n"] is True and story["body"]["i18n"] is True
    assert story["slug"]["i18n"] == "duplicate" and story["date"]["i18n"] == "duplicate"
    assert CONFIG["i18n"] == {
        "structure": "multiple_files",
        "locales": ["vi", "en"],
        "default_locale": "vi",
    }
    assert CONFIG["locale"] == "vi"


class _NewFigure(schema.Model):
    """A model as another engineer might extend it: the desk needs no change."""

    per_year: bool = False
    approx: typing.Annotated[str, schema.choice(("over", "about"), "precision")] | None = None
    reported: schema.MoneyModel | None = None
    when: schema.Day
    share: schema.Percent | None = None
    projects: list[schema.Key] = Field(default_factory=list)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("per_year", {"widget": "boolean", "required": False}),
        ("approx", {"widget": "select", "required": False}),
        ("reported", {"widget": "object", "required": False}),
        ("when", {"widget": "datetime", "required": True}),
        ("share", {"widget": "number", "value_type": "float"}),
        ("projects", {"widget": "list"}),
    ],
)
def test_a_field_added_to_the_model_appears_with_its_widget(name: str, expected: dict) -> None:
    fields = _by_name(ConfigBuilder(load_labels(), DeskSettings()).fields_of(_NewFigure))
    assert expected.items() <= fields[name].items()


def test_photos_are_stored_under_content_images_and_processed_on_upload() -> None:
    assert CONFIG["media_folder"] == "content/images"
    assert CONFIG["public_folder"] == "images"  # image.src is relative to content/
    assert CONFIG["media_processing"]["strip_metadata"] is True


def test_the_github_backend_uses_the_editorial_workflow() -> None:
    assert CONFIG["backend"]["name"] == "github"
    assert CONFIG["backend"]["repo"] == "union/portal"
    assert CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def test_amounts_and_rates_stay_plain_numbers() -> None:
    rates = data_file("exchange-rates")["fields"][0]
    years = _by_name(_by_name(rates["fields"])["years"]["fields"])
    assert years["rate"]["widget"] == "number" and years["rate"]["value_type"] == "float"
    assert years["year"]["value_type"] == "int"


def test_the_desk_page_has_its_own_policy_and_the_site_keeps_its_own(tmp_path) -> None:
    import pelicanconf
    from desk.admin_files import page_html

    site = dict(d.strip().split(" ", 1) for d in pelicanconf.CONTENT_SECURITY_POLICY.split(";"))
    desk = pelicanconf.DESK_CONTENT_SECURITY_POLICY.replace("{local_backend}", "http://x")
    desk_policy = dict(d.strip().split(" ", 1) for d in desk.split(";"))
    assert "'unsafe-eval'" not in site["script-src"] and "unsafe" not in site["style-src"]
    assert "'unsafe-eval'" in desk_policy["script-src"]  # Decap validates its configuration
    assert desk_policy["object-src"] == "'none'" and "http://x" in desk_policy["connect-src"]
    assert f'content="{desk}"' in page_html("Bàn biên tập", desk)
