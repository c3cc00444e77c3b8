// 大字模式 before the first paint: loaded in <head> (it must not be deferred), it only sets the class
// that care.css styles, so a page never flashes in the small type first.
try {
  if (localStorage.getItem("cc-large-type") === "1") document.documentElement.classList.add("cc-large");
} catch (e) {}
