// Job page: follow the job's progress without reloading; reload once when it is finished so that the
// server shows the result. Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("pekerjaan");
  if (!box || box.getAttribute("data-finished") === "1" || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("pekerjaan-bar");
  var label = document.getElementById("pekerjaan-label");
  var status = document.getElementById("pekerjaan-status");
  var delay = 1000;

  function show(state) {
    if (state.rows_total !== null) {
      bar.max = state.rows_total || 1;
      bar.value = state.rows_done;
    }
    bar.textContent = state.label;
    label.textContent = state.label;
    status.textContent = state.status_label;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay + 500, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
})();
