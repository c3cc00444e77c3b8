// 关怀版 before the first paint: loaded in <head> (it must not be deferred), it only copies the remembered
// settings (care.js keeps them in localStorage) onto <html> as data-care-* attributes that care.css styles,
// so a page never flashes in the small type or the normal colours first.
(function () {
  try {
    var settings = JSON.parse(localStorage.getItem("cc-care")) || {};
    for (var key in settings) if (settings[key]) document.documentElement.setAttribute("data-care-" + key, settings[key]);
  } catch (e) {}  // storage blocked or unreadable: the page in its normal settings
})();
