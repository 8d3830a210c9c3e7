/* The explorer, part 4: time and links. The date slider (any month of the span, the agreements
 * as ticks) drives As of; the timeline draws one lane per role and per clause, a bar per version,
 * bounded stretches hatched; the page's state lives in the URL fragment (#asof=…&from=…&to=…),
 * so a copied link reopens the same view. Text only, as in part 1; the lanes and every
 * answer come from the library (graph/explorer/_lanes.py). */
  (function (core) {
    const { data, info, state, ui, el, add, clear, byId, labelOf, explorer, snapshotByKey } = core;
    const T = data.time;
    const months = T.months;  // [month, snapshot key]
    const palette = data.palette;
    const SVG = "http://www.w3.org/2000/svg";
    const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    function monthLabel(month) { return MONTHS[Number(month.slice(5, 7)) - 1] + " " + month.slice(0, 4); }
    function monthIndex(month) {
      for (let i = 0; i < months.length; i++) if (months[i][0] === month) return i;
      return -1;
    }

    // -- any date: the slider ---------------------------------------------------------------------

    const slider = byId("asof"), picker = byId("asof-date"), shown = byId("asof-label");
    slider.max = String(months.length - 1);
    picker.min = T.first;
    picker.max = T.last;
    data.timeline.forEach(function (t) {
      if (!t.date) return;
      const i = monthIndex(t.date.length === 4 ? t.date + "-01" : t.date.slice(0, 7));
      if (i < 0) return;
      const tick = el("option", null, t.label);
      tick.value = String(i);
      tick.label = t.date_label;
      add(byId("asof-ticks"), tick);
    });

    /* As of a month of the span (null: now, every role not superseded). */
    function setMonth(month) {
      const i = month ? monthIndex(month) : -1;
      if (i < 0) { state.asof = null; ui.setTime(null); return false; }
      state.asof = month;
      ui.setTime(months[i][1], monthLabel(month));
      return true;
    }
    function syncSlider() {
      if (state.time && (!state.asof || months[monthIndex(state.asof)][1] !== state.time)) {
        state.asof = state.time.length === 4 ? state.time + "-01" : state.time.slice(0, 7);  // a button chose a snapshot
      }
      if (!state.time) state.asof = null;
      const i = state.asof ? monthIndex(state.asof) : months.length - 1;
      slider.value = String(i);
      picker.value = state.asof || "";
      shown.textContent = state.asof ? monthLabel(state.asof) : "Now";
      slider.setAttribute("aria-valuetext", shown.textContent);
    }
    slider.addEventListener("input", function () { setMonth(months[Number(slider.value)][0]); });
    picker.addEventListener("change", function () { if (picker.value) setMonth(picker.value); });

    // -- the timeline ------------------------------------------------------------------------------

    function svg(tag, attrs, text) {
      const node = document.createElementNS(SVG, tag);
      Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) node.textContent = String(text);
      return node;
    }
    const first = Number(T.first.slice(0, 4)) * 12 + Number(T.first.slice(5, 7)) - 1;
    const span = months.length;  // months drawn
    /* Months from the span's start to the start of a day (``end``: to its end). */
    function at(day, end) {
      const y = Number(day.slice(0, 4)), m = day.length >= 7 ? Number(day.slice(5, 7)) : 1;
      const d = day.length >= 10 ? Number(day.slice(8, 10)) : 1;
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return y * 12 + m - 1 - first + (d - 1 + (end ? 1 : 0)) / days;
    }

    const LABEL = 300, LANE = 24, TOP = 22;
    let drawn = null;  // {x, width, cursor}

    function segments(bar) {
      const s0 = bar.start[0] ? at(bar.start[0]) : 0;
      const s1 = bar.start[1] ? at(bar.start[1], true) : null;
      const e0 = bar.end ? (bar.end[0] ? at(bar.end[0]) : 0) : span;
      const e1 = bar.end ? (bar.end[1] ? at(bar.end[1], true) : span) : span;
      const out = [];
      if (s1 === null) { out.push(["bounded", s0, Math.max(e1, s0)]); return out; }
      if (s1 - s0 > 0.05) out.push(["bounded", s0, s1]);
      if (e0 > s1) out.push(["solid", s1, e0]);
      if (bar.end && e1 - Math.max(e0, s1) > 0.05) out.push(["bounded", Math.max(e0, s1), e1]);
      if (!out.length) out.push(["solid", s0, Math.max(e1, s0 + 0.05)]);
      return out;
    }

    function drawTimeline() {
      const box = clear(byId("timeline"));
      const width = Math.max(box.clientWidth - 24, 760);
      const plot = width - LABEL - 12;
      function x(m) { return LABEL + (m / span) * plot; }
      const rows = [{ head: "Agreements (undated: hatched over the dates they may have)" }];
      data.timeline.forEach(function (t) { rows.push({ agreement: t }); });
      let kind = null;
      T.lanes.forEach(function (lane) {
        if (lane.kind !== kind) { kind = lane.kind; rows.push({ head: kind === "role" ? "Roles" : "Clauses" }); }
        rows.push({ lane: lane });
      });
      const height = TOP + rows.length * LANE + 8;  // TOP: the years
      const root = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
        "aria-label": "Timeline: one lane per role and per clause" });
      const defs = add(svg("defs"));
      Object.keys(palette.versions).forEach(function (s) {
        const p = svg("pattern", { id: "hatch-" + core.cls(s), width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
        add(p, svg("rect", { width: 6, height: 6, fill: palette.paper }), svg("rect", { width: 3, height: 6, fill: palette.versions[s].fill }));
        add(defs, p);
      });
      const hatch = svg("pattern", { id: "hatch-agreement", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
      add(defs, add(hatch, svg("rect", { width: 6, height: 6, fill: palette.paper }), svg("rect", { width: 3, height: 6, fill: palette.versions.unstated.fill })));
      add(root, defs);
      // years
      for (let i = 0; i < span; i++) {
        if (months[i][0].slice(5) !== "01" && i !== 0) continue;
        add(root, svg("line", { x1: x(i), x2: x(i), y1: 14, y2: height, class: "grid" }));
        // the first month's year only when the next January is not a few months away (no overlap)
        if (i === 0 && Number(months[0][0].slice(5, 7)) > 9) continue;
        add(root, svg("text", { x: x(i) + 3, y: 12, class: "year" }, months[i][0].slice(0, 4)));
      }
      rows.forEach(function (row, n) {
        const y = TOP + n * LANE;
        if (row.head) { add(root, svg("text", { x: 4, y: y + 16, class: "lane-head" }, row.head)); return; }
        if (row.agreement) { add(root, agreementLane(row.agreement, x, y)); return; }
        const lane = row.lane;
        const g = svg("g", { class: "lane", "data-lane": lane.id, "data-kind": lane.kind });
        const text = lane.label.length > 46 ? lane.label.slice(0, 45) + "…" : lane.label;
        add(g, add(svg("text", { x: 12, y: y + 16, class: "lane-label" }, text), svg("title", {}, lane.label)));
        lane.bars.forEach(function (bar) {
          const look = palette.versions[bar.status] || palette.versions.unstated;
          const basis = palette.bases[bar.basis] || palette.bases.stated;
          const parts = segments(bar);
          const b = svg("g", { class: "bar basis-" + core.cls(bar.basis), "data-node": bar.node, "data-status": bar.status, tabindex: 0, role: "button" });
          parts.forEach(function (p) {
            add(b, svg("rect", { x: x(p[1]), y: y + 4, width: Math.max(x(p[2]) - x(p[1]), 2), height: LANE - 8,
              class: p[0], fill: p[0] === "solid" ? look.fill : "url(#hatch-" + core.cls(bar.status) + ")" }));
          });
          const from = parts[0][1], to = parts[parts.length - 1][2];
          add(b, svg("rect", { x: x(from), y: y + 4, width: Math.max(x(to) - x(from), 2), height: LANE - 8, class: "outline",
            fill: "none", stroke: basis.stroke, "stroke-dasharray": basis.dash }));
          add(b, svg("title", {}, bar.label + " · " + look.label + " · " + bar.basis + " · from " + range(bar.start) +
            (bar.end ? " to " + range(bar.end) : ", still in force")));
          function open() { ui.select(bar.node, { focus: true }); }
          b.addEventListener("click", open);
          b.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
          add(g, b);
        });
        add(root, g);
      });
      const cursor = svg("rect", { y: 14, height: height - 14, class: "cursor" });
      add(root, cursor);
      add(box, root, legend());
      drawn = { x: x, cursor: cursor };
      moveCursor();
    }

    /* An agreement's lane: a mark at its date, or its possible dates hatched when it is undated. */
    function agreementLane(t, x, y) {
      const g = svg("g", { class: "lane agreement", "data-lane": t.agreement, "data-kind": "agreement" });
      const text = t.label.length > 46 ? t.label.slice(0, 45) + "…" : t.label;
      add(g, add(svg("text", { x: 12, y: y + 16, class: "lane-label" }, text), svg("title", {}, t.label)));
      let mark;
      if (t.date) {
        const a = at(t.earliest || t.date), b = at(t.latest || t.date, true);
        const mid = x((a + b) / 2);
        mark = svg("path", { d: "M" + mid + " " + (y + 4) + " l7 8 l-7 8 l-7 -8 z", class: "tick dated" });
        if (x(b) - x(a) > 6) add(g, svg("rect", { x: x(a), y: y + 10, width: x(b) - x(a), height: 4, class: "tick span" }));
      } else {
        const a = t.earliest ? at(t.earliest) : 0, b = t.latest ? at(t.latest, true) : span;
        mark = svg("rect", { x: x(a), y: y + 6, width: Math.max(x(b) - x(a), 2), height: LANE - 12, class: "tick undated bounded",
          fill: "url(#hatch-agreement)" });
      }
      mark.setAttribute("data-agreement", t.agreement);
      add(mark, svg("title", {}, t.label + " (" + (t.date ? t.date_label : "undated: between " + (t.earliest || "…") + " and " + (t.latest || "…")) + ")"));
      mark.addEventListener("click", function () { ui.select(t.agreement, { focus: true }); });
      add(g, mark);
      return g;
    }

    function range(bounds) {
      if (bounds[0] && bounds[0] === bounds[1]) return bounds[0];
      return "between " + (bounds[0] || "…") + " and " + (bounds[1] || "…");
    }

    function legend() {
      const box = el("div", "timeline-legend");
      Object.keys(palette.versions).forEach(function (s) {
        const mark = el("span", "swatch box");
        mark.style.background = palette.versions[s].fill;
        add(box, add(el("span", "entry"), mark, el("span", null, palette.versions[s].label)));
      });
      add(box, el("span", "entry hatched-note", "hatched: the start or end is known only between two dates"));
      Object.keys(palette.bases).forEach(function (k) {
        const mark = el("span", "swatch box basis-swatch");
        mark.style.borderColor = palette.bases[k].stroke;
        mark.style.borderStyle = palette.bases[k].dash ? "dashed" : "solid";
        add(box, add(el("span", "entry"), mark, el("span", null, "outline: " + palette.bases[k].label)));
      });
      return box;
    }

    function moveCursor() {
      if (!drawn) return;
      const i = state.asof ? monthIndex(state.asof) : -1;
      drawn.cursor.setAttribute("visibility", i < 0 ? "hidden" : "visible");
      if (i >= 0) {
        drawn.cursor.setAttribute("x", String(drawn.x(i)));
        drawn.cursor.setAttribute("width", String(Math.max(drawn.x(i + 1) - drawn.x(i), 2)));
      }
    }

    function setView(view) {
      state.view = view === "timeline" ? "timeline" : "graph";
      byId("timeline").hidden = state.view !== "timeline";
      Array.prototype.forEach.call(document.querySelectorAll(".view-switch button"), function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === state.view));
      });
      if (state.view === "timeline" && !drawn) drawTimeline();
      changed();
    }
    Array.prototype.forEach.call(document.querySelectorAll(".view-switch button"), function (b) {
      b.addEventListener("click", function () { setView(b.getAttribute("data-view")); });
    });

    // -- permalinks: the state in the URL fragment ---------------------------------------------

    let applying = false;
    function fragment() {
      const parts = [];
      function put(k, v) { if (v) parts.push(k + "=" + encodeURIComponent(v)); }
      put("tab", state.tab !== "details" ? state.tab : null);
      put("view", state.view === "timeline" ? "timeline" : null);
      put("asof", state.time ? state.asof : null);
      if (state.pair) { put("from", state.pair[0]); put("to", state.pair[1]); }
      put("host", state.host);
      put("node", state.selected);
      put("hide", Object.keys(state.hiddenKinds).sort().join(","));
      return parts.join("&");
    }
    function changed() {
      syncSlider();
      moveCursor();
      if (applying) return;
      const text = fragment();
      if (location.hash.slice(1) !== text) history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    }
    ui.changed = changed;

    function apply(hash) {
      const p = {};
      hash.replace(/^#/, "").split("&").forEach(function (pair) {
        const i = pair.indexOf("=");
        if (i > 0) { try { p[pair.slice(0, i)] = decodeURIComponent(pair.slice(i + 1)); } catch (e) { /* not ours */ } }
      });
      applying = true;
      try {
        (p.hide || "").split(",").forEach(function (k) { if (k && data.kinds.some(function (x) { return x.key === k; })) explorer.showKind(k, false); });
        if (p.asof && /^\d{4}-\d{2}$/.test(p.asof)) setMonth(p.asof);
        else if (p.asof && snapshotByKey[p.asof]) ui.setTime(p.asof);
        if (p.from && p.to && info[p.from] && info[p.to]) explorer.compare(p.from, p.to);
        if (p.host && info[p.host]) explorer.highlightHost(p.host);
        if (p.node && info[p.node]) ui.select(p.node, { focus: true });
        if (p.view) setView(p.view);
        if (p.tab && byId("tab-" + p.tab)) explorer.switchTab(p.tab);
      } finally {
        applying = false;
      }
      changed();
    }
    window.addEventListener("hashchange", function () { if (location.hash.slice(1) !== fragment()) apply(location.hash); });

    Object.assign(explorer, { setMonth: setMonth, setView: setView, drawTimeline: drawTimeline, fragment: fragment, labelOf: labelOf });
    state.view = "graph";
    if (location.hash.length > 1) apply(location.hash);
    else syncSlider();
  })(core);
