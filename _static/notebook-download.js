// From a file:// copy of the site (a USB stick) a browser shows a linked .ipynb as JSON text:
// the `download` attribute works over http only.  There the notebook download button points
// to the same notebook in a zip (written beside it by _ext/reader_notebooks.py), which every
// browser saves.  Over http nothing changes.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  document.addEventListener("DOMContentLoaded", () => {
    for (const link of document.querySelectorAll('a[href$=".ipynb"][download]')) {
      link.setAttribute("href", link.getAttribute("href") + ".zip");
      link.setAttribute("download", link.getAttribute("download") + ".zip");
    }
  });
})();
