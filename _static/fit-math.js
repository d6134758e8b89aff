// A display equation wider than its column (on a phone, most of the tagged ones) is drawn
// smaller until it fits, down to 60% of its size; only what is still wider then scrolls in
// its box (_static/overflow.css).  A formula cut at the screen's edge reads as a different
// formula, and touch screens draw no scroll bar to say there is more.
(function () {
  "use strict";
  const SMALLEST = 0.6;

  function fit() {
    for (const box of document.querySelectorAll(".bd-article div.math")) {
      const math = box.querySelector('mjx-container[display="true"]');
      if (!math) continue;
      math.style.fontSize = "";
      const need = math.scrollWidth;
      const room = box.clientWidth;
      if (need > room + 1) {
        const size = parseFloat(getComputedStyle(math).fontSize);
        math.style.fontSize = `${size * Math.max(SMALLEST, (room - 2) / need)}px`;
      }
    }
  }

  let pending = null;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(fit, 100);
  }

  window.addEventListener("load", () => {
    const ready = window.MathJax && MathJax.startup && MathJax.startup.promise;
    (ready || Promise.resolve()).then(fit);
    window.addEventListener("resize", later);
  });
})();
