"""Debian's chromium, the one browser of the build (the book's PDF, the decks' PDFs) and of
the browser tests.  Never `playwright install`, which downloads a browser; .ci/system-deps
installs Debian's package."""

import os
import shutil

CHROMIUM = "/usr/bin/chromium"
# Flags that work in containers and keep chromium from phoning home (this machine's network
# is closed: without the last four, chromium's own connections fail, many at a time).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def executable():
    """The chromium to launch: /usr/bin/chromium, else `chromium` on PATH, else None."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")
