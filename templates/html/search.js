// Search of the agenda site, with no server: search-index.js (loaded before this
// script) sets window.agendaSearch to every public document's text, paragraph by
// paragraph; this script finds the paragraphs holding every word of the query.
(function () {
  "use strict";
  var MAX_RESULTS = 50;
  var SNIPPET_CHARS = 200;
  var index = window.agendaSearch;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) {
    return;
  }
  form.hidden = false;

  // Lower case without accents, so "cafe" finds "café".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // Folded text of each paragraph, computed once.
  var folded = index ? index.blocks.map(function (b) { return fold(b[2]); }) : [];
  var foldedTitles = index ? index.pages.map(function (p) { return fold(p.title); }) : [];

  function search(query) {
    var terms = words(query);
    if (terms.length === 0) {
      return { terms: terms, hits: [] };
    }
    // A term matches the start of a word.
    var patterns = terms.map(function (t) {
      return new RegExp("(^|[^\\p{L}\\p{N}])" + escapeRegExp(t), "gu");
    });
    var hits = [];
    // A page whose title alone holds the words is listed once, not once a paragraph.
    var titleOnly = {};
    index.blocks.forEach(function (block, i) {
      var text = folded[i];
      var title = foldedTitles[block[0]];
      var score = 0;
      var textScore = 0;
      for (var k = 0; k < patterns.length; k++) {
        var inText = (text.match(patterns[k]) || []).length;
        var inTitle = (title.match(patterns[k]) || []).length;
        if (inText + inTitle === 0) {
          return;
        }
        score += inText + 2 * inTitle;
        textScore += inText;
      }
      if (textScore === 0) {
        if (titleOnly[block[0]]) {
          return;
        }
        titleOnly[block[0]] = true;
      }
      hits.push({ block: i, score: score });
    });
    // Best first; ties in index order, which lists the newest meetings first.
    hits.sort(function (a, b) { return b.score - a.score || a.block - b.block; });
    return { terms: terms, hits: hits };
  }

  // A window of the paragraph around the first term found, with the terms marked.
  function snippet(text, terms, into) {
    var foldedText = fold(text);
    var first = -1;
    terms.forEach(function (t) {
      var at = foldedText.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) { first = at; }
    });
    var start = Math.max(0, first - SNIPPET_CHARS / 4);
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (start > 0) { into.appendChild(document.createTextNode("… ")); }
    var piece = text.slice(start, end);
    var foldedPiece = fold(piece);
    // fold() keeps lengths for the Latin letters it meets, so positions line up.
    var marks = [];
    terms.forEach(function (t) {
      var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + escapeRegExp(t) + ")", "gu");
      var m;
      while ((m = re.exec(foldedPiece)) !== null) {
        marks.push([m.index + m[1].length, m.index + m[1].length + t.length]);
        if (m[0].length === 0) { re.lastIndex++; }
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    var sameLength = foldedPiece.length === piece.length;
    marks.forEach(function (mark) {
      if (!sameLength || mark[0] < at) { return; }
      into.appendChild(document.createTextNode(piece.slice(at, mark[0])));
      var strong = document.createElement("mark");
      strong.textContent = piece.slice(mark[0], mark[1]);
      into.appendChild(strong);
      at = mark[1];
    });
    into.appendChild(document.createTextNode(piece.slice(at)));
    if (end < text.length) { into.appendChild(document.createTextNode(" …")); }
  }

  function show(query) {
    list.textContent = "";
    if (!index) {
      status.textContent = "The search index could not be loaded.";
      return;
    }
    var found = search(query);
    if (found.terms.length === 0) {
      status.textContent = "Enter words to search for.";
      return;
    }
    var total = found.hits.length;
    var shown = found.hits.slice(0, MAX_RESULTS);
    shown.forEach(function (hit) {
      var block = index.blocks[hit.block];
      var page = index.pages[block[0]];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url + (block[1] ? "#" + block[1] : "");
      link.textContent = page.title;
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      var meeting = document.createElement("p");
      meeting.className = "search-meeting";
      meeting.textContent = page.meeting;
      item.appendChild(meeting);
      var text = document.createElement("p");
      text.className = "search-snippet";
      snippet(block[2], found.terms, text);
      item.appendChild(text);
      list.appendChild(item);
    });
    var said = total === 1 ? "1 result" : total + " results";
    if (total > MAX_RESULTS) {
      said += ", the first " + MAX_RESULTS + " shown";
    }
    status.textContent = said + " for \u201c" + query.trim() + "\u201d.";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value;
    // Keep the query in the address, so the results can be bookmarked and
    // the back button returns to them.
    if (window.history && window.history.replaceState) {
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(query));
      } catch (e) {
        // Some browsers refuse history changes on file:// pages.
      }
    }
    show(query);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();
