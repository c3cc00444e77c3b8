// 关怀版 (overrides/partials/care.html): shows the header's entry, keeps the panel's settings in localStorage
// (care-init.js applies them before the next page is painted) and reads the page aloud with the browser's own
// speech synthesis (Web Speech API, a zh-CN voice: nothing is sent anywhere).
(function () {
  var root = document.documentElement;
  var toggle = document.querySelector("[data-cc-care-toggle]");
  var panel = document.querySelector("[data-cc-care]");
  var reader = document.querySelector("[data-cc-reader]");
  if (!toggle) return;  // the poster has no header
  var inputs = Array.from(panel.querySelectorAll("input"));
  var names = Array.from(new Set(inputs.map(function (input) { return input.name; })));

  // ---- Settings: { text: "1"|"2", contrast: "light"|"dark", pointer, simple, speech: "on" }, unset = normal
  function load() {
    try { return JSON.parse(localStorage.getItem("cc-care")) || {}; } catch (e) { return {}; }
  }
  function save(settings) {
    try { localStorage.setItem("cc-care", JSON.stringify(settings)); } catch (e) {}  // private mode: this page only
  }
  function show(settings) {
    inputs.forEach(function (input) { input.checked = (settings[input.name] || "") === input.value; });
    names.forEach(function (name) {
      if (settings[name]) root.setAttribute("data-care-" + name, settings[name]);
      else root.removeAttribute("data-care-" + name);
    });
    reader.hidden = !settings.speech;
    if (!settings.speech) stop();
  }
  function chosen() {
    var settings = {};
    inputs.forEach(function (input) { if (input.checked && input.value) settings[input.name] = input.value; });
    return settings;
  }
  panel.addEventListener("change", function () { var settings = chosen(); save(settings); show(settings); });
  panel.querySelector("[data-cc-care-reset]").addEventListener("click", function () { save({}); show({}); });

  // ---- The panel: a disclosure under the button, closed by 关闭, Esc or a click elsewhere
  function open(yes) {
    panel.hidden = !yes;
    toggle.setAttribute("aria-expanded", String(yes));
  }
  toggle.addEventListener("click", function () { open(panel.hidden); });
  panel.querySelector("[data-cc-care-close]").addEventListener("click", function () { open(false); toggle.focus(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { open(false); toggle.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!panel.hidden && !panel.contains(event.target) && !toggle.contains(event.target)) open(false);
  });

  // ---- Read aloud
  var synth = window.speechSynthesis;
  var article = document.querySelector(".md-content__inner");
  var status = reader.querySelector("[role=status]");
  var readButton = reader.querySelector("[data-cc-read]");
  var pauseButton = reader.querySelector("[data-cc-pause]");
  var stopButton = reader.querySelector("[data-cc-stop]");
  var PASSAGES = "h1, h2, h3, h4, h5, h6, p, li, dl > div, dt, dd, tr, figcaption, caption, summary, blockquote, pre";
  var queue = [], at = 0, run = 0, voice = null, selected = "";

  function say(text) { status.textContent = text; }
  function mark(element) {
    var last = article.querySelector(".cc-reading");
    if (last) last.classList.remove("cc-reading");
    if (element) { element.classList.add("cc-reading"); element.scrollIntoView({ block: "nearest" }); }
  }
  function playing(yes) {
    pauseButton.disabled = stopButton.disabled = !yes;
    pauseButton.textContent = "暂停";
  }

  // The page's passages in reading order: the outermost of PASSAGES that is shown and has text.
  function passages() {
    return Array.from(article.querySelectorAll(PASSAGES)).filter(function (element) {
      return !element.parentElement.closest(PASSAGES) && element.getClientRects().length && element.innerText.trim();
    }).map(function (element) { return { element: element, text: element.innerText }; });
  }
  function sentences(text) {
    return text.split(/(?<=[。！？；\n])/).filter(function (part) { return part.trim(); })
      .map(function (part) { return { element: null, text: part }; });
  }
  function chineseVoice() {
    var voices = synth.getVoices();
    return voices.find(function (v) { return /^zh[-_]cn/i.test(v.lang); }) ||
      voices.find(function (v) { return /^(zh|cmn)\b/i.test(v.lang); }) || null;
  }
  // Chrome lists its voices a moment after the page loads: wait for them once, at most a second.
  function whenVoicesKnown(then) {
    if (synth.getVoices().length) return then();
    var done = false;
    function go() { if (!done) { done = true; then(); } }
    synth.addEventListener("voiceschanged", go, { once: true });
    setTimeout(go, 1000);
  }
  var NO_VOICE = "这个浏览器没有中文语音，不能朗读。可以在手机或电脑的系统设置里添加中文“文字转语音”，" +
    "或者用系统自带的“随选朗读”“旁白”。";

  function read(list) {
    stop();
    if (!list.length) return;
    if (!synth) return say(NO_VOICE);
    var mine = run;
    whenVoicesKnown(function () {
      if (mine !== run) return;
      voice = chineseVoice();
      if (!voice && synth.getVoices().length) return say(NO_VOICE);  // no list at all: try the zh-CN default
      queue = list; at = 0;
      playing(true);
      next(mine);
    });
  }
  function next(mine) {
    if (mine !== run) return;  // stopped, or another reading began
    if (at >= queue.length) { mark(null); playing(false); return say("读完了。"); }
    var passage = queue[at];
    var utterance = new SpeechSynthesisUtterance(speakable(passage.text));
    utterance.lang = "zh-CN";
    if (voice) utterance.voice = voice;
    utterance.onend = function () { at += 1; next(mine); };
    utterance.onerror = function (event) {
      if (mine === run && event.error !== "interrupted" && event.error !== "canceled") { stop(); say("朗读没有成功，请再点一次“朗读”。"); }
    };
    mark(passage.element);
    say(passage.element ? "正在朗读第 " + (at + 1) + " 段，共 " + queue.length + " 段。" : "正在朗读选中的文字。");
    synth.speak(utterance);
  }
  function stop() {
    run += 1;
    if (synth && (synth.speaking || synth.pending)) synth.cancel();
    mark(null);
    playing(false);
  }

  // The selection is read if there is one; on a phone a tap on the button may clear it, so it is taken
  // when the finger touches down.
  function selection() { return String(window.getSelection()).trim(); }
  readButton.addEventListener("pointerdown", function () { selected = selection(); });
  readButton.addEventListener("click", function () {
    var text = selected || selection();
    selected = "";
    read(text ? sentences(text) : passages());
  });
  pauseButton.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); pauseButton.textContent = "暂停"; say("继续朗读。"); }
    else { synth.pause(); pauseButton.textContent = "继续"; say("已暂停，点“继续”接着读。"); }
  });
  stopButton.addEventListener("click", function () { stop(); say("已停止。"); });
  // A tap on a passage (not on a link or a control) reads from there on.
  article.addEventListener("click", function (event) {
    if (!root.hasAttribute("data-care-speech") || selection() ||
        event.target.closest("a, button, input, label, select, textarea, summary, [tabindex]")) return;
    var list = passages();
    var start = list.findIndex(function (passage) { return passage.element.contains(event.target); });
    if (start >= 0) read(list.slice(start));
  });

  // ---- Dates and numbers as the site writes them, in words a zh-CN voice reads right: 2021年 as
  // 二零二一年 (not 两千零二十一年), 12345 and telephone numbers digit by digit (幺二三四五), 56场 as
  // 五十六场, 9—11月 as 九至十一月, 9:30 as 九点三十分, 90% as 百分之九十, 1.5 as 一点五.
  var DIGIT = "零一二三四五六七八九";
  var COUNTED = "万亿余多人户家个项场次元件名位座条处所台辆套间米亩吨天周岁";
  function digits(text, phone) {
    return text.replace(/\d/g, function (d) { return phone && d === "1" ? "幺" : DIGIT[d]; });
  }
  function group(text) {  // up to four digits: 1005 → 一千零五
    var words = "", zero = false;
    for (var i = 0; i < text.length; i++) {
      var d = +text[i];
      if (!d) { zero = words !== ""; continue; }
      words += (zero ? "零" : "") + DIGIT[d] + ["", "十", "百", "千"][text.length - 1 - i];
      zero = false;
    }
    return words;
  }
  function cardinal(text) {  // up to eight digits: 10050 → 一万零五十, 15 → 十五
    text = text.replace(/^0+(?=\d)/, "");
    if (text.length > 8) return digits(text);
    var high = text.slice(0, -4), low = text.slice(-4);
    var words = high ? group(high) + "万" : "";
    if (words && low[0] === "0" && group(low)) words += "零";
    return ((words + group(low)) || "零").replace(/^一十/, "十");
  }
  var SPOKEN = [
    [/(\d),(?=\d{3}(?!\d))/g, "$1"],                                               // 1,200 → 1200
    [/(\d{4})-(\d{1,2})-(\d{1,2})/g, function (_, y, m, d) { return y + "年" + +m + "月" + +d + "日"; }],
    [/(?<![\d.])\d{4}(?=年)|(?<=[〔［\[（(])\d{4}(?=[〕］\]）)])/g, function (year) { return digits(year); }],
    [new RegExp("(?<![\\d.])(0\\d{2,3}-)?(\\d{5,})(?![\\d.]|[" + COUNTED + "])", "g"), function (_, area, number) {
      return (area ? digits(area.slice(0, -1), true) + "，" : "") + digits(number, true);
    }],
    [/(\d)\s*[—–~～-]\s*(?=\d)/g, "$1至"],                                           // 9—11月 → 9至11月
    [/(\d{1,2}):(\d{2})/g, function (_, h, m) {
      return cardinal(h) + "点" + (m === "00" ? "" : (m[0] === "0" ? "零" : "") + cardinal(m) + "分");
    }],
    [/(\d+(?:\.\d+)?)\s*[%％]/g, "百分之$1"],
    [/≥/g, "大于等于"], [/≤/g, "小于等于"],
    [/(\d+)(?:\.(\d+))?/g, function (number, whole, fraction, offset, text) {
      var counted = !fraction && whole === "2" && text[offset - 1] !== "第" && /[个项场次人户家名位件条处所座台]/.test(text[offset + 1] || "");
      return counted ? "两" : cardinal(whole) + (fraction ? "点" + digits(fraction) : "");
    }],
  ];
  function speakable(text) {
    return SPOKEN.reduce(function (spoken, rule) { return spoken.replace(rule[0], rule[1]); }, text);
  }

  document.querySelectorAll("[data-cc-care-hint]").forEach(function (hint) { hint.hidden = false; });
  toggle.hidden = false;
  show(load());
})();
