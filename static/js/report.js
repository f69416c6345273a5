// Report pages: live recomputation of belum terlayani, percentages, indeks and totals
// (tab A), serapan and the justification hint (tab B), and delete confirmations.
// Same rules and Indonesian formats as reporting/calculations.py; the server stays authoritative.
(function () {
  "use strict";

  function parseWhole(text) {
    // "1200998320" or "1.200.998.320" -> BigInt; "" -> null; anything else -> undefined.
    var cleaned = String(text || "").replace(/[\s\u00a0]/g, "").replace(/^Rp/, "");
    if (cleaned === "") { return null; }
    if (/^\d+$/.test(cleaned)) { return BigInt(cleaned); }
    if (/^\d{1,3}(\.\d{3})+$/.test(cleaned)) { return BigInt(cleaned.replace(/\./g, "")); }
    return undefined;
  }

  function formatNumber(value) {
    if (value === null || value === undefined) { return "-"; }
    var negative = value < 0n;
    var digits = (negative ? -value : value).toString();
    return (negative ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  // Percent in hundredths (BigInt), rounded half up: part / whole x 100.
  function percentHundredths(part, whole) {
    if (whole === null || whole === undefined || whole === 0n || part === null || part === undefined) { return null; }
    return (part * 20000n + whole) / (2n * whole);
  }

  function formatPercent(hundredths) {
    if (hundredths === null) { return "-"; }
    var whole = hundredths / 100n;
    var frac = (hundredths % 100n).toString().padStart(2, "0");
    return whole.toString() + "," + frac + " %";
  }

  function roundDiv(numerator, denominator) { return (2n * numerator + denominator) / (2n * denominator); }

  function categoryFor(hundredths, thresholds) {
    if (hundredths === null) { return "-"; }
    var sorted = thresholds.slice().sort(function (a, b) { return b[1] - a[1]; });
    for (var i = 0; i < sorted.length; i++) {
      if (Number(hundredths) / 100 >= sorted[i][1]) { return sorted[i][0]; }
    }
    return sorted.length ? sorted[sorted.length - 1][0] : "-";
  }

  function valueOf(cell) {
    if (!cell) { return null; }
    var raw = cell.tagName === "INPUT" ? cell.value : cell.getAttribute("data-value");
    var parsed = parseWhole(raw);
    return parsed === undefined ? null : parsed;
  }

  function setOut(scope, name, text) {
    var out = scope.querySelector('[data-out="' + name + '"]');
    if (out) { out.textContent = text; }
  }

  function mean(values) {
    var applicable = values.filter(function (v) { return v !== null; });
    if (!applicable.length) { return null; }
    var sum = applicable.reduce(function (a, b) { return a + b; }, 0n);
    return roundDiv(sum, BigInt(applicable.length));
  }

  function recomputeCapaian(form, thresholds) {
    var penerimaAll = [], mutuAll = [], indeksAll = [];
    form.querySelectorAll("[data-service]").forEach(function (table) {
      var penerima = null, sumTarget = 0n, sumMet = 0n, anyMutu = false;
      table.querySelectorAll("tr[data-line]").forEach(function (line) {
        var target = valueOf(line.querySelector('[data-role="target"]'));
        var met = valueOf(line.querySelector('[data-role="met"]'));
        var input = line.querySelector("input");
        if (input) {
          line.querySelectorAll("input").forEach(function (i) {
            i.classList.toggle("is-invalid", parseWhole(i.value) === undefined);
          });
        }
        var pct = percentHundredths(met, target);
        setOut(line, "belum", target !== null && met !== null ? formatNumber(target - met) : "-");
        setOut(line, "percent", formatPercent(pct));
        if (line.getAttribute("data-line") === "penerima") {
          penerima = pct;
        } else if (target !== null && met !== null) {
          sumTarget += target; sumMet += met; anyMutu = true;
        }
      });
      var mutu = anyMutu ? percentHundredths(sumMet, sumTarget) : null;
      var indeks = penerima === null ? null : (mutu === null ? penerima : roundDiv(penerima * 8n + mutu * 2n, 10n));
      setOut(table, "penerima", formatPercent(penerima));
      setOut(table, "mutu", formatPercent(mutu));
      setOut(table, "indeks", formatPercent(indeks));
      setOut(table, "category", categoryFor(indeks, thresholds));
      penerimaAll.push(penerima); mutuAll.push(mutu); indeksAll.push(indeks);
    });
    var totals = form.querySelector("[data-totals]");
    if (totals) {
      var totalIndeks = mean(indeksAll);
      setOut(totals, "total-penerima", formatPercent(mean(penerimaAll)));
      setOut(totals, "total-mutu", formatPercent(mean(mutuAll)));
      setOut(totals, "total-indeks", formatPercent(totalIndeks));
      setOut(totals, "total-category", categoryFor(totalIndeks, thresholds));
    }
  }

  var capaian = document.querySelector("form[data-capaian]");
  if (capaian) {
    var thresholdsNode = document.getElementById("category-thresholds");
    var thresholds = thresholdsNode ? JSON.parse(thresholdsNode.textContent).map(function (t) { return [t[0], Number(t[1])]; }) : [];
    capaian.addEventListener("input", function () { recomputeCapaian(capaian, thresholds); });
  }

  document.querySelectorAll("form[data-activity]").forEach(function (form) {
    var pagu = form.querySelector('input[name$="pagu"]');
    var realisasi = form.querySelector('input[name$="realisasi"]');
    var justification = form.querySelector(".justification");
    function update() {
      var p = parseWhole(pagu.value), r = parseWhole(realisasi.value);
      var ok = p !== undefined && r !== undefined && p !== null && r !== null;
      setOut(form, "serapan", ok ? formatPercent(percentHundredths(r, p)) : "-");
      if (justification) {
        var over = ok && r > p;
        var hasText = justification.querySelector("textarea").value.trim() !== "";
        justification.classList.toggle("is-hidden", !over && !hasText && !justification.classList.contains("has-error"));
      }
    }
    if (pagu && realisasi) {
      form.addEventListener("input", update);
      update();
    }
  });

  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
