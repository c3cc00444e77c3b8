// The site's search, in place of Material's worker (which downloads the whole index on every page's first
// load). It speaks Material's worker messages (SETUP 0, READY 1, QUERY 2, RESULT 3), so Material's search
// box and result list stay as they are; it fetches nothing until a query comes, and then only the buckets
// of the query's characters and the pages it lists (features/search/index.py writes them).
"use strict";

var READY = 1, QUERY = 2, RESULT = 3;
var LISTED = 12;      // pages a result lists
var EXAMINED = 36;    // pages fetched at most to find them, LISTED at a time
var SECTIONS = 3;     // a page's matching sections shown open; the others folded under it
var MAX_GRAMS = 8;    // pairs of a term looked up (spread over it): enough to pick the candidates
var RUN = /[\p{L}\p{N}]+/gu;
var root = new URL("../../", self.location.href);  // this file is at assets/js/
var files = {};

function fetchJSON(path) {
  if (!files[path]) {
    files[path] = fetch(new URL(path, root)).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    });
    files[path].catch(function () { delete files[path]; });  // fetch again next time
  }
  return files[path];
}

function bucket(gram, buckets) {  // FNV-1a over code points, as index.py
  var value = 0x811c9dc5;
  for (var char of gram) value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0;
  return value % buckets;
}

function termsOf(query) {
  var seen = {};
  return (query.toLowerCase().match(RUN) || []).filter(function (term) {
    return seen[term] ? false : (seen[term] = true);
  });
}

function gramsOf(term) {
  var chars = Array.from(term);
  if (chars.length === 1) return chars;
  var pairs = [];
  for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
  if (pairs.length <= MAX_GRAMS) return pairs;
  var step = (pairs.length - 1) / (MAX_GRAMS - 1), spread = [];
  for (var k = 0; k < MAX_GRAMS; k++) spread.push(pairs[Math.round(k * step)]);
  return spread;
}

function postings(numbers) {  // page -> weight, from (page - previous page) * 64 + weight
  var found = new Map(), page = -1;
  for (var i = 0; i < numbers.length; i++) {
    page += Math.floor(numbers[i] / 64);
    found.set(page, numbers[i] % 64);
  }
  return found;
}

// Candidate pages of each term: every page that holds all its grams, weighed by its rarest gram.
function candidates(manifest, terms) {
  var lookups = terms.map(function (term) {
    return Promise.all(gramsOf(term).map(function (gram) {
      return fetchJSON("search/grams/" + bucket(gram, manifest.buckets) + ".json").then(function (shard) {
        return shard[gram] ? postings(shard[gram]) : new Map();
      });
    })).then(function (lists) {
      lists.sort(function (a, b) { return a.size - b.size; });
      var pages = new Map();
      lists[0].forEach(function (weight, page) {
        for (var i = 1; i < lists.length; i++) {
          if (!lists[i].has(page)) return;
          weight = Math.min(weight, lists[i].get(page));
        }
        pages.set(page, weight);
      });
      return pages;
    });
  });
  return Promise.all(lookups).then(function (perTerm) {
    var scores = new Map();
    perTerm.forEach(function (pages) {
      pages.forEach(function (weight, page) {
        var score = scores.get(page) || { page: page, terms: 0, weight: 0 };
        score.terms += 1;
        score.weight += weight;
        scores.set(page, score);
      });
    });
    return Array.from(scores.values()).sort(byRank);
  });
}

function byRank(a, b) {
  return b.terms - a.terms || b.weight - a.weight || a.page - b.page;
}

function escapeHTML(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function highlight(text, terms) {
  var lower = text.toLowerCase(), marks = [];
  terms.forEach(function (term) {
    for (var at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length)) marks.push([at, at + term.length]);
  });
  marks.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", done = 0;
  marks.forEach(function (mark) {
    if (mark[0] < done) return;
    out += escapeHTML(text.slice(done, mark[0])) + "<mark>" + escapeHTML(text.slice(mark[0], mark[1])) + "</mark>";
    done = mark[1];
  });
  return out + escapeHTML(text.slice(done));
}

