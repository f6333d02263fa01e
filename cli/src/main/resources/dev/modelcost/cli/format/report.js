// Draws the report's charts as inline SVG from the JSON embedded in the page. No network, no libraries.
// The page records the outcome on <html data-charts="...">: "drawn N" when every chart is drawn, "error: ..."
// otherwise, so a headless browser can check it.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var root = document.documentElement;
  window.addEventListener("error", function (e) { root.setAttribute("data-charts", "error: " + e.message); });

  function el(tag, attrs, parent, text) {
    var n = document.createElementNS(NS, tag);
    for (var k in attrs) { n.setAttribute(k, attrs[k]); }
    if (text !== undefined) { n.textContent = text; }
    if (parent) { parent.appendChild(n); }
    return n;
  }

  function svgIn(id, width, height) {
    var holder = document.getElementById(id);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "data-chart": id }, holder);
    return svg;
  }

  // Tick labels only: the figures themselves come from modelcost. Decimal units, as the report's "MB" columns.
  var UNITS = ["B", "kB", "MB", "GB", "TB", "PB"];
  function bytesLabel(v) {
    var u = 0;
    while (v >= 1000 && u < UNITS.length - 1) { v /= 1000; u++; }
    return (v >= 100 || u === 0 ? Math.round(v) : v.toFixed(v >= 10 ? 1 : 2).replace(/\.?0+$/, "")) + " " + UNITS[u];
  }

  // A round step (1, 2 or 5 times a power of ten) that cuts [0, max] into about `parts` intervals.
  function niceStep(max, parts) {
    var raw = max / parts, p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
  }

  // Places a label at x (start-anchored), moved left as far as needed to stay inside [left, right].
  function clampedText(svg, x, y, left, right, cls, text) {
    var t = el("text", { x: x, y: y, "class": cls }, svg, text);
    var len = t.getComputedTextLength ? t.getComputedTextLength() : text.length * 6;
    t.setAttribute("x", Math.max(left, Math.min(x, right - len)).toFixed(2));
    return t;
  }

  function memoryChart(m) {
    var W = 640, H = 280, L = 62, R = 12, T = 30, B = 42;
    var svg = svgIn("chart-memory", W, H);
    var ys = m.bytes, n = ys.length, max = 0, i;
    for (i = 0; i < n; i++) { if (ys[i] > max) { max = ys[i]; } }
    if (n === 0 || max === 0) { el("text", { x: L, y: T }, svg, "no activation memory to chart"); return; }
    var step = niceStep(max, 4), top = Math.ceil(max / step) * step;
    var x = function (k) { return L + (W - L - R) * (n === 1 ? 0.5 : k / (n - 1)); };
    var y = function (v) { return H - B - (H - T - B) * v / top; };
    for (var v = 0; v <= top + step / 2; v += step) {
      el("line", { x1: L, y1: y(v), x2: W - R, y2: y(v), "class": v === 0 ? "axis" : "grid" }, svg);
      el("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "class": "tick" }, svg, bytesLabel(v));
    }
    el("line", { x1: L, y1: T, x2: L, y2: H - B, "class": "axis" }, svg);
    el("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", "class": "axis-title",
                 transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" }, svg, "live bytes");
    var d = "M" + x(0) + " " + y(0);
    for (i = 0; i < n; i++) { d += " L" + x(i).toFixed(2) + " " + y(ys[i]).toFixed(2); }
    d += " L" + x(n - 1) + " " + y(0) + " Z";
    el("path", { d: d, "class": "area" }, svg);
    var xStep = n <= 1 ? 1 : Math.max(1, niceStep(n - 1, 5));
    for (var k = 0; k < n; k += xStep) {
      el("line", { x1: x(k), y1: H - B, x2: x(k), y2: H - B + 4, "class": "axis" }, svg);
      el("text", { x: x(k), y: H - B + 15, "text-anchor": "middle", "class": "tick" }, svg, String(k));
    }
    el("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "class": "axis-title" }, svg,
       "schedule step (0 = " + m.firstLabel + "; hover for the node)");
    var px = x(m.peakIndex), py = y(ys[m.peakIndex]);
    el("circle", { cx: px, cy: py, r: 5, "class": "peak", "data-peak": m.peakIndex }, svg);
    el("line", { x1: px, y1: py, x2: px, y2: H - B, stroke: "#c8321e", "stroke-dasharray": "3 3" }, svg);
    // Hover: the step under the pointer, its node and its live bytes (labels written by modelcost).
    var cursor = el("line", { x1: 0, y1: T, x2: 0, y2: H - B, stroke: "#5a6375", visibility: "hidden" }, svg);
    var readout = el("text", { x: W - R, y: T + 12, "text-anchor": "end", "class": "readout" }, svg, "");
    svg.addEventListener("mousemove", function (ev) {
      var box = svg.getBoundingClientRect();
      var vx = (ev.clientX - box.left) * W / box.width;
      var k = Math.max(0, Math.min(n - 1, Math.round((vx - L) / (W - L - R) * (n - 1))));
      cursor.setAttribute("x1", x(k));
      cursor.setAttribute("x2", x(k));
      cursor.setAttribute("visibility", "visible");
      readout.textContent = m.steps[k];
    });
    svg.addEventListener("mouseleave", function () {
      cursor.setAttribute("visibility", "hidden");
      readout.textContent = "";
    });
    clampedText(svg, px - 40, T - 12, 2, W - 2, "peak-label", m.peakLabel);
  }

  function paramChart(p) {
    var n = p.names.length, row = 18, W = 640, labelW = 230, valueW = 110, T = 4;
    var H = Math.max(40, T + n * row + 4);
    var svg = svgIn("chart-params", W, H);
    if (n === 0) { el("text", { x: 0, y: 20 }, svg, "no parameters"); return; }
    var max = 0, i;
    for (i = 0; i < n; i++) { if (p.values[i] > max) { max = p.values[i]; } }
    for (i = 0; i < n; i++) {
      var yy = T + i * row;
      var w = max === 0 ? 0 : (W - labelW - valueW) * p.values[i] / max;
      var name = p.names[i].length > 34 ? "\u2026" + p.names[i].slice(-33) : p.names[i]; // the end of a path names the layer
      var label = el("text", { x: labelW - 6, y: yy + 12, "text-anchor": "end" }, svg, name);
      el("title", {}, label, p.names[i]);
      var bar = el("rect", { x: labelW, y: yy + 2, width: Math.max(w, 0.5).toFixed(2), height: row - 5, "class": "bar" }, svg);
      el("title", {}, bar, p.names[i] + " (" + p.ops[i] + "): " + p.labels[i]);
      el("text", { x: labelW + w + 4, y: yy + 12 }, svg, p.labels[i]);
    }
  }

  var COLORS = ["#2b5fad", "#e0902c", "#3a9a5b", "#c8321e", "#7b4fb0", "#8a8f99", "#1f9aa6", "#b5b5b5"];

  function ledgerChart(g) {
    var W = 640, H = 70, L = 0, R = 0;
    var svg = svgIn("chart-ledger", W, H);
    var total = 0, i;
    for (i = 0; i < g.bytes.length; i++) { total += g.bytes[i]; }
    var legend = document.getElementById("ledger-legend");
    if (total === 0) { el("text", { x: 0, y: 20 }, svg, "empty file"); return; }
    var at = L;
    for (i = 0; i < g.bytes.length; i++) {
      var w = (W - L - R) * g.bytes[i] / total;
      var seg = el("rect", { x: at.toFixed(2), y: 8, width: Math.max(w, 0.5).toFixed(2), height: 40,
                             fill: COLORS[i % COLORS.length], "data-category": g.categories[i] }, svg);
      el("title", {}, seg, g.categories[i] + ": " + g.labels[i]);
      var item = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = COLORS[i % COLORS.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(g.categories[i] + " " + g.labels[i]));
      legend.appendChild(item);
      at += w;
    }
    el("text", { x: 0, y: 64 }, svg, g.totalLabel);
  }

  try {
    var data = JSON.parse(document.getElementById("report-data").textContent);
    memoryChart(data.memory);
    paramChart(data.params);
    ledgerChart(data.ledger);
    root.setAttribute("data-charts", "drawn " + document.querySelectorAll("svg[data-chart]").length);
  } catch (e) {
    root.setAttribute("data-charts", "error: " + e.message);
    throw e;
  }
})();
