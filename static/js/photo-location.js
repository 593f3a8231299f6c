// Fills the photo form's hidden latitude/longitude/accuracy_m with the browser's position, so a
// photo whose GPS data the phone stripped can still be placed (DOMAIN.md §8). Nothing is sent
// anywhere else; without permission the fields stay empty and the photo is flagged NO_LOCATION.
(function () {
  "use strict";
  var form = document.querySelector("form[data-geolocate]");
  if (!form || !("geolocation" in navigator)) return;
  var status = form.querySelector("[data-geolocation-status]");
  function say(text) { if (status) status.textContent = text; }
  navigator.geolocation.getCurrentPosition(
    function (pos) {
      form.elements.latitude.value = pos.coords.latitude.toFixed(6);
      form.elements.longitude.value = pos.coords.longitude.toFixed(6);
      form.elements.accuracy_m.value = Math.round(pos.coords.accuracy * 10) / 10;
      say("Lokasi perangkat tercatat (±" + Math.round(pos.coords.accuracy) + " m).");
    },
    function () { say("Lokasi perangkat tidak tersedia; foto tanpa GPS akan bertanda TANPA LOKASI."); },
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
  );
})();
