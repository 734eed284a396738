/*
 * Interactive charts. Each chart is written into the page as
 *   <div class="kpi-chart" data-spec="{Vega-Lite JSON}"><div class="kpi-chart__static"><svg…></div></div>
 * The static SVG shows without JavaScript and prints; here it is swapped for a vega-embed view
 * with tooltips. vega-bundle.js (written at build time, beside this file, ~0.9 MB) is loaded only
 * when a page has a chart: a page without one never requests it.
 *
 * Material's instant navigation swaps page content without reloading scripts, so rendering is
 * hooked on its document$ observable, which fires for the first page and for every page after it.
 */
(function () {
  "use strict";

  var views = [];
  // The bundle sits beside this file; read its address now (currentScript is only set while loading).
  var BUNDLE_URL = document.currentScript
    ? document.currentScript.src.replace(/charts\.js(\?.*)?$/, "vega-bundle.js")
    : null;
  var bundle = null; // a Promise once the bundle is requested: one request, however many pages

  function loadBundle() {
    if (typeof vegaEmbed !== "undefined") {
      return Promise.resolve();
    }
    if (bundle === null) {
      bundle = new Promise(function (resolve, reject) {
        if (BUNDLE_URL === null) {
          reject(new Error("the address of vega-bundle.js is unknown"));
          return;
        }
        var script = document.createElement("script");
        script.src = BUNDLE_URL;
        script.onload = function () {
          resolve();
        };
        script.onerror = function () {
          bundle = null; // a later page may try again
          reject(new Error("vega-bundle.js did not load"));
        };
        document.head.appendChild(script);
      });
    }
    return bundle;
  }

  // Specs carry their data inline: any attempt to load something is refused, never fetched.
  // (A Loader is an object with these four methods; vega's own loader is not needed.)
  function refuse(what) {
    return Promise.reject(new Error("kpi-chart: refused to load " + what));
  }
  var offlineLoader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

  // Vega's tooltip puts its text in with innerHTML after passing it through `sanitize`; names from
  // definitions (teams, segments) reach it, so every character that could start markup is escaped
  // here rather than trusting the bundle's default.
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function asText(value) {
    return String(value).replace(/[&<>"']/g, function (char) {
      return ESCAPES[char];
    });
  }
  // ast: Vega evaluates expressions with its interpreter instead of compiling them with Function(),
  // which the site's Content-Security-Policy (no 'unsafe-eval') refuses.
  var EMBED_OPTIONS = {
    actions: false,
    renderer: "svg",
    loader: offlineLoader,
    ast: true,
    tooltip: { sanitize: asText },
  };

  // --- Responsive by design -------------------------------------------------------------------
  // The page writes each chart at a fixed width for its static SVG, which the browser shrinks
  // through its viewBox, text and all (5-6 px labels on a phone). The interactive view instead
  // takes its container's width, so axis labels keep their configured size (11 px and up) at
  // any screen width; the height stays as written.
  var MIN_TARGET_PX = 24; // a fingertip: WCAG 2.2 target size (minimum)
  var POINT_MARKS = { point: true, circle: true, square: true };
  var COMPOSED = ["facet", "hconcat", "vconcat", "concat", "repeat"];

  function fitToContainer(spec) {
    var composed = COMPOSED.some(function (key) {
      return key in spec;
    });
    if (!composed && spec.width !== undefined) {
      spec.width = "container";
      spec.autosize = { type: "fit-x", contains: "padding" };
    }
    widenTargets(spec);
    return spec;
  }

  // Points of 50-70 px² are 8-9 px across: too small to tap. A transparent stroke widens what
  // the pointer can hit to 24 px without changing what the eye sees.
  function widenTargets(unit) {
    (unit.layer || []).forEach(widenTargets);
    var mark = unit.mark;
    if (mark && typeof mark === "object" && POINT_MARKS[mark.type]) {
      var diameter = 2 * Math.sqrt((mark.size || 30) / Math.PI);
      mark.stroke = "transparent";
      mark.strokeWidth = Math.ceil(Math.max(0, MIN_TARGET_PX - diameter));
    }
  }

  // A touch screen has no hover: a tap on a mark shows its tooltip, a tap anywhere else in the
  // chart hides it (vega's handler follows the pointer moving over marks, which a tap never does).
  function tooltipOnTap(view) {
    var show = view.tooltip();
    if (typeof show !== "function") {
      return;
    }
    view.addEventListener("pointerup", function (event, item) {
      if (event.pointerType !== "mouse") {
        var value = item && item.tooltip != null ? item.tooltip : null;
        show(view, event, item, value);
      }
    });
  }

  // Views of pages left behind by instant navigation still hold listeners: release them.
  function finalizeDetached() {
    views = views.filter(function (entry) {
      if (entry.node.isConnected) {
        return true;
      }
      entry.view.finalize();
      return false;
    });
  }

  function render(node) {
    if (node.dataset.rendered) {
      return;
    }
    node.dataset.rendered = "pending";
    var spec;
    try {
      spec = fitToContainer(JSON.parse(node.getAttribute("data-spec")));
    } catch (error) {
      node.dataset.rendered = "failed";
      console.error("kpi-chart: unreadable spec", error);
      return;
    }
    var target = document.createElement("div");
    target.className = "kpi-chart__view";
    node.appendChild(target);
    vegaEmbed(target, spec, EMBED_OPTIONS)
      .then(function (result) {
        var fallback = node.querySelector(".kpi-chart__static");
        if (fallback) {
          fallback.remove();
        }
        tooltipOnTap(result.view);
        node.dataset.rendered = "true";
        views.push({ node: node, view: result.view });
      })
      .catch(function (error) {
        // Keep the static SVG: the page still shows the chart, without tooltips.
        target.remove();
        node.dataset.rendered = "failed";
        console.error("kpi-chart: could not render", error);
      });
  }

  function renderAll() {
    finalizeDetached();
    var nodes = document.querySelectorAll(".kpi-chart[data-spec]");
    if (nodes.length === 0) {
      return;
    }
    loadBundle().then(
      function () {
        // Instant navigation may have replaced the page meanwhile: draw what is in it now.
        document.querySelectorAll(".kpi-chart[data-spec]").forEach(render);
      },
      function (error) {
        console.error("kpi-chart: " + error.message + "; charts stay static");
      }
    );
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(renderAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
