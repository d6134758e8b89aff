// The widget manager typesets the TeX of widget labels (the SGD explorer's "learning rate
// \(\eta\)") with the MathJax 2 API, MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]).
// The book draws its math when it is built (KaTeX, _ext/katex_math.py) and loads no
// MathJax; the build also drew every widget label's formula, as window.lnnWidgetMath
// ({TeX: HTML}) on the pages with widgets.  This puts the drawn formula in its place.
// Elsewhere it does nothing, so no page seems to have a MathJax that it has not.
(function () {
  "use strict";
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  function typeset(element) {
    var drawn = window.lnnWidgetMath, text = element && element.textContent;
    if (!text) return;
    var parts = [text];
    Object.keys(drawn).forEach(function (tex) {
      parts = parts.flatMap(function (part) {
        if (typeof part !== "string") return [part];
        return part.split(tex).flatMap(function (piece, i) {
          return i ? [{html: drawn[tex]}, piece] : [piece];
        });
      });
    });
    if (parts.length === 1) return;
    element.innerHTML = parts.map(function (part) {
      return typeof part === "string" ? escape(part) : part.html;
    }).join("");
  }
  function install() {
    if (!window.lnnWidgetMath || window.MathJax) return;
    window.MathJax = {
      Hub: {
        Queue: function () {
          Array.prototype.forEach.call(arguments, function (job) {
            if (Array.isArray(job) && job[0] === "Typeset") typeset(job[2]);
          });
        },
      },
    };
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", install);
  } else {
    install();
  }
})();
