"""`make slides`: rewrite the decks from the last book build (``python -m slides``);
`make slides-pdf`: also print each deck to slides/<deck>.pdf (``python -m slides --pdf``)."""

import sys

from chromium import CHROMIUM, CHROMIUM_ARGS, executable  # _ext/chromium.py

from . import DECK_FOLDER, build, markup
from .decks import ROOT


def main(argv):
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        raise SystemExit("_build/html is missing: run `make book` first")
    try:
        markup.check_book(ROOT)  # as the book build does (_ext/validate_sources.py)
    except ValueError as err:
        raise SystemExit(str(err)) from None
    decks = build(html)
    for path, seconds in decks.items():
        print(f"{path}: {seconds:.2f} s")
    if "--pdf" in argv:
        if executable() is None:
            raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium): no deck PDFs")
        from playwright.sync_api import sync_playwright

        from .pdf import export

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable(), args=CHROMIUM_ARGS)
            for path in decks:
                out = html / DECK_FOLDER / (path.rsplit("/", 1)[-1][:-5] + ".pdf")
                print(f"{out}: {export(browser, path, out)} pages")
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
