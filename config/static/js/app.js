// Every page. A form sent back with errors: focus moves to its summary (templates/includes/error_summary.html),
// so a screen reader reads it first and the next Tab goes on into the form.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  summary.focus();
  // A form posted from a URL with a fragment (#main, after the skip link) comes back to it: the browser then
  // moves the focus to that target once the page has loaded. Take it back, unless the user has moved on.
  window.addEventListener("load", function () {
    var current = document.activeElement;
    if (!current || current === document.body || current === document.getElementById("main")) {
      summary.focus();
    }
  });
})();
