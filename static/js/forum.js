// Forum: small formatting buttons above the post textarea (markdown), and the report form's
// "Lainnya" detail field. Everything works without JavaScript.
(function () {
  "use strict";
  var textarea = document.querySelector("textarea[name=content]");
  if (textarea) {
    var bar = document.createElement("div");
    bar.className = "forum-toolbar-buttons";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Format tulisan");
    [["Tebal", "**", "**"], ["Miring", "*", "*"], ["Daftar", "\n- ", ""], ["Tautan", "[", "](https://)"]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small secondary";
      button.textContent = b[0];
      button.addEventListener("click", function () {
        var start = textarea.selectionStart, end = textarea.selectionEnd, v = textarea.value;
        textarea.value = v.slice(0, start) + b[1] + v.slice(start, end) + b[2] + v.slice(end);
        textarea.focus();
        textarea.selectionStart = start + b[1].length;
        textarea.selectionEnd = end + b[1].length;
      });
      bar.appendChild(button);
    });
    textarea.parentNode.insertBefore(bar, textarea);
  }
  var detail = document.querySelector("textarea[name=detail]");
  var reasons = document.querySelectorAll("input[name=reason]");
  if (detail && reasons.length) {
    var sync = function () {
      var other = document.querySelector("input[name=reason][value=lainnya]");
      detail.required = !!(other && other.checked);
    };
    reasons.forEach(function (r) { r.addEventListener("change", sync); });
    sync();
  }
})();
