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
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY (integrations/search/worker/message)
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

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = { type: QUERY, data: segment(message.data) };
    }
    return post.apply(this, args);
  };
})();
