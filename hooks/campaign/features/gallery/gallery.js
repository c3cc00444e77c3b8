// The gallery's enhancements (gallery.html): the before/after slider and the larger view of a photo.
// Each part works alone and the page works without either.

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

// The larger view of a photo (links with class cc-zoom, from gallery.html). A native modal
// <dialog> keeps focus inside, closes with Esc and hands focus back; it shows the largest size in the
// best format the browser takes. A tap on the picture, or 放大, switches between fit-to-screen and
// full size, scrolled to where it was tapped. Without this script the link opens the full-size JPEG.
(function () {
  if (!window.HTMLDialogElement) return;
  var dialog = document.createElement("dialog");
  dialog.className = "cc-lightbox";
  dialog.innerHTML =
    '<div class="cc-lightbox__bar"><button type="button" data-zoom aria-pressed="false">放大</button>' +
    '<button type="button" data-close>关闭</button></div>' +
    '<div class="cc-lightbox__stage" tabindex="0"></div><p class="cc-lightbox__caption"></p>';
  var stage = dialog.querySelector(".cc-lightbox__stage");
  var zoomButton = dialog.querySelector("[data-zoom]");
  var opener = null;

  function zoom(on, event) {
    var img = stage.querySelector("img");
    var box = img.getBoundingClientRect();
    var fx = event ? (event.clientX - box.left) / box.width : 0.5;
    var fy = event ? (event.clientY - box.top) / box.height : 0.5;
    stage.classList.toggle("is-zoomed", on);
    zoomButton.setAttribute("aria-pressed", String(on));
    if (on) {  // keep the tapped spot in the middle of the screen
      stage.scrollLeft = fx * img.offsetWidth - stage.clientWidth / 2;
      stage.scrollTop = fy * img.offsetHeight - stage.clientHeight / 2;
    }
  }

  function open(link) {
    var picture = link.querySelector("picture").cloneNode(true);
    var img = picture.querySelector("img");
    picture.querySelectorAll("source, img").forEach(function (element) {
      element.setAttribute("sizes", img.getAttribute("width") + "px");  // the largest width
    });
    img.removeAttribute("loading");
    stage.replaceChildren(picture);
    var caption = link.nextElementSibling;
    dialog.querySelector(".cc-lightbox__caption").textContent = caption ? caption.textContent : "";
    dialog.setAttribute("aria-label", img.alt);
    opener = link;
    zoom(false);
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cc-zoom");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(link);
  });
  stage.addEventListener("click", function (event) {
    if (event.target.tagName === "IMG") zoom(!stage.classList.contains("is-zoomed"), event);
    else if (event.target === stage) dialog.close();
  });
  zoomButton.addEventListener("click", function () { zoom(!stage.classList.contains("is-zoomed")); });
  dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    stage.replaceChildren();
    if (opener) opener.focus();
  });
  document.body.appendChild(dialog);
})();
