// The map is one image (role="img") without links inside; for those who use a mouse, a click on a
// mark or a counted cell opens what the table under the map links to (its data-href).
document.addEventListener("click", function (event) {
  var target = event.target.closest && event.target.closest("#stakeholder-map [data-href]");
  if (target) {
    window.location.assign(target.dataset.href);
  }
});
