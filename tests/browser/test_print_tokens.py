"""On paper no name is cut in two: in the book's PDF a table squeezed its code columns and
split `normal_` across two lines.  Every page is laid out as the PDF prints it (print media,
the A4 column) and no word of code in a table may span two lines."""

import chapters
import pytest

pytestmark = pytest.mark.browser

PAGES = chapters.pages()

# Words (no spaces) of code inside tables whose text runs over more than one line.
SPLIT = r"""() => {
  const split = [];
  for (const code of document.querySelectorAll(".bd-article table code, .bd-article table pre")) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent;
      const re = /\S+/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.view("paper")
@pytest.mark.parametrize("page", PAGES)
def test_no_word_of_code_in_a_table_is_split_on_paper(view, page):
    tab, problems = view
    assert tab.evaluate(SPLIT) == [], f"{page}: code split across lines on paper"
    assert problems == [], "\n".join(problems)
