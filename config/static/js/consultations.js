// Consultations pages: confirmation of removals, and one-tap attendance at the door.
// Everything works without this script (plain form posts); it only saves page reloads.
(function () {
  "use strict";

  document.querySelectorAll("form.js-confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  var counter = document.getElementById("present-count");

  document.querySelectorAll("form.js-attendance").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter || form.querySelector("button[name=attended]");
      if (!window.fetch || !button) {
        return;
      }
      event.preventDefault();
      var data = new FormData(form);
      data.set("attended", button.value);
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (result) {
          var row = form.closest(".attendance-row");
          button.value = result.attended ? "0" : "1";
          button.textContent = result.attended ? button.dataset.labelOn : button.dataset.labelOff;
          button.setAttribute("aria-pressed", result.attended ? "true" : "false");
          button.classList.toggle("btn-success", result.attended);
          button.classList.toggle("btn-outline-secondary", !result.attended);
          if (row) {
            row.classList.toggle("is-present", result.attended);
          }
          if (counter && typeof result.present === "number") {
            counter.textContent = String(result.present);
          }
        })
        .catch(function () {
          // Fall back to a plain post (the server redirects back to this list).
          var field = document.createElement("input");
          field.type = "hidden";
          field.name = "attended";
          field.value = button.value;
          form.appendChild(field);
          form.submit();
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  });
})();
