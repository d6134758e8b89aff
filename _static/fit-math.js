// A display equation wider than its column (on a phone, most of the tagged ones) is drawn
// smaller until it fits, down to 60% of its size; only what is still wider then scrolls in
// its box (_static/overflow.css).  A formula cut at the screen's edge reads as a different
// formula, and touch screens draw no scroll bar to say there is more.
// The math is drawn when the book is built (KaTeX): this only measures it, once the page is
// parsed and again when the math fonts have arrived, and changes nothing where it fits (a
// desktop window): no reflow there.  KaTeX centres the formula and pins its tag (3.1.x) to
// the right edge, so the formula needs its width plus the tag's on both sides.
(function () {
  "use strict";
  const SMALLEST = 0.6;
  const GAP = 8;  // px between the formula and its tag

  function need(html) {
    let left = Infinity, right = -Infinity, tag = 0;
    for (const part of html.children) {
      const r = part.getBoundingClientRect();
      if (part.classList.contains("tag")) { tag = r.width + GAP; continue; }
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    }
    return right > left ? right - left + 2 * tag : 0;
  }

  function fit() {
    for (const box of document.querySelectorAll(".bd-article div.math")) {
      const math = box.querySelector(".katex-display > .katex");
      const html = math && math.querySelector(".katex-html");
      if (!html) continue;
      math.style.fontSize = "";
      html.style.minWidth = "";
      const wide = need(html), room = box.clientWidth - 2;
      if (wide <= room) continue;
      const scale = Math.max(SMALLEST, room / wide);
      math.style.fontSize = `${parseFloat(getComputedStyle(math).fontSize) * scale}px`;
      if (wide * scale > room) html.style.minWidth = `${Math.ceil(wide * scale)}px`;
    }
  }

  let pending = null;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(fit, 100);
  }

  function start() {
    fit();
    document.fonts.ready.then(fit);
    window.addEventListener("resize", later);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
