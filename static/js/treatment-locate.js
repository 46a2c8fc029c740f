// Progressive enhancement: "Use my location" fills the place box with the browser's position,
// rounded to two decimals (about half a mile), and sends the search. Nothing is sent elsewhere;
// without JavaScript or geolocation the button stays hidden and the form works as before.
document.addEventListener("DOMContentLoaded", function () {
  if (!("geolocation" in navigator)) return;
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    var form = button.closest("form");
    var input = form.querySelector("input[name=near]");
    var status = form.querySelector(".locate-status");
    button.closest(".locate").hidden = false;
    button.addEventListener("click", function () {
      status.textContent = button.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          input.value = position.coords.latitude.toFixed(2) + "," + position.coords.longitude.toFixed(2);
          status.textContent = "";
          form.submit();
        },
        function () { status.textContent = button.dataset.failed; },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
      );
    });
  });
});
