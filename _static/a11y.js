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

// An element's text as read aloud: math counts by its MathML (KaTeX's, drawn at build time,
// or a quiz's), not by KaTeX's glyphs (hidden from assistive technology) nor by the TeX
// source that KaTeX's MathML keeps as an annotation.  Shared with explorer.js.
window.lnnSpokenText = function (element) {
  "use strict";
  var copy = element.cloneNode(true);
  copy.querySelectorAll(".katex-html, annotation").forEach(function (hidden) {
    hidden.remove();
  });
  return copy.textContent.replace(/\s+/g, " ").trim();
};

// Self-check quizzes (jupyterquiz): a numeric answer's input has a visible "Type numeric
// answer here:" label that is not tied to it, and an answer that is only math (say
// $n \times d$) may give its radio button no name.  Each input gets a name: the question
// (numeric) or the answer's text with each formula read from its MathML.  jupyterquiz
// draws the questions after the page has loaded, hence the observer.
(function () {
  "use strict";
  var text = window.lnnSpokenText;
  function name(quiz) {
    quiz.querySelectorAll("label.MCButton > input").forEach(function (input) {
      input.setAttribute("aria-label", text(input.parentElement));
    });
    quiz.querySelectorAll("input.Input-text").forEach(function (input) {
      var question = input.closest(".Quiz [id^=OuterquizQn]");
      var shown = question && question.querySelector("[id^=quizQn]");
      input.setAttribute("aria-label", "Numeric answer" + (shown ? ": " + text(shown) : ""));
    });
  }
  function watch() {
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        document.querySelectorAll(".Quiz").forEach(name);
      });
    }).observe(document.body, { childList: true, subtree: true });
    document.querySelectorAll(".Quiz").forEach(name);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
