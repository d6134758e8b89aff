// ipywidgets typesets the LaTeX in widget labels with the MathJax 2 API
// (MathJax.Hub.Queue(["Typeset", MathJax.Hub, element])), but the book loads MathJax 3, so
// every label threw "Cannot read properties of undefined (reading 'Queue')".  This maps the
// old call onto MathJax 3.  It is installed once the deferred MathJax 3 script has run
// (DOMContentLoaded); the widget manager renders later, on "load".
(function () {
  "use strict";
  function install() {
    var mj = window.MathJax;
    if (!mj || mj.Hub || !mj.startup) return;  // no MathJax 3 on this page
    mj.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (!Array.isArray(job) || job[0] !== "Typeset") return;
          var elements = job[2] ? [job[2]] : undefined;
          mj.startup.promise = mj.startup.promise
            .then(function () { return mj.typesetPromise(elements); })
            .catch(function (err) { console.warn("MathJax typeset failed:", err); });
        });
      },
    };
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", install);
  } else {
    install();
  }
})();
