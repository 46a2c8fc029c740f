// Quick exit: leave at once and keep this site out of the Back button.
// Without JavaScript the link still goes to the same neutral page.
(function () {
  "use strict";
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    window.location.replace("https://www.weather.gov/");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (link) leave(event);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.target.closest("input, textarea, select")) leave(event);
  });
})();
