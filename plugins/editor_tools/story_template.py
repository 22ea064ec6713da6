"""The text of a new story's two files: required fields filled in, every other field of the
contract as a commented example (docs/editor-guide.md, sections 3-6).

Comments are YAML comments, so the files pass `make check` as written; an editor uncomments
what the story needs. Story data (province, partners, events, aid) is shown in the
Vietnamese file only: it belongs to the story and is written once (content-model.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from content_model.readiness import PLACEHOLDER
from content_model.schema import AID_KINDS, EVENT_KINDS


@dataclass(frozen=True)
class NewStory:
    title: str  # the Vietnamese title
    slug: str
    day: date
    category: str
    # keys from the project's data files, so that an uncommented example refers to
    # something that exists
    partner: str
    province: str


def quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _required(story: NewStory, lang: str, title: str) -> str:
    return (
        "---\n"
        f"title: {quoted(title)}\n"
        f"date: {story.day.isoformat()}\n"
        f"lang: {lang}\n"
        f"slug: {story.slug}\n"
        f"category: {story.category}\n"
    )


def vietnamese(story: NewStory) -> str:
    s = story
    year = s.day.year
    return (
        _required(s, "vi", s.title)
        + f"""\
# Các trường dưới đây không bắt buộc. Muốn dùng trường nào, xóa "# " ở đầu các dòng của nó
# (docs/huong-dan-bien-tap.md, mục 3-6). Dòng bắt đầu bằng # không được đọc.
# category là một khóa trong content/data/categories.yaml.
# tags: ["đối ngoại nhân dân", "hội hữu nghị"]
# author: "Họ và tên"
# summary: "Một hai câu tóm tắt nội dung bài."
# image:
#   src: images/{s.slug}.jpg    # ảnh đặt trong content/images/
#   alt: "Tả ảnh cho người không xem được ảnh"
#   caption: "Chú thích dưới ảnh"    # không bắt buộc
# status: draft    # bản nháp: không đăng lên trang
#
# Dữ liệu của bài (province, partners, aid_projects, events, aid) chỉ viết một lần, ở bản
# tiếng Việt này.
# province: {s.province}    # tỉnh mà bài nói tới; mặc định là tỉnh của trang
# partners: [{s.partner}]    # id trong content/data/partners.yaml
# aid_projects: []    # id dự án trong content/data/aid-projects.yaml (mục 16)
# events:
#   - date: {s.day.isoformat()}  # bắt buộc; chỉ có tháng: {s.day:%Y-%m}; chỉ có năm: {year}
#     end: {s.day.isoformat()}    # không bắt buộc; không trước date
#     title: {{vi: "Tên sự kiện", en: "Event title"}}
#     kind: other    # {" | ".join(EVENT_KINDS)}
#     place: "Địa điểm"    # không bắt buộc
#     partners: [{s.partner}]    # không bắt buộc
# aid:    # mỗi số liệu: một phạm vi, một khoảng thời gian, ghi đúng như báo cáo
#   - period: "{year}"    # "YYYY", "YYYY-YYYY" hoặc "YYYY-MM/YYYY-MM", trong dấu nháy
#     province: {s.province}    # mặc định: tỉnh của bài
#     projects: 3    # số chương trình, dự án, khoản viện trợ
#     donors: 2    # số đối tác; chỉ cho số tổng, không dùng cùng partner
#     committed: {{value: 150000, currency: USD}}    # số viết liền, không dấu chấm
#     disbursed: {{value: 120000, currency: USD}}
#     plan_rate: 81.8    # % giải ngân so với kế hoạch; không dùng cùng plan
#   - period: "{year}"
#     partner: {s.partner}    # số liệu này là phần của riêng đối tác này
#     committed: {{value: 50000, currency: USD}}
#     plan: {{value: 60000, currency: USD}}    # kế hoạch giải ngân; hoặc plan_rate
#     kind: project    # {" | ".join(AID_KINDS)}
#     sector: "12220"    # mã lĩnh vực OECD DAC, 5 chữ số, trong dấu nháy
#     sector_label: {{vi: "Y tế", en: "Health"}}    # tên lĩnh vực đúng như nguồn viết
#   - period: "{year - 5}-{year}"    # đúng khoảng thời gian nguồn nêu
#     per_year: true    # số bình quân mỗi năm ("... USD/năm"): không cộng vào tổng nào
#     reported: {{value: 2900000, currency: USD, approx: about}}  # không rõ cam kết/giải ngân
#     # approx: over (trên, hơn) | about (khoảng) | nearly (gần) | under (dưới)
---

{PLACEHOLDER}: viết nội dung bài ở đây, bằng Markdown, rồi xóa dòng này. Các đoạn cách nhau
một dòng trống; tiêu đề nhỏ bắt đầu bằng "## ". Bài có chữ {PLACEHOLDER} chưa được đăng.
"""
    )


def english(story: NewStory) -> str:
    s = story
    return (
        _required(s, "en", f"{PLACEHOLDER}: English title")
        + f"""\
# Optional fields: to use one, remove the "# " at the start of its lines
# (docs/editor-guide.md, sections 3-6). Lines starting with # are not read.
# tags: ["people-to-people diplomacy", "friendship associations"]
# author: "Full name"
# summary: "One or two sentences that sum up the story."
# image:
#   src: images/{s.slug}.jpg    # the photo is in content/images/
#   alt: "What the photo shows, for readers who cannot see it"
#   caption: "Caption under the photo"    # optional
# status: draft    # a draft is not published
#
# Story data (province, partners, aid_projects, events, aid) is written once, in the
# Vietnamese version {s.slug}.vi.md: do not repeat it here.
---

{PLACEHOLDER}: the English text, in Markdown, then delete this line. Leave a blank line
between paragraphs; a subheading starts with "## ". A version with {PLACEHOLDER} in it is not
published.
"""
    )
