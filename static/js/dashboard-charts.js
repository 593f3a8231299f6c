/* Charts of the dashboard pages (Chart.js from static/vendor). CSP forbids inline scripts, so
 * every <canvas data-chart="…" data-source="id"> reads its data from the <script
 * type="application/json" id="id"> that Django's json_script wrote. Tooltips show the
 * server-formatted figures (Rp1.250.000.000, 88,46 %) so they read exactly like the tables;
 * legend and axis texts (d.series) come translated from the server too. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }

  var BRAND = "#0b4f8a", ORANGE = "#d97706", GREEN = "#1f7a3a";
  var Chart = window.Chart;
  Chart.defaults.font.family = 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = false; // calmer on slow machines, and screenshots are stable

  function data(canvas) {
    var el = document.getElementById(canvas.dataset.source);
    return el ? JSON.parse(el.textContent) : null;
  }

  function tooltip(texts) {
    return { callbacks: { label: function (ctx) {
      var t = texts[ctx.datasetIndex];
      return ctx.dataset.label + ": " + (t ? t[ctx.dataIndex] : ctx.formattedValue);
    } } };
  }

  var builders = {
    trend: function (d) {
      return {
        data: { labels: d.labels, datasets: [
          { type: "bar", label: d.series.pagu, data: d.pagu, backgroundColor: "rgba(11,79,138,.25)",
            borderColor: BRAND, borderWidth: 1, yAxisID: "pagu", order: 3 },
          { type: "line", label: d.series.absorption, data: d.absorption, borderColor: GREEN,
            backgroundColor: GREEN, yAxisID: "pct", spanGaps: true, order: 1 },
          { type: "line", label: d.series.meanKabkota, data: d.meanKabkota, borderColor: ORANGE,
            backgroundColor: ORANGE, borderDash: [6, 4], yAxisID: "pct", spanGaps: true, order: 2 }
        ] },
        options: {
          scales: {
            pagu: { position: "left", beginAtZero: true, title: { display: true, text: d.series.paguAxis } },
            pct: { position: "right", beginAtZero: true, suggestedMax: 100, grid: { drawOnChartArea: false },
                   ticks: { callback: function (v) { return v + " %"; } } }
          },
          plugins: { tooltip: tooltip([d.paguText, d.absorptionText, d.meanKabkotaText]) }
        }
      };
    },
    bars: function (d) {
      return {
        type: "bar",
        data: { labels: d.labels, datasets: [
          { label: d.series.absorption, data: d.absorption, backgroundColor: BRAND }
        ] },
        options: {
          indexAxis: "y",
          scales: { x: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } },
                    y: { ticks: { autoSkip: false, font: { size: 11 } } } },
          plugins: { legend: { display: false }, tooltip: tooltip([d.absorptionText]) }
        }
      };
    },
    scurve: function (d) {
      // Kurva S (issue 18): planned lines dashed, actual lines solid; gaps where there is no figure.
      return {
        type: "line",
        data: { labels: d.labels, datasets: [
          { label: d.series.plannedPhysical, data: d.plannedPhysical, borderColor: GREEN, backgroundColor: GREEN, borderDash: [6, 4], spanGaps: true },
          { label: d.series.actualPhysical, data: d.actualPhysical, borderColor: GREEN, backgroundColor: GREEN, borderWidth: 3 },
          { label: d.series.plannedFinancial, data: d.plannedFinancial, borderColor: BRAND, backgroundColor: BRAND, borderDash: [6, 4], spanGaps: true },
          { label: d.series.actualFinancial, data: d.actualFinancial, borderColor: BRAND, backgroundColor: BRAND, borderWidth: 3 }
        ] },
        options: {
          scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } } },
          plugins: { tooltip: tooltip([d.plannedPhysicalText, d.actualPhysicalText, d.plannedFinancialText, d.actualFinancialText]) }
        }
      };
    },
    quarters: function (d) {
      return {
        type: "line",
        data: { labels: d.labels, datasets: [
          { label: d.series.absorption, data: d.absorption, borderColor: BRAND, backgroundColor: BRAND },
          { label: d.series.physical, data: d.physical, borderColor: GREEN, backgroundColor: GREEN, borderDash: [6, 4] }
        ] },
        options: {
          scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } } },
          plugins: { tooltip: tooltip([d.absorptionText, d.physicalText]) }
        }
      };
    }
  };

  function draw(canvas) {
    var d = data(canvas), build = builders[canvas.dataset.chart];
    if (!d || !build) { return; }
    var config = build(d);
    if (!config.type) { config.type = "bar"; }
    if (canvas.dataset.chart === "bars") {
      // One bar per area: give the canvas room so 38 provinces stay legible.
      canvas.parentNode.style.height = Math.max(220, d.labels.length * 22 + 60) + "px";
    }
    canvas.chart = new Chart(canvas, config);
    canvas.dataset.ready = "1";
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
    document.documentElement.dataset.chartsReady = "1";
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