function snippet(text, terms) {  // about 120 characters around the first match
  var lower = text.toLowerCase(), first = -1;
  terms.forEach(function (term) {
    var at = lower.indexOf(term);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  });
  if (first < 0) return "";
  var start = Math.max(0, first - 30), end = Math.min(text.length, start + 120);
  return (start ? "…" : "") + highlight(text.slice(start, end), terms) + (end < text.length ? "…" : "");
}

// Material's result for one page: the page, then its sections that hold a term (SearchItem[]).
function resultOf(page, terms, rank) {
  var present = {}, found = 0;
  var title = page.s[0][1];
  terms.forEach(function (term) {
    var there = page.s.some(function (s) { return (s[1] + " " + s[2]).toLowerCase().indexOf(term) >= 0; });
    present[term] = there;
    found += there ? 1 : 0;
  });
  if (!found) return null;
  var score = 1000 - rank, items = [];
  page.s.forEach(function (s, i) {
    var text = snippet(s[2], terms);
    if (i === 0) {
      items.push({ location: page.u, title: highlight(title, terms), text: text, score: score, terms: present });
    } else if (text || snippet(s[1], terms)) {
      items.push({ location: page.u + "#" + s[0], title: highlight(s[1], terms), text: text,
                   score: items.length <= SECTIONS ? score : score - 0.5, terms: present });
    }
  });
  return { items: items, found: found };
}

// A term found nowhere as written (健康讲座, where the page says 健康知识讲座) is looked for in pieces of two
// characters instead, as its words: the pages with most of them first, the missing ones marked by Material.
function pieces(terms) {
  var found = [];
  terms.forEach(function (term) {
    var chars = Array.from(term);
    if (chars.length < 3) return found.push(term);
    for (var i = 0; i < chars.length; i += 2) found.push(chars.slice(Math.min(i, chars.length - 2), i + 2).join(""));
  });
  return found.filter(function (piece, i) { return found.indexOf(piece) === i; });
}

function search(query) {
  var terms = termsOf(query);
  if (!terms.length) return Promise.resolve([]);
  return find(terms).then(function (listed) {
    var split = pieces(terms);
    return listed.length || split.length === terms.length ? listed : find(split);
  });
}

function find(terms) {
  return fetchJSON("search/search_index.json").then(function (manifest) {
    return candidates(manifest, terms);
  }).then(function (ranked) {
    var results = [], examined = 0;
    function more() {  // the next LISTED candidates, until LISTED pages hold the words or EXAMINED were read
      var batch = ranked.slice(examined, examined + LISTED);
      examined += batch.length;
      return Promise.all(batch.map(function (candidate) {
        return fetchJSON("search/pages/" + candidate.page + ".json");
      })).then(function (pages) {
        pages.forEach(function (page, i) {
          var result = resultOf(page, terms, examined - batch.length + i);
          if (result) results.push(result);
        });
        return results.length >= LISTED || examined >= Math.min(EXAMINED, ranked.length) ? results : more();
      });
    }
    return more().then(function () {
      results.sort(function (a, b) { return b.found - a.found; });  // stable: rank within the same count
      var listed = results.slice(0, LISTED).map(function (result) { return result.items; });
      var left = ranked.length - examined + results.length - listed.length;
      if (left > 0) listed.push([{
        location: "search/", title: "还有约 " + left + " 个页面也有这些字",
        text: "这里只列出最相关的 " + LISTED + " 个。多输入几个字，或者换个说法，可以找得更准；也可以按目录查找。",
        score: 0, terms: {}
      }]);
      return listed;
    });
  });
}

var latest = 0;
self.addEventListener("message", function (event) {
  if (event.data.type !== QUERY) return;  // SETUP never comes: the page loads no index for it
  var asked = ++latest;
  search(event.data.data).then(function (items) {
    if (asked === latest) self.postMessage({ type: RESULT, data: { items: items } });
  }, function () {
    if (asked === latest) self.postMessage({ type: RESULT, data: { items: [] } });
  });
});
self.postMessage({ type: READY });
