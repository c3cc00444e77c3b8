// Calendar page enhancements; the page is complete without them. The build sorted activities into
// upcoming, ongoing and past on the build date: re-sort them on the visitor's own date (in China), and
// turn the links to each domain's calendar page into quick filters on this page.
(function () {
  "use strict";
  var agenda = document.querySelector("[data-cc-agenda]");
  if (!agenda) return;

  function chinaToday() {
    // en-CA writes dates as YYYY-MM-DD, comparable with the ISO dates in data-first and data-last.
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  }

  function statusOf(item, today) {
    var kind = item.dataset.kind;
    if (kind === "ongoing" || kind === "undated") return kind;
    if (item.dataset.last < today) return "past";
    if (kind === "deadline") return "due";  // due, not starting: listed by the month it falls due
    return item.dataset.first > today ? "upcoming" : "ongoing";
  }

  function list() {
    var ul = document.createElement("ul");
    ul.className = "cc-cal-list";
    return ul;
  }

  function monthGroup(month) {
    var group = document.createElement("section");
    group.className = "cc-cal-month";
    group.dataset.month = month;
    var heading = group.appendChild(document.createElement("h3"));
    var time = heading.appendChild(document.createElement("time"));
    time.dateTime = month;
    time.textContent = Number(month.slice(0, 4)) + "年" + Number(month.slice(5, 7)) + "月";
    group.appendChild(list());
    return group;
  }

  var ORDER = {
    upcoming: function (a, b) { return a.dataset.first.localeCompare(b.dataset.first); },
    due: function (a, b) { return a.dataset.last.localeCompare(b.dataset.last); },
    ongoing: function (a, b) {
      return (a.dataset.kind === "ongoing") - (b.dataset.kind === "ongoing") || a.dataset.last.localeCompare(b.dataset.last);
    },
    past: function (a, b) { return b.dataset.last.localeCompare(a.dataset.last); },
    undated: function () { return 0; },
  };
  var BY_MONTH = { upcoming: "first", due: "last", past: "last" };  // the date a section groups by

  function regroup(today) {
    var items = Array.prototype.slice.call(agenda.querySelectorAll("[data-cc-item]"));
    Object.keys(ORDER).forEach(function (status) {
      var mine = items.filter(function (item) { return statusOf(item, today) === status; }).sort(ORDER[status]);
      var box = agenda.querySelector('[data-status="' + status + '"] [data-cc-groups]');
      box.textContent = "";
      var target = null, key = null;
      mine.forEach(function (item) {
        var month = BY_MONTH[status] ? item.dataset[BY_MONTH[status]].slice(0, 7) : "";
        if (!target || month !== key) {
          var group = box.appendChild(month ? monthGroup(month) : list());
          target = month ? group.querySelector("ul") : group;
          key = month;
        }
        target.appendChild(item);
      });
    });
    var shown = agenda.ownerDocument.querySelector("[data-cc-today]");
    if (shown) {
      shown.dateTime = today;
      shown.textContent = Number(today.slice(0, 4)) + "年" + Number(today.slice(5, 7)) + "月" + Number(today.slice(8)) + "日";
    }
  }

  function showOnly(domain) {
    agenda.querySelectorAll("[data-cc-item]").forEach(function (item) {
      item.hidden = Boolean(domain) && item.dataset.domain !== domain;
    });
    agenda.querySelectorAll(".cc-cal-month").forEach(function (group) {
      group.hidden = !group.querySelector("[data-cc-item]:not([hidden])");
    });
  }

  function updateEmpty() {
    agenda.querySelectorAll("[data-status]").forEach(function (section) {
      section.querySelector(".cc-cal-empty").hidden = Boolean(section.querySelector("[data-cc-item]:not([hidden])"));
    });
  }

  function addFilters() {
    var links = document.querySelectorAll("[data-cc-domains] a[data-domain]");
    if (!links.length) return;
    var bar = document.createElement("div");
    bar.className = "cc-cal-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "按领域筛选");
    bar.appendChild(document.createElement("p")).textContent = "按领域筛选：";
    function button(label, domain) {
      var b = bar.appendChild(document.createElement("button"));
      b.type = "button";
      b.textContent = label;
      b.dataset.domain = domain;
      b.setAttribute("aria-pressed", String(!domain));
      b.addEventListener("click", function () {
        bar.querySelectorAll("button").forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === b));
        });
        showOnly(domain);
        updateEmpty();
      });
    }
    button("全部", "");
    links.forEach(function (link) { button(link.textContent, link.dataset.domain); });
    // The buttons replace the links here; each activity still links to its domain's calendar page.
    var nav = links[0].closest("nav");
    nav.parentNode.insertBefore(bar, nav);
    nav.hidden = true;
  }

  var today = chinaToday();
  if (today !== agenda.dataset.today) regroup(today);
  updateEmpty();
  addFilters();
})();
