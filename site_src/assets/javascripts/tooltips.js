/*
 * Tooltips for the page's titled elements (the glossary's <abbr title>, titled links), always as text.
 *
 * Material's own tooltips (its `content.tooltips` feature) put an element's `title` into the tooltip
 * with innerHTML: a glossary definition or a KPI name holding `<img src=x onerror=…>` — escaped, and
 * harmless, in the page — would come alive the moment a reader hovers it. That feature stays off
 * (mkdocs.yml), and this file shows the same tooltip, with Material's classes so it looks the same,
 * but sets the text with textContent: the reader sees exactly the characters of the definition.
 *
 * One listener on the document serves every page, including those swapped in by instant navigation.
 */
(function () {
  "use strict";

  var HOSTS = ".md-content [title], .md-sidebar--secondary abbr[title]";
  var SHOWN = "data-kpi-title"; // where the title waits while its tooltip shows
  var host = null;
  var tip = null;

  function hostOf(target) {
    if (!(target instanceof Element)) {
      return null;
    }
    var shown = target.closest("[" + SHOWN + "]");
    if (shown) {
      return shown;
    }
    var titled = target.closest("[title]");
    return titled && titled.matches(HOSTS) && titled.getAttribute("title") ? titled : null;
  }

  function place(el, node) {
    var box = el.getBoundingClientRect();
    node.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    node.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    node.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    node.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    node.style.setProperty("--md-tooltip-tail", "0px");
    var inner = node.firstChild;
    node.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
  }

  function show(el) {
    if (el === host) {
      return;
    }
    hide();
    var text = el.getAttribute("title");
    host = el;
    el.setAttribute(SHOWN, text);
    el.removeAttribute("title"); // no second, native tooltip on top of this one
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom";
    tip.id = "__kpi_tooltip";
    tip.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = text; // text, never markup
    tip.appendChild(inner);
    document.body.appendChild(tip);
    place(el, tip);
    el.setAttribute("aria-describedby", tip.id);
    var shown = tip;
    window.requestAnimationFrame(function () {
      shown.classList.add("md-tooltip2--active");
    });
  }

  function hide() {
    if (host === null) {
      return;
    }
    host.setAttribute("title", host.getAttribute(SHOWN));
    host.removeAttribute(SHOWN);
    host.removeAttribute("aria-describedby");
    tip.remove();
    host = null;
    tip = null;
  }

  function enter(event) {
    var el = hostOf(event.target);
    if (el) {
      show(el);
    }
  }

  function leave(event) {
    if (host !== null && !(event.relatedTarget instanceof Node && host.contains(event.relatedTarget))) {
      hide();
    }
  }

  document.addEventListener("mouseover", enter);
  document.addEventListener("focusin", enter);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  // Instant navigation replaces the content under a shown tooltip: drop it with its host.
  if (typeof document$ !== "undefined") {
    document$.subscribe(hide);
  }
})();
