/* The explorer, part 1: the data, the drawing and the views that restyle it.
 * It is one module, `core`: the parts after it (explorer-details.js, explorer-panels.js,
 * explorer-time.js) receive it and name what they use; the few things part 1 calls back in part 3
 * (select, renderHosts, setTime) go through `core.ui`, which part 3 fills. Every part runs
 * inside one function (graph/explorer/_page.py); part 0 (explorer-network.js) opens the network.
 * Everything shown comes from the JSON the library embedded (#kg-data); nothing is fetched;
 * every colour comes from the palette in that data (graph/explorer/_palette.py). Text from
 * the data reaches the page through textContent or vis-network's plain-text tooltips, never
 * as HTML. */
  const core = (function () {
    const timing = {};  // firstDraw, ready: ms from navigation start (read by the benchmark and the tests)
    const data = unpack(JSON.parse(document.getElementById("kg-data").textContent));

    /* Answers that recur are in data.rows once, and bases in data.bases (graph/explorer/_pack.py):
       put them back in place. Only the parts _pack.BASIS_PARTS names hold bases; the parts
       _pack.TABLES names are tables (data.shapes) and become records first. */
    function unpack(packed) {
      Object.keys(packed.shapes).forEach(function (name) {  // tables: a row is [shape, values...]
        const shapes = packed.shapes[name], table = packed[name];
        for (let r = 0; r < table.length; r++) {
          const row = table[r], keys = shapes[row[0]], record = {};
          for (let i = 0; i < keys.length; i++) record[keys[i]] = row[i + 1];
          table[r] = record;
        }
      });
      delete packed.shapes;
      const bases = packed.bases;
      function restore(value) {  // plain loops: it walks every answer before the first frame
        if (Array.isArray(value)) {
          for (let i = 0; i < value.length; i++) if (value[i] !== null && typeof value[i] === "object") restore(value[i]);
          return;
        }
        for (const k in value) {
          const v = value[k];
          if (typeof v === "number") { if (k === "basis" || k === "from_basis" || k === "to_basis") value[k] = bases[v]; }
          else if (v !== null && typeof v === "object") restore(v);
        }
      }
      [packed.info, packed.timeline, packed.hosts, packed.rows].forEach(restore);
      delete packed.bases;
      // The fields left out where they equal what is worked out here (_pack._lean).
      const info = packed.info;
      Object.keys(info).forEach(function (id) { if (!("iri" in info[id])) info[id].iri = packed.iri_base + id; });
      packed.network.nodes.forEach(function (n) { if (!("title" in n)) n.title = info[n.id].label + "\n" + info[n.id].type; });
      packed.network.edges.forEach(function (e) {
        if (!("from" in e)) { const ends = e.id.split("|"); e.from = ends[0]; e.to = ends[2]; }
      });
      delete packed.iri_base;
      const rows = packed.rows;
      function back(refs) { return refs.map(function (i) { return rows[i]; }); }
      packed.snapshots.forEach(function (s) { s.terms = back(s.terms); s.hosts = back(s.hosts); });
      Object.keys(packed.changes).forEach(function (pair) {
        if (Array.isArray(packed.changes[pair])) packed.changes[pair] = back(packed.changes[pair]);
      });
      return packed;
    }

    const net = data.network;
    const info = data.info;
    const kinds = {};
    data.kinds.forEach(function (k) { kinds[k.key] = k; });
    const baseNode = {};
    net.nodes.forEach(function (n) { baseNode[n.id] = n; });
    const baseEdge = {};
    const edgesOf = {};
    net.edges.forEach(function (e) {
      baseEdge[e.id] = e;
      (edgesOf[e.from] = edgesOf[e.from] || []).push(e.id);
      (edgesOf[e.to] = edgesOf[e.to] || []).push(e.id);
    });
    const timelineById = {};
    data.timeline.forEach(function (t) { timelineById[t.agreement] = t; });
    const conflictsBySubject = {};
    data.conflicts.forEach(function (c) {
      (conflictsBySubject[c.subject] = conflictsBySubject[c.subject] || []).push(c);
    });
    const snapshotByKey = {};
    data.snapshots.forEach(function (s) { snapshotByKey[s.key] = s; });

    const palette = data.palette;
    const STATUS = palette.statuses;
    const STATUS_ORDER = palette.status_order;
    const ui = { select: null, renderHosts: null, setTime: null, changed: null };  // filled by parts 3 and 4

    const state = { tab: "details", time: null, pair: null, host: null, selected: null, hiddenKinds: {}, allLinks: false };

    // -- DOM helpers: text only ---------------------------------------------------------------

    function el(tag, className, text) {
      const node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined && text !== null) node.textContent = String(text);
      return node;
    }
    function add(parent) {
      for (let i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
      return parent;
    }
    function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
    function byId(id) { return document.getElementById(id); }
    function swatch(kindKey) {
      const kind = kinds[kindKey];
      const s = el("span", "swatch " + (kind ? kind.shape : "box"));
      if (kind) s.style.background = kind.color;
      return s;
    }
    function linkTo(id, text) {
      const b = el("button", "link", text !== undefined ? text : labelOf(id));
      b.type = "button";
      b.addEventListener("click", function () { ui.select(id, { focus: true }); });
      return b;
    }
    function badge(text, cls) { return el("span", "badge " + (cls || ""), text); }
    function safeUrl(text) {
      try {
        const url = new URL(text);
        return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
      } catch (e) { return null; }
    }
    function labelOf(id) { return info[id] ? info[id].label : id; }
    function cls(text) { return String(text || "").replace(/[^a-z0-9]+/gi, "-").toLowerCase(); }

    // -- the network ----------------------------------------------------------------------------

    const groups = net.options.groups;
    /* The first view: the whole graph if it is readable at Fit, else who hosts what, every label
       at least READABLE pixels high (part 0 opens the network on it). */
    const READABLE = 11;
    const smallestFont = Math.min.apply(null, Object.keys(groups).map(function (g) { return groups[g].font.size; }));
    const least = READABLE / smallestFont;
    const firstView = net.nodes.filter(function (n) { return n.group === "role"; }).map(function (n) { return n.id; });
    const opened = openNetwork(byId("network"), net, firstView, least);
    const network = opened.network, nodes = opened.nodes, edges = opened.edges;
    network.once("afterDrawing", function () {
      timing.firstDraw = performance.now();
      setTimeout(function () {  // after this frame: the nodes out of view join, then the page is ready
        opened.joinTheRest(function () {
          timing.ready = performance.now();
          explorer.ready = true;
          document.body.setAttribute("data-ready", "true");
        });
      }, 0);
    });
    /* Each undated agreement's possible dates, hatched across its grid (part 0). */
    const bands = net.bands || [];
    drawBands(network, bands, palette, labelOf, state);
    /* Shows these nodes (all when none given) at a scale where every label is at least READABLE
       pixels high: the whole graph when it fits so, else the part around them at that scale. */
    let moved = false;  // the page has shown other nodes than the first view's
    function show(ids) {
      moved = moved || ids !== firstView;
      opened.complete();  // vis-network measures every node it fits
      network.fit({ nodes: ids || [], animation: false });
      if (network.getScale() >= least) return;
      const xs = [], ys = [];  // the middle of those nodes (their drawn boxes are not measured yet)
      (ids && ids.length ? ids : Object.keys(baseNode)).forEach(function (id) {
        if (baseNode[id]) { xs.push(baseNode[id].x); ys.push(baseNode[id].y); }
      });
      const middle = { x: (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2, y: (Math.min.apply(null, ys) + Math.max.apply(null, ys)) / 2 };
      network.moveTo({ position: middle, scale: least, animation: false });
    }
    /* The first view again: a close-up needs no node out of it (see part 0). */
    function showFirst() {
      const place = opened.closeUp();
      if (place) network.moveTo(place);
      else show(firstView);
    }
    if (!opened.closeUp()) show(firstView);
    /* vis-network scales the view with the canvas's width when it changes (the page settling its
       layout): until the reader zooms or drags, the first view keeps its labels readable. Moving
       the view first brings in every node. */
    let touched = false;
    network.on("zoom", function () { touched = true; opened.complete(); });
    network.on("dragStart", function () { touched = true; opened.complete(); });
    network.on("resize", function () {
      setTimeout(function () {  // vis-network rescales after it tells of the resize
        if (!touched && network.getScale() < least - 1e-9) showFirst();
      }, 0);
    });
    /* The parts after this one fill the legend, which may change the canvas's size: once they
       have run, before the first frame, the canvas takes its size and the first view its place. */
    queueMicrotask(function () {
      if (touched || moved) return;
      network.setSize();
      showFirst();
    });
    function focus(id) {  // on a node, zoomed in enough to read it
      moved = true;
      network.focus(id, { scale: Math.max(network.getScale(), 0.85), animation: false });
    }
    const explorer = { network: network, nodes: nodes, edges: edges, data: data, timing: timing, bands: bands, ready: false };
    window.explorer = explorer;  // part 2 adds its actions; the benchmark and the tests drive the page through it

    network.on("click", function (params) {
      if (params.nodes.length) ui.select(params.nodes[0]);
      else if (params.edges.length) ui.select(params.edges[0]);
      else { state.selected = null; restyle(); }
    });

    // -- styling by mode ------------------------------------------------------------------------

    function compareChanges() {
      if (!state.pair) return null;
      const found = data.changes[state.pair[0] + "|" + state.pair[1]];
      return Array.isArray(found) ? found : [];
    }

    function hostsNow() {
      return state.time ? snapshotByKey[state.time].hosts : data.hosts;
    }

    /* Map of node id -> emphasis ({status, side} / "normal" / "possible"), or null when no mode. */
    function emphasis() {
      const marks = {};
      const changes = compareChanges();
      if (changes) {
        marks[state.pair[0]] = "normal";
        marks[state.pair[1]] = "normal";
        changes.forEach(function (c) {
          marks[c.clause] = { status: c.status, side: "clause" };
          if (c.from_term) marks[c.from_term] = { status: c.status, side: "from" };
          if (c.to_term) marks[c.to_term] = { status: c.status, side: "to" };
        });
        return marks;
      }
      if (state.host) {
        marks[state.host] = "normal";
        hostsNow().forEach(function (h) {
          if (h.provider_id === state.host) { marks[h.id] = "normal"; marks[h.hosted_id] = "normal"; }
        });
        return marks;
      }
      if (state.time) {
        const snap = snapshotByKey[state.time];
        Object.keys(info).forEach(function (id) {
          const kind = info[id].kind;
          if (kind !== "term" && kind !== "role" && kind !== "agreement") marks[id] = "normal";
        });
        snap.agreements.forEach(function (a) { marks[a] = "normal"; });
        snap.terms.forEach(function (t) {
          const certain = t.status === "in force";
          marks[t.term] = certain ? "normal" : "possible";
          if (certain || marks[t.agreement] !== "normal") marks[t.agreement] = certain ? "normal" : "possible";
        });
        snap.hosts.forEach(function (h) { marks[h.id] = "normal"; });
        return marks;
      }
      return null;
    }

    /* An inferred fact (no quote states it) is drawn with a dotted border, in every view. */
    function inferred(id) { return !!(info[id].basis && info[id].basis.kind === "inferred"); }

    function nodeStyle(id, marks, hiddenKinds) {
      const group = groups[info[id].kind];
      const style = {
        id: id,
        hidden: !!hiddenKinds[info[id].kind],
        opacity: 1,
        borderWidth: group.borderWidth,
        shapeProperties: { borderDashes: false },
        color: group.color,
        font: group.font
      };
      if (inferred(id)) { style.shapeProperties = { borderDashes: [2, 3] }; style.borderWidth = 2; }
      if (!marks) return style;
      const mark = marks[id];
      if (!mark) {
        style.opacity = 0.16;
        style.font = Object.assign({}, group.font, { color: palette.faded_text });
        return style;
      }
      if (mark === "possible") { style.opacity = 0.8; style.shapeProperties = { borderDashes: [5, 4] }; style.borderWidth = 2; }
      if (typeof mark === "object") {
        const s = STATUS[mark.status] || STATUS.unchanged;
        if (info[id].kind === "clause") {
          style.font = Object.assign({}, group.font, { color: s.font });
        } else {
          const old = mark.side === "from" && mark.status === "amended";
          style.color = { background: old ? palette.old_side : s.fill, border: s.border,
            highlight: { background: s.fill, border: palette.accent }, hover: { background: s.fill, border: palette.accent } };
          style.borderWidth = old ? 2 : s.width;
          if (s.dashes || old) style.shapeProperties = { borderDashes: [6, 4] };
        }
      }
      return style;
    }

    /* The style each node and link was last given (none yet: the page's first). Until the reader
       changes the view, there is nothing to compare. */
    const applied = { nodes: {}, edges: {} };
    let plain = true;
    function restyle() {
      const marks = emphasis();
      if (plain && !marks && !state.selected && !state.allLinks && !Object.keys(state.hiddenKinds).length) {
        renderBanner();
        renderStatusLegend();
        if (ui.changed) ui.changed();
        return;
      }
      plain = false;
      const changed = [];
      Object.keys(baseNode).forEach(function (id) {
        const style = nodeStyle(id, marks, state.hiddenKinds);
        const key = JSON.stringify(style);
        const was = id in applied.nodes ? applied.nodes[id] : JSON.stringify(nodeStyle(id, null, {}));
        if (was !== key) changed.push(style);
        applied.nodes[id] = key;
      });
      if (changed.length) nodes.update(changed);
      const reveal = {};
      if (state.selected && edgesOf[state.selected]) edgesOf[state.selected].forEach(function (e) { reveal[e] = true; });
      const added = [], removed = [], changedEdges = [];
      Object.keys(baseEdge).forEach(function (id) {
        const e = baseEdge[id];
        const shown = !e.hidden || state.allLinks || !!reveal[id];
        const faded = !!marks && !(marks[e.from] && marks[e.to]);
        const key = !shown ? "absent" : faded ? "faded" : "shown";
        const was = id in applied.edges ? applied.edges[id] : e.hidden ? "absent" : "shown";
        if (was === key) return;
        applied.edges[id] = key;
        const look = { id: id, hidden: false, color: { opacity: faded ? 0.12 : 0.9 } };
        if (key === "absent") removed.push(id);
        else if (was === "absent") added.push(Object.assign({}, e, look));
        else changedEdges.push(look);
      });
      if (removed.length) edges.remove(removed);
      if (added.length) edges.add(added);
      if (changedEdges.length) edges.update(changedEdges);
      renderBanner();
      renderStatusLegend();
      if (ui.changed) ui.changed();
    }

    // -- the banner that says which view is on ---------------------------------------------------

    function renderBanner() {
      const banner = byId("banner");
      clear(banner);
      let text = null, onClear = null;
      if (state.pair) {
        text = "What changed: " + labelOf(state.pair[0]) + " → " + labelOf(state.pair[1]);
        onClear = function () { state.pair = null; restyle(); };
      } else if (state.host) {
        text = "Roles of " + labelOf(state.host) + (state.time ? " as of " + timeLabel() : "");
        onClear = function () { state.host = null; ui.renderHosts(); restyle(); };
      } else if (state.time) {
        text = "As of " + timeLabel() + ": in force solid, possibly in force dashed, the rest faded";
        onClear = function () { ui.setTime(null); };
      }
      banner.hidden = !text;
      if (!text) return;
      const b = el("button", null, "Clear");
      b.type = "button";
      b.addEventListener("click", onClear);
      add(banner, el("span", null, text), b);
    }

    /* The date the reader chose (a month of the slider shares its snapshot with others). */
    function timeLabel() { return state.timeLabel || snapshotByKey[state.time].label; }

    function renderStatusLegend() {
      byId("status-legend").hidden = !state.pair;
    }

    return {
      timing: timing,
      data: data,
      info: info,
      kinds: kinds,
      baseEdge: baseEdge,
      edgesOf: edgesOf,
      timelineById: timelineById,
      conflictsBySubject: conflictsBySubject,
      snapshotByKey: snapshotByKey,
      STATUS: STATUS,
      STATUS_ORDER: STATUS_ORDER,
      state: state,
      ui: ui,
      el: el,
      add: add,
      clear: clear,
      byId: byId,
      swatch: swatch,
      linkTo: linkTo,
      badge: badge,
      safeUrl: safeUrl,
      labelOf: labelOf,
      cls: cls,
      network: network,
      nodes: nodes,
      edges: edges,
      explorer: explorer,
      compareChanges: compareChanges,
      hostsNow: hostsNow,
      restyle: restyle,
      timeLabel: timeLabel,
      show: show,
      focus: focus,
      complete: opened.complete
    };
  })();
