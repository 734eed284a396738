/*
 * Japanese search queries, segmented like the index.
 *
 * Material builds its search index in a worker with lunr and TinySegmenter, so 「商談化率」 in a
 * page is indexed as 商談 + 化率. The query is not run through TinySegmenter: Material splits kanji
 * runs greedily on tokens found anywhere in the index, so 「商談化率」 became 「商談化*」 (a token of
 * another page) and missed its own page. Here the query is segmented with the same TinySegmenter
 * before Material hands it to the worker: 「商談化率」 → 「商談 化率」.
 *
 * Load order (mkdocs.yml extra_javascript): this file, then assets/javascripts/lunr/tinyseg.js
 * (Material's own copy, which attaches TinySegmenter to window.lunr).
 *
 * A KPI's catalogue names (its name, aliases, English name) are the tags of its page's entry
 * (generator/site/search_catalogue.py). lunr still scores by word pieces: Material splits 「化率」 to
 * 「化」, so 案件化率 scored 営業案件化数 (another KPI's alias) as high as itself. When the query IS a
 * catalogue name (or the start of one: 'MQL to SQL'), that page comes first; the rest keep lunr's order.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY (integrations/search/worker/message)
  var RESULT = 3; // SearchMessageType.RESULT: { items: [[entry, …] per page, best first] }
  var JAPANESE_RUN = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u3400-\u4dbf\u4e00-\u9fff\u3005\u3006\uff66-\uff9f]+/g;
  var segmenter = null;

  window.lunr = window.lunr || {};

  function segment(query) {
    if (segmenter === null && typeof window.lunr.TinySegmenter === "function") {
      segmenter = new window.lunr.TinySegmenter();
    }
    if (segmenter === null) {
      return query;
    }
    return query.replace(JAPANESE_RUN, function (run) {
      return " " + segmenter.segment(run).join(" ") + " ";
    }).replace(/\s+/g, " ").trim();
  }

  // Tags come back as HTML with <mark> around matches; compare their text, written one way.
  var decoder = document.createElement("textarea");
  function plain(html) {
    decoder.innerHTML = String(html).replace(/<[^>]*>/g, "");
    return normal(decoder.value);
  }
  function normal(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // 0: a tag is the query; 1: a tag starts with it; 2: neither.
  function closeness(page, query) {
    var best = 2;
    page.forEach(function (entry) {
      (entry.tags || []).forEach(function (tag) {
        var name = plain(tag);
        best = Math.min(best, name === query ? 0 : name.indexOf(query) === 0 ? 1 : 2);
      });
    });
    return best;
  }

  function catalogueFirst(items, query) {
    if (!Array.isArray(items) || query.length < 2) {
      return items;
    }
    var ranked = items.map(function (page, index) {
      return { page: page, index: index, rank: closeness(page, query) };
    });
    ranked.sort(function (a, b) {
      return a.rank - b.rank || a.index - b.index;
    });
    return ranked.map(function (entry) {
      return entry.page;
    });
  }

  var lastQuery = "";
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      lastQuery = normal(message.data);
      args[0] = { type: QUERY, data: segment(message.data) };
    }
    return post.apply(this, args);
  };

  // Material's bundle (loaded before this file) listens to its worker already: its listener cannot be
  // wrapped any more, so the result is reordered where every listener reads it, MessageEvent's data.
  // Material's result pages are arrays of entries; anything else (Zensical's worker) is left alone.
  var reordered = new WeakSet();
  var dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, "data").get;
  Object.defineProperty(MessageEvent.prototype, "data", {
    configurable: true,
    enumerable: true,
    get: function () {
      var data = dataOf.call(this);
      if (
        this.target instanceof Worker &&
        data && data.type === RESULT && data.data && Array.isArray(data.data.items) &&
        data.data.items.every(Array.isArray) && !reordered.has(data)
      ) {
        reordered.add(data);
        data.data.items = catalogueFirst(data.data.items, lastQuery);
      }
      return data;
    },
  });
})();
