"""The exam sheet (book/exam_sheet.md) prints on at most two A4 sides with the site's print
stylesheet, as a student prints it before the exam; the page is screenshotted at desktop and
phone width like every page (test_layout.py)."""

import io

import pytest

pytestmark = pytest.mark.usefixtures("chromium")

SIDES = 2


def test_the_exam_sheet_prints_on_two_a4_sides(open_page):
    from pypdf import PdfReader

    page, problems = open_page("book/exam_sheet.html")
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    assert len(printed) <= SIDES, f"the exam sheet prints on {len(printed)} A4 sides"
    assert not problems, problems
