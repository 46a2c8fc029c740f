// Quick exit: end the session on the server, leave at once, keep this page out of Back.
// Without JavaScript the button is a plain link to /leave/, which ends the session the
// same way and redirects to the same neutral page.
(function () {
  "use strict";
  var leaving = false;
  function leave(event, link) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    link = link || document.querySelector("[data-quick-exit]");
    var endpoint = link ? link.getAttribute("href") : "/leave/";
    var neutral = (link && link.getAttribute("data-quick-exit-to")) || "https://www.weather.gov/";
    document.documentElement.style.visibility = "hidden";
    var go = function () { window.location.replace(neutral); };
    // The session ends on the server before the page goes; never wait more than a second.
    var timer = window.setTimeout(go, 1000);
    try {
      window.fetch(endpoint, {
        method: "POST",
        credentials: "same-origin",
        keepalive: true,
        redirect: "manual",
        cache: "no-store"
      }).then(function () { window.clearTimeout(timer); go(); }, function () { window.clearTimeout(timer); go(); });
    } catch (error) {
      window.clearTimeout(timer);
      go();
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (link) leave(event, link);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.target.closest("input, textarea, select")) leave(event);
  });
})();
