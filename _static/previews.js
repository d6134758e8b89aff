// The previews of equations, glossary terms and figures (sphinx-tippy, see _config.yml):
// how they behave.  sphinx-tippy's script for the page makes one tippy per link when the
// page has loaded; these defaults, set before that, apply to all of them.
// - Pointer: shown on hover; the pointer can move onto the preview (interactive).
// - Keyboard: shown while the link has the focus; Esc hides it (WCAG 1.4.13).
// - Phone: the first tap on a link shows its preview instead of jumping away; a second tap
//   while it is shown follows the link.
// - Math: MathJax typesets the preview when it first appears (no-op for prerendered math).
// - The copies of the equation and the figure lose their ids, which the page's own keep.
(function () {
  "use strict";

  const hideOnEsc = {
    name: "hideOnEsc",
    defaultValue: true,
    fn({ hide }) {
      const onKeyDown = (event) => {
        if (event.key === "Escape") hide();
      };
      return {
        onShow() { document.addEventListener("keydown", onKeyDown); },
        onHide() { document.removeEventListener("keydown", onKeyDown); },
      };
    },
  };

  function dropIds(instance) {
    for (const element of instance.popper.querySelectorAll(".tippy-content [id]")) {
      element.removeAttribute("id");
    }
  }

  // A glossary entry arrives as <dt> and <dd>, which belong in a <dl>.
  function wrapTerm(instance) {
    const content = instance.popper.querySelector(".tippy-content");
    const loose = content.querySelectorAll(":scope > dt, :scope > dd");
    if (!loose.length) return;
    const list = document.createElement("dl");
    list.append(...loose);
    content.prepend(list);
  }

  function onMount(instance) {
    dropIds(instance);
    wrapTerm(instance);
    const mathjax = window.MathJax && MathJax.typesetPromise;
    if (mathjax && !instance.typeset) {  // MathJax names each \tag's row with an id too
      instance.typeset = MathJax.typesetPromise([instance.popper]).then(() => {
        dropIds(instance);
        if (instance.popperInstance) instance.popperInstance.update();
      });
    }
  }

  // A touch on a link whose preview is hidden shows it and keeps the page where it is.
  let touchedHidden = null;
  document.addEventListener("pointerdown", (event) => {
    const link = event.target.closest && event.target.closest("a.has-preview");
    touchedHidden = event.pointerType === "touch" && link && link._tippy &&
      !link._tippy.state.isVisible ? link : null;
  }, true);
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.has-preview");
    if (link && link === touchedHidden) {
      event.preventDefault();
      link._tippy.show();
    }
    touchedHidden = null;
  }, true);

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.tippy) return;
    tippy.setDefaultProps({
      appendTo: () => document.body,
      aria: { content: "describedby", expanded: false },
      plugins: [hideOnEsc],
      onMount,
    });
  });
})();
