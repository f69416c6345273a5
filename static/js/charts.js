// Links each chart to the table beside it: focusing or hovering a table row outlines its bars.
// Everything stays readable without JavaScript (the SVG is drawn by the server).
(function () {
  "use strict";
  document.querySelectorAll(".chart-pair").forEach(function (pair) {
    var bands = pair.querySelectorAll(".chart svg > svg");
    var rows = pair.querySelectorAll("tbody tr");
    rows.forEach(function (row, index) {
      var band = bands[index];
      if (!band) { return; }
      row.tabIndex = 0;
      function toggle(on) {
        row.classList.toggle("is-active", on);
        band.querySelectorAll("rect").forEach(function (rect) { rect.classList.toggle("is-active", on); });
      }
      ["mouseenter", "focus"].forEach(function (name) { row.addEventListener(name, function () { toggle(true); }); });
      ["mouseleave", "blur"].forEach(function (name) { row.addEventListener(name, function () { toggle(false); }); });
    });
  });
})();
