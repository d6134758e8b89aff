"""On paper no name is cut in two: in the book's PDF a table squeezed its code columns and
split `normal_` across two lines.  Every page is laid out as the PDF prints it (print media,
the A4 column) and no word of code in a table may span two lines."""

import chapters
import pytest

pytestmark = pytest.mark.browser

PAGES = chapters.pages()
# A4 (210 mm) less the print stylesheet's 12 mm margins, in CSS pixels (96 per inch).
PAPER = round((210 - 2 * 12) / 25.4 * 96)

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


@pytest.mark.parametrize("page", PAGES)
def test_no_word_of_code_in_a_table_is_split_on_paper(open_page, page):
    tab, problems = open_page(f"{page}.html", width=PAPER)
    tab.emulate_media(media="print")
    tab.wait_for_timeout(100)
    assert tab.evaluate(SPLIT) == [], f"{page}: code split across lines on paper"
    assert problems == [], "\n".join(problems)
