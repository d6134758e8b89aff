// Accessibility fixes of the HTML that Sphinx writes, on every page (Jupyter Book adds each
// _static/*.js).  Bibliography: docutils marks each entry of the citation list
// role="doc-biblioentry", a role that DPUB-ARIA 1.1 deprecated, so assistive technology
// sees a list (role="list") without list items; the entries become role="listitem".
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]').forEach(
      function (entry) { entry.setAttribute("role", "listitem"); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
