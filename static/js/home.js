// Regulation filters: apply a changed select at once. The "Tampilkan" button still works without JavaScript.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form) {
    return;
  }
  form.querySelectorAll("select").forEach(function (select) {
    select.addEventListener("change", function () {
      var page = form.querySelector("input[name=page]");
      if (page) {
        page.remove();
      }
      form.submit();
    });
  });
})();
