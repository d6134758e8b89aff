"""The self-check quiz of every chapter page in a real browser, without a kernel: a wrong
answer and then the right one to a question get their feedback (multiple choice on some
pages, a typed number on the others), its math as MathML, and nothing external."""

import re

import chapters
import pytest
from chromium_site import screenshot_path

pytestmark = pytest.mark.browser

CHAPTERS = [p for p in chapters.pages() if chapters.is_chapter(chapters.source(p))]

# The questions as jupyterquiz drew them: for each, its type, the answers' labels or the
# numeric answers (from the input's data-answers) and where to click or type.
QUESTIONS = """() => [...document.querySelectorAll(".Quiz")].map((q, i) => ({
  index: i,
  numeric: !!q.querySelector("input.Input-text"),
  answers: q.querySelector("input.Input-text")
      ? JSON.parse(q.querySelector("input.Input-text").dataset.answers)
      : [...q.querySelectorAll("label")].map((l, n) => ({label: n,
                                                         correct: l.dataset.correct === "true",
                                                         feedback: l.dataset.feedback})),
  precision: q.querySelector("input.Input-text")
      ? Number(q.querySelector("input.Input-text").dataset.precision) : null,
}))"""

FEEDBACK = """(i) => {
  const fb = document.querySelectorAll(".Quiz")[i].querySelector(".Feedback");
  return {text: fb.innerText.trim(), correct: fb.classList.contains("correct"),
          incorrect: fb.classList.contains("incorrect"), shown: fb.offsetParent !== null,
          raw: /\\\\\\(|\\$/.test(fb.innerText)};
}"""


def _answer_choice(tab, question, label, shot):
    tab.locator(".Quiz").nth(question["index"]).locator("label").nth(label["label"]).click()
    return _feedback(tab, question, shot)


def _answer_number(tab, question, number, shot):
    field = tab.locator(".Quiz").nth(question["index"]).locator("input.Input-text")
    field.click()
    field.fill(number)
    field.press("Enter")
    return _feedback(tab, question, shot)


def _feedback(tab, question, shot):
    tab.locator(".Quiz").nth(question["index"]).screenshot(path=screenshot_path(shot))
    return tab.evaluate(FEEDBACK, question["index"])


@pytest.mark.parametrize("page", CHAPTERS)
def test_a_quiz_question_gives_feedback_right_and_wrong(open_page, page):
    tab, problems = open_page(f"{page}.html")
    tab.wait_for_function("() => document.querySelectorAll('.Quiz').length >= 3")
    questions = tab.evaluate(QUESTIONS)
    # Alternate the kind of question over the pages, so both kinds are answered.
    numeric = CHAPTERS.index(page) % 2 == 0 and any(q["numeric"] for q in questions)
    question = next(q for q in questions if q["numeric"] == numeric)
    shot = "quiz-" + page.replace("/", "__") + "-{}.png"
    if numeric:
        right = next(a for a in question["answers"] if a.get("correct") and "value" in a)
        value = float(right["value"])
        wrong = _answer_number(tab, question, repr(value * 3 + 7), shot.format("wrong"))
        got = _answer_number(tab, question, repr(value), shot.format("right"))
        expected = right["feedback"]
    else:
        bad = next(a for a in question["answers"] if not a["correct"])
        wrong = _answer_choice(tab, question, bad, shot.format("wrong"))
        assert wrong["text"] and not wrong["raw"], wrong
        good = next(a for a in question["answers"] if a["correct"])
        got = _answer_choice(tab, question, good, shot.format("right"))
        expected = good["feedback"]
    assert wrong["shown"] and wrong["incorrect"] and wrong["text"], f"{page}: {wrong}"
    assert got["shown"] and got["correct"], f"{page}: {got}"
    # The feedback's text before any math (TeX, or the MathML the page's quiz carries),
    # without its HTML tags.
    words = re.sub(r"<[^>]+>", "", re.split(r"\$|<math\b", expected)[0]).strip()
    assert got["text"].startswith(words), (got["text"], expected)
    assert not got["raw"], f"{page}: feedback math left untypeset: {got['text']}"
    assert problems == [], f"{page}: " + "\n".join(problems)
