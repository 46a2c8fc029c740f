// Progressive enhancement: show the crisis guidance the moment "right now" is
// chosen for thoughts of suicide, without waiting for the step to be sent.
(function () {
  "use strict";
  // A step sent back with answers missing: take keyboard and screen-reader users to the list.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();

(function () {
  "use strict";
  var box = document.querySelector("[data-crisis-for]");
  if (!box) return;
  var name = box.getAttribute("data-crisis-for");
  document.addEventListener("change", function (event) {
    if (event.target.name !== name) return;
    var now = event.target.value === "now" && event.target.checked;
    if (now && box.hidden) {
      box.hidden = false;
      box.focus();
    } else if (!now && event.target.checked) {
      box.hidden = true;
    }
  });
})();
