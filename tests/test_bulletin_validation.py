"""Every rule of a bulletin issue file: bad issue in, the exact error line out."""

from __future__ import annotations

import pytest

from conftest import Site, story
from content_model.project import load_project

B = "content/bulletins/so-1-2022.yaml"
HEAD = "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 2022-12-31\neditorial: Lời ngỏ.\n"


def errors_of(site: Site) -> list[str]:
    return load_project(site.root)[1].lines()


@pytest.fixture
def stories(site: Site) -> Site:
    site.add_story("b.vi.md", story("bai-b", date="2022-03-01"))
    site.add_story("b.en.md", story("bai-b", "en", date="2022-03-01"))
    site.add_story("c.vi.md", story("bai-c", date="2021-03-01"))
    site.add_story("d.vi.md", story("bai-d", date="2022-04-01", extra="status: draft"))
    site.write("content/images/x.jpg", "not really a photo")
    return site


# (file text, expected error lines)
CASES = {
    "valid, every field": (
        HEAD + "stories: [bai-c, bai-b]\ncover_story: bai-b\ncover_image:\n  src: images/x.jpg\n"
        "  alt: {vi: Ảnh bìa, en: Cover photo}\n  caption: Chú thích\n",
        [],
    ),
    "unknown story with suggestion": (
        HEAD + "stories:\n  - bai-b\n  - bai-bb\n",
        [
            f"{B}:8: stories[1]: unknown story 'bai-bb' (did you mean bai-b, bai-d, bai-c?): "
            "write the slug of a story in content/articles/"
        ],
    ),
    "draft story listed": (
        HEAD + "stories:\n  - bai-d\n",
        [
            f"{B}:7: stories[0]: story 'bai-d' is a draft: publish it (status: published) or "
            "remove it from the issue"
        ],
    ),
    "story listed twice": (
        HEAD + "stories: [bai-b, bai-b]\n",
        [f"{B}:6: stories[1]: story 'bai-b' is already listed (stories[0]): list each story once"],
    ),
    "empty list": (
        HEAD + "stories: []\n",
        [
            f"{B}:6: stories: the list is empty: list the issue's stories, or remove stories to "
            "have every story of the period"
        ],
    ),
    "from after to": (
        "number: 1/2022\nperiod:\n  from: 2022-12-31\n  to: 2022-01-01\neditorial: x\n",
        [f"{B}:2: period: from (2022-12-31) is after to (2022-01-01): swap the two dates"],
    ),
    "period field misspelt": (
        "number: 1/2022\nperiod:\n  form: 2022-01-01\n  to: 2022-12-31\neditorial: x\n",
        [
            f"{B}:2: period.from: required field is missing",
            f"{B}:3: period.form: unknown field 'form' (did you mean from?)",
        ],
    ),
    "not a date": (
        "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 31/12/2022\neditorial: x\n",
        [f"{B}:4: period.to: '31/12/2022' is not a date: write 2022-12-31"],
    ),
    "cover story not in the period": (
        HEAD + "cover_story: bai-c\n",
        [
            f"{B}:6: cover_story: 'bai-c' is not one of this issue's stories (those published "
            "from 2022-01-01 to 2022-12-31): choose one of them, or list the stories"
        ],
    ),
    "cover story not in the list": (
        HEAD + "stories: [bai-c]\ncover_story: bai-b\n",
        [
            f"{B}:7: cover_story: 'bai-b' is not one of this issue's stories: add it to stories, "
            "or choose one of them"
        ],
    ),
    "unknown cover story": (
        HEAD + "cover_story: khong-co\n",
        [
            f"{B}:6: cover_story: unknown story 'khong-co': write the slug of a story in "
            "content/articles/"
        ],
    ),
    "cover image file missing": (
        HEAD + "cover_image:\n  src: images/nope.jpg\n  alt: Ảnh bìa\n",
        [
            f"{B}:7: cover_image.src: no file content/images/nope.jpg: the path is relative "
            "to content/"
        ],
    ),
    "cover image outside content/images": (
        HEAD + "cover_image:\n  src: bia.jpg\n  alt: Ảnh bìa\n",
        [
            f"{B}:7: cover_image.src: photos go in content/images/: move the file there, "
            "write images/..."
        ],
    ),
    "cover image without alt": (
        HEAD + "cover_image:\n  src: images/x.jpg\n",
        [f"{B}:6: cover_image.alt: required field is missing"],
    ),
    "number with a hyphen": (
        HEAD.replace("1/2022", "3-2023"),
        [f"{B}:1: number: '3-2023' is not an issue number: write 3/2023"],
    ),
    "number in words": (
        HEAD.replace("1/2022", "số ba"),
        [f"{B}:1: number: 'số ba' is not an issue number: write NUMBER/YEAR, e.g. 3/2023"],
    ),
    "number without year": (
        HEAD.replace("1/2022", "3"),
        [f"{B}:1: number: write the number and the year, e.g. 3/2023"],
    ),
    "editorial in one language of two": (
        HEAD.replace("editorial: Lời ngỏ.", "editorial: {vi: Lời ngỏ.}"),
        [f"{B}:5: editorial: give both vi and en (missing en), or one plain text"],
    ),
    "editorial missing": (
        "number: 1/2022\nperiod:\n  from: 2022-01-01\n  to: 2022-12-31\n",
        [f"{B}:1: editorial: required field is missing"],
    ),
    "unknown field with hint": (
        HEAD + "storys: [bai-b]\n",
        [f"{B}:6: storys: unknown field 'storys' (did you mean stories?)"],
    ),
    "no story in the period": (
        HEAD.replace("2022", "2023"),
        [
            "content/bulletins/so-1-2022.yaml:2: period: no published story is dated from "
            "2023-01-01 to 2023-12-31: widen the period, or list the stories"
        ],
    ),
    "not fields": (
        "- bai-b\n",
        [f"{B}:1: file: the file must be fields (key: value lines): see docs/"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_issue_rule(stories: Site, case: str) -> None:
    text, expected = CASES[case]
    stories.write(B, text)
    assert errors_of(stories) == expected


def test_issue_id_is_the_file_name_and_must_be_a_slug(stories: Site) -> None:
    stories.write("content/bulletins/Số 1.yaml", HEAD)
    assert errors_of(stories) == [
        "content/bulletins/Số 1.yaml:1: file: 'Số 1' is not an issue id: name the file with "
        "lowercase a-z, 0-9 and hyphens, e.g. so-3-2023.yaml"
    ]


def test_yml_files_are_not_ignored(stories: Site) -> None:
    stories.write("content/bulletins/so-1.yml", HEAD)
    assert errors_of(stories) == [
        "content/bulletins/so-1.yml:1: file: a bulletin file ends in .yaml: rename it so-1.yaml"
    ]


def test_two_issues_with_one_number(stories: Site) -> None:
    stories.write("content/bulletins/a.yaml", HEAD)
    stories.write("content/bulletins/b.yaml", "# copy of a\n" + HEAD)
    assert errors_of(stories) == [
        "content/bulletins/b.yaml:2: number: issue 1/2022 is already content/bulletins/a.yaml: "
        "give each issue its own number"
    ]


def test_every_problem_of_an_issue_is_reported_at_once(stories: Site) -> None:
    stories.write(
        B,
        "number: 3-2023\nperiod: {from: 2022-01-01, to: 2022-12-31}\n"
        "editorial: x\nstories: [khong-co]\ncover_image: {src: images/y.jpg, alt: y}\n",
    )
    assert errors_of(stories) == [
        f"{B}:1: number: '3-2023' is not an issue number: write 3/2023",
        f"{B}:4: stories[0]: unknown story 'khong-co': write the slug of a story in "
        "content/articles/",
        f"{B}:5: cover_image.src: no file content/images/y.jpg: the path is relative to content/",
    ]


def test_an_issue_without_a_list_has_the_published_stories_of_its_period(stories: Site) -> None:
    stories.add_story("e.vi.md", story("bai-e", date="2022-12-31T23:30"))
    stories.add_story("f.vi.md", story("bai-f", date="2023-01-01T00:10"))
    stories.write(B, HEAD)
    project, report = load_project(stories.root)
    assert not report
    issue = project.bulletins["so-1-2022"]
    # oldest first; the draft (bai-d), 2021 (bai-c) and 2023 (bai-f) are out
    assert issue.stories == ["bai-b", "bai-e"]
    assert issue.cover_story == "bai-b"
    assert issue.issue.number == "1/2022"


def test_a_listed_story_keeps_its_place(stories: Site) -> None:
    stories.write(B, HEAD + "stories: [bai-c, bai-b]\n")
    project, report = load_project(stories.root)
    assert not report
    assert project.bulletins["so-1-2022"].stories == ["bai-c", "bai-b"]


def test_the_example_issues_are_valid() -> None:
    from conftest import REPO

    project, report = load_project(REPO)
    assert report.lines() == []
    assert {b.issue.number for b in project.bulletins.values()} == {"1/2022", "2/2019"}
