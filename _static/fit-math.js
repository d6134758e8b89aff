// A display equation wider than its column (on a phone, most of the tagged ones) is drawn
// smaller until it fits, down to half its size; only what is still wider then scrolls in
// its box (_static/overflow.css).  A formula cut at the screen's edge reads as a different
// formula, and touch screens draw no scroll bar to say there is more.
// The math is drawn when the book is built (KaTeX): this only measures it, once the page is
// parsed and again when the math fonts have arrived, and changes nothing where it fits (a
// desktop window): no reflow there.  KaTeX centres the formula and pins its tag (3.1.x) to
// the right edge, so the formula needs its width plus the tag's on both sides.
(function () {
  "use strict";
  // KaTeX draws at 121% of the text: half of it is about 10 px on a phone.  The widest
  // displays of the book, about 670 px at full size, need 54% of it at 390 px.
  const SMALLEST = 0.5;
  const GAP = 8;  // px between the formula and its tag

  function need(html) {
    let left = Infinity, right = -Infinity, tag = 0;
    for (const part of html.children) {
      const r = part.getBoundingClientRect();
      if (part.classList.contains("katex-tag")) { tag = r.width + GAP; continue; }
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
      const style = getComputedStyle(html);
      const room = box.clientWidth - 2 - parseFloat(style.paddingLeft) -
          parseFloat(style.paddingRight);
      const wide = need(html);
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
