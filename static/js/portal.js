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
})();
