// The SGD explorer (lnn.explorer.StaticExplorer) for screen readers and for print.
// The widget manager draws its sliders and pictures after "load", without text for
// assistive technology: a slider handle has no name and announces the option's index
// ("2") instead of its value ("0.03"), and a picture has no alt text.  This script, on every
// page (Jupyter Book adds each _static/*.js), names each handle after its slider's label,
// makes it announce the readout, gives each picture of the grid an alt text from its DOM
// classes (lnn-lr-*, lnn-batch-*, lnn-loss-* or lnn-diverged), and adds after the explorer a
// sentence that only print shows: paper has the default picture only.
(function () {
  "use strict";

  // A label's text as read aloud (window.lnnSpokenText, _static/a11y.js), without the TeX
  // delimiters of a label whose formula is not drawn yet.
  function labelText(label) {
    return window.lnnSpokenText(label).replace(/\\\(|\\\)|\\/g, "").replace(/\s+/g, " ")
      .trim();
  }

  function set(element, name, value) {
    if (value && element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function classValue(element, prefix) {
    var found = Array.prototype.find.call(element.classList, function (c) {
      return c.indexOf(prefix) === 0;
    });
    return found && found.slice(prefix.length);
  }

  // "learning rate 0.03, batch size 10: final loss 0.262" from the picture's classes.
  function describeRun(image) {
    var lr = classValue(image, "lnn-lr-"), batch = classValue(image, "lnn-batch-");
    if (!lr || !batch) return null;
    var loss = classValue(image, "lnn-loss-");
    var result = image.classList.contains("lnn-diverged") ? "diverged"
      : "final loss " + loss;
    return "learning rate " + lr + ", batch size " + batch + ": " + result;
  }

  function update() {
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var readout = slider.querySelector(".widget-readout");
      slider.querySelectorAll("[role=slider]").forEach(function (handle) {
        if (label) set(handle, "aria-label", labelText(label));
        if (readout) set(handle, "aria-valuetext", readout.textContent.trim());
      });
    });
    document.querySelectorAll("img.widget-image").forEach(function (image) {
      var run = describeRun(image);
      if (run) set(image, "alt", "Loss curve and fitted line of minibatch SGD with " + run);
    });
    document.querySelectorAll(".widget-vbox").forEach(function (explorer) {
      var shown = Array.prototype.find.call(explorer.querySelectorAll("img.widget-image"),
        function (image) { return image.offsetParent !== null && describeRun(image); });
      if (!shown) return;
      var note = explorer.nextElementSibling;
      if (!note || !note.classList.contains("lnn-print-only")) {
        note = document.createElement("p");
        note.className = "lnn-print-only";
        explorer.after(note);
      }
      // The grid: one picture per position of each slider (only the shown one is drawn).
      var count = 1;
      explorer.querySelectorAll("[role=slider]").forEach(function (handle) {
        count *= Number(handle.getAttribute("aria-valuemax")) -
          Number(handle.getAttribute("aria-valuemin")) + 1;
      });
      var text = "Printed here is the run with " + describeRun(shown) + ". " +
        "The interactive version of this explorer is online, in the web version of this " +
        "book: there its sliders show any of the " + count + " precomputed runs, and in a " +
        "running notebook (Binder, Colab) they re-run SGD for any value.";
      if (note.textContent !== text) note.textContent = text;
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    Promise.resolve().then(function () { pending = false; update(); });
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true,
      attributeFilter: ["aria-valuetext", "aria-valuenow", "class", "style"],
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
