// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("menu-utama");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // The error summary of a refused form (GOV.UK pattern): focused on load, so it is seen and read first;
  // each link moves the focus into its field (a plain #fragment only scrolls), opening a folded
  // <details> around it and showing its label too.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!field) { return; }
      event.preventDefault();
      var folded = field.closest("details:not([open])");
      if (folded) { folded.open = true; }
      var label = document.querySelector("label[for='" + field.id + "']");
      (label && label.getClientRects().length ? label : field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  // A table that keeps its columns (no cards) and is wider than the screen says so above itself, and is a
  // labelled region the keyboard can scroll. Checked again when the width changes (a phone turned).
  var hintText = document.body.getAttribute("data-scroll-hint");
  function markScrollingTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var hasHint = hint && hint.classList.contains("scroll-hint");
      if (scrolls && !hasHint && hintText) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = hintText;
        wrap.parentNode.insertBefore(hint, wrap);
        hasHint = true;
      }
      if (hasHint) { hint.hidden = !scrolls; }
      if (scrolls) {
        if (!wrap.hasAttribute("tabindex")) { wrap.setAttribute("tabindex", "0"); }
        if (!wrap.hasAttribute("role")) { wrap.setAttribute("role", "region"); }
        var caption = wrap.querySelector("caption");
        if (!wrap.hasAttribute("aria-label") && caption) { wrap.setAttribute("aria-label", caption.textContent.trim()); }
      }
    });
  }
  markScrollingTables();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollingTables, 200);
  });
})();
