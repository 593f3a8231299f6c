/* A wide table scrolls inside its .table-wrap; say so where it does (phones mostly), and drop
   the edge shadow once the reader has scrolled to the end. The hint's text comes from the page
   (body data-scroll-hint), so it is translated with the rest. Panels loaded later by htmx are
   marked after they arrive. */
(function () {
  "use strict";
  var text = document.body.getAttribute("data-scroll-hint") || "";

  function mark(wrap) {
    var table = wrap.querySelector("table");
    if (!table) return;
    var over = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("overflowing", over);
    wrap.classList.toggle("at-end", wrap.scrollLeft + wrap.clientWidth >= wrap.scrollWidth - 1);
    if (over && text && !wrap.querySelector(":scope > .scroll-hint")) {
      var hint = document.createElement("div");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = text;
      wrap.insertBefore(hint, wrap.firstChild);
    }
  }

  /* On a phone a table.stack shows one block per row; each cell is labelled with its
     column's header (cells that carry their own data-label keep it). */
  function label(table) {
    var rows = table.tHead ? table.tHead.rows : [];
    if (!rows.length || table.dataset.labelled) return;
    var heads = [];
    Array.prototype.forEach.call(rows[rows.length - 1].cells, function (th) {
      for (var i = 0; i < (th.colSpan || 1); i++) heads.push(th.textContent.trim());
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (tr) {
        var col = 0;
        Array.prototype.forEach.call(tr.cells, function (td) {
          if (!td.hasAttribute("data-label") && tr.cells.length > 1) {
            td.setAttribute("data-label", heads[col] || "");
          }
          col += td.colSpan || 1;
        });
      });
    });
    table.dataset.labelled = "1";
  }

  /* A long select (data-searchable) gets a filter box: typing a code or part of a name keeps
     only the matching options (the chosen one always stays). */
  function searchable(select) {
    if (select.dataset.filterReady) return;
    select.dataset.filterReady = "1";
    var all = Array.prototype.slice.call(select.options);
    var box = document.createElement("input");
    box.type = "search";
    box.className = "select-filter";
    box.placeholder = document.body.getAttribute("data-filter-hint") || "";
    box.setAttribute("aria-label", box.placeholder);
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = select.value;
      while (select.options.length) select.remove(0);
      all.forEach(function (option) {
        var text = option.textContent.toLowerCase();
        var keep = !option.value || option.value === chosen ||
          words.every(function (w) { return text.indexOf(w) !== -1; });
        if (keep) select.add(option);
      });
      select.value = chosen;
      var first = all.filter(function (o) { return o.value && select.contains(o); });
      if (first.length === 1 && words.length) select.value = first[0].value;
    });
  }

  function markAll() {
    document.querySelectorAll("select[data-searchable]").forEach(searchable);
    document.querySelectorAll("table.stack").forEach(label);
    document.querySelectorAll(".table-wrap").forEach(mark);
  }

  document.addEventListener("scroll", function (event) {
    var el = event.target;
    if (el && el.classList && el.classList.contains("table-wrap")) mark(el);
  }, true);
  window.addEventListener("resize", markAll);
  document.addEventListener("htmx:afterSettle", markAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markAll);
  } else {
    markAll();
  }
})();
