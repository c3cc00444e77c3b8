// The 大字模式 button in the header: shows it (and the footer's line about it), switches the mode and remembers the choice across
// pages (localStorage; care-init.js applies it before the next page is painted).
(function () {
  var root = document.documentElement;
  document.querySelectorAll("[data-cc-large-hint]").forEach(function (hint) { hint.hidden = false; });
  document.querySelectorAll("[data-cc-large-toggle]").forEach(function (button) {
    function show() { button.setAttribute("aria-pressed", String(root.classList.contains("cc-large"))); }
    button.hidden = false;
    show();
    button.addEventListener("click", function () {
      var on = root.classList.toggle("cc-large");
      try { localStorage.setItem("cc-large-type", on ? "1" : "0"); } catch (e) {}
      show();
    });
  });
})();
