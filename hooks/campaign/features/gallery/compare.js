// Before/after slider, an enhancement of the side-by-side figures in gallery.html.
// The control is a native range input (keyboard, screen readers and a tap on the track for free);
// the 前/后 buttons show either photo whole, so nothing needs dragging (WCAG 2.5.7).
(function () {
  document.querySelectorAll("[data-cc-compare]").forEach(function (figure) {
    var controls = figure.querySelector(".cc-compare__controls");
    var range = controls.querySelector("input[type=range]");

    function show(value) {
      range.value = value;
      figure.style.setProperty("--cc-pos", range.value + "%");
      range.setAttribute("aria-valuetext", "前 " + range.value + "%，后 " + (100 - range.value) + "%");
    }

    range.addEventListener("input", function () { show(range.value); });
    controls.querySelectorAll("[data-cc-show]").forEach(function (button) {
      button.addEventListener("click", function () { show(button.dataset.ccShow); });
    });
    show(range.value);
    controls.hidden = false;
    figure.classList.add("cc-compare--slider");
  });
})();
