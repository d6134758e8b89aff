"""Sphinx extension: where MXNet has no wheel, build the MXNet pages without running them.

MXNet 1.9.1 publishes wheels for Linux x86_64 only.  On Apple Silicon or Windows the rest of
the book must still build, so there the MXNet pages (``book/*_mxnet.md``) are left out of
execution: they show their code and their note that points to the PyTorch twin, and the
numbers they would glue into their text are missing (the ``mystnb.glue`` warnings that this
causes are silenced on those platforms only).  On Linux x86_64 nothing changes: MXNet must
run there, and a broken MXNet fails the build.
"""

from lnn import frameworks

# The book's one rule for which pages are MXNet pages (chapters.is_mxnet_page), for Sphinx.
MXNET_PAGES = "book/*_mxnet.md"


def skip_mxnet_pages(app, config):
    if frameworks.has_mxnet_wheel():
        return
    from sphinx.util import logging  # here, so the tests can import this file without Sphinx

    config.nb_execution_excludepatterns = [*config.nb_execution_excludepatterns, MXNET_PAGES]
    config.suppress_warnings = [*config.suppress_warnings, "mystnb.glue"]
    logging.getLogger(__name__).info(
        "MXNet 1.9.1 has no wheel for this platform: %s are built without running them "
        "(their PyTorch twins run)", MXNET_PAGES)


def setup(app):
    app.connect("config-inited", skip_mxnet_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
