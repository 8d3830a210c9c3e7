/* The explorer, part 1 of 2: the data, the drawing and the views that restyle it.
 * Both parts run inside one function (see graph/explorer/_page.py). Everything shown comes
 * from the JSON the library embedded (#kg-data); nothing is fetched. Text from the data
 * reaches the page through textContent or vis-network's plain-text tooltips, never as HTML. */

  var timing = {};  // firstDraw: ms from navigation start (read by the benchmark and the tests)
  var data = JSON.parse(document.getElementById("kg-data").textContent);

  var net = data.network;
  var info = data.info;
  var kinds = {};
  data.kinds.forEach(function (k) { kinds[k.key] = k; });
  var baseNode = {};
  net.nodes.forEach(function (n) { baseNode[n.id] = n; });
  var baseEdge = {};
  var edgesOf = {};
  net.edges.forEach(function (e) {
    baseEdge[e.id] = e;
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e.id);
    (edgesOf[e.to] = edgesOf[e.to] || []).push(e.id);
  });
  var timelineById = {};
  data.timeline.forEach(function (t) { timelineById[t.agreement] = t; });
  var conflictsBySubject = {};
  data.conflicts.forEach(function (c) {
    (conflictsBySubject[c.subject] = conflictsBySubject[c.subject] || []).push(c);
  });
  var snapshotByKey = {};
  data.snapshots.forEach(function (s) { snapshotByKey[s.key] = s; });

  var STATUS = {
    added: { label: "added", fill: "#c8eed6", border: "#2e9e5b", width: 3, font: "#1d6b3c" },
    removed: { label: "removed", fill: "#f8d4d3", border: "#d64541", width: 3, dashes: true, font: "#9b2c2c" },
    amended: { label: "amended (old → new)", fill: "#ffe0ad", border: "#e08a00", width: 3, font: "#8a5a00" },
    unchanged: { label: "unchanged", fill: "#e4e8ed", border: "#8a94a3", width: 1.5, font: "#4a5463" },
    "not restated": { label: "not restated", fill: "#ffffff", border: "#b8c0cc", width: 1.5, dashes: true, font: "#5b6576" }
  };
  var STATUS_ORDER = ["amended", "added", "removed", "unchanged", "not restated"];

  var state = { tab: "details", time: null, pair: null, host: null, selected: null, hiddenKinds: {}, allLinks: false };

  // -- DOM helpers: text only ---------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function byId(id) { return document.getElementById(id); }
  function swatch(kindKey) {
    var kind = kinds[kindKey];
    var s = el("span", "swatch " + (kind ? kind.shape : "box"));
    if (kind) s.style.background = kind.color;
    return s;
  }
  function linkTo(id, text) {
    var b = el("button", "link", text !== undefined ? text : labelOf(id));
    b.type = "button";
    b.addEventListener("click", function () { select(id, { focus: true }); });
    return b;
  }
  function badge(text, cls) { return el("span", "badge " + (cls || ""), text); }
  function safeUrl(text) {
    try {
      var url = new URL(text);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) { return null; }
  }
  function labelOf(id) { return info[id] ? info[id].label : id; }
  function cls(text) { return String(text || "").replace(/[^a-z0-9]+/gi, "-").toLowerCase(); }

  // -- the network ----------------------------------------------------------------------------

  var groups = net.options.groups;
  var nodes = new vis.DataSet(net.nodes);
  // Links hidden at first stay out of the drawing until one of their ends is selected.
  var edges = new vis.DataSet(net.edges.filter(function (e) { return !e.hidden; }));
  var network = new vis.Network(byId("network"), { nodes: nodes, edges: edges }, net.options);
  network.once("afterDrawing", function () {
    timing.firstDraw = performance.now();
    explorer.ready = true;
    document.body.setAttribute("data-ready", "true");
  });
  network.fit({ animation: false });

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
    else if (params.edges.length) select(params.edges[0]);
    else { state.selected = null; restyle(); }
  });

  // -- styling by mode ------------------------------------------------------------------------

  function compareChanges() {
    if (!state.pair) return null;
    var found = data.changes[state.pair[0] + "|" + state.pair[1]];
    return Array.isArray(found) ? found : [];
  }

  function hostsNow() {
    return state.time ? snapshotByKey[state.time].hosts : data.hosts;
  }

  /* Map of node id -> emphasis ({status, side} / "normal" / "possible"), or null when no mode. */
  function emphasis() {
    var marks = {};
    var changes = compareChanges();
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
      var snap = snapshotByKey[state.time];
      Object.keys(info).forEach(function (id) {
        var kind = info[id].kind;
        if (kind !== "term" && kind !== "role" && kind !== "agreement") marks[id] = "normal";
      });
      snap.agreements.forEach(function (a) { marks[a] = "normal"; });
      snap.terms.forEach(function (t) {
        var certain = t.status === "in force";
        marks[t.term] = certain ? "normal" : "possible";
        if (certain || marks[t.agreement] !== "normal") marks[t.agreement] = certain ? "normal" : "possible";
      });
      snap.hosts.forEach(function (h) { marks[h.id] = "normal"; });
      return marks;
    }
    return null;
  }

  function nodeStyle(id, marks) {
    var group = groups[info[id].kind];
    var style = {
      id: id,
      hidden: !!state.hiddenKinds[info[id].kind],
      opacity: 1,
      borderWidth: group.borderWidth,
      shapeProperties: { borderDashes: false },
      color: group.color,
      font: group.font
    };
    if (!marks) return style;
    var mark = marks[id];
    if (!mark) {
      style.opacity = 0.16;
      style.font = Object.assign({}, group.font, { color: "#c3c9d2" });
      return style;
    }
    if (mark === "possible") { style.opacity = 0.8; style.shapeProperties = { borderDashes: [5, 4] }; style.borderWidth = 2; }
    if (typeof mark === "object") {
      var s = STATUS[mark.status] || STATUS.unchanged;
      if (info[id].kind === "clause") {
        style.font = Object.assign({}, group.font, { color: s.font });
      } else {
        var old = mark.side === "from" && mark.status === "amended";
        style.color = { background: old ? "#fff4e0" : s.fill, border: s.border,
          highlight: { background: s.fill, border: "#1f6feb" }, hover: { background: s.fill, border: "#1f6feb" } };
        style.borderWidth = old ? 2 : s.width;
        if (s.dashes || old) style.shapeProperties = { borderDashes: [6, 4] };
      }
    }
    return style;
  }

  var applied = { nodes: {}, edges: {} };
  Object.keys(baseNode).forEach(function (id) { applied.nodes[id] = JSON.stringify(nodeStyle(id, null)); });
  Object.keys(baseEdge).forEach(function (id) { applied.edges[id] = baseEdge[id].hidden ? "absent" : "shown"; });
  function restyle() {
    var marks = emphasis();
    var changed = [];
    Object.keys(baseNode).forEach(function (id) {
      var style = nodeStyle(id, marks);
      var key = JSON.stringify(style);
      if (applied.nodes[id] !== key) { applied.nodes[id] = key; changed.push(style); }
    });
    if (changed.length) nodes.update(changed);
    var reveal = {};
    if (state.selected && edgesOf[state.selected]) edgesOf[state.selected].forEach(function (e) { reveal[e] = true; });
    var added = [], removed = [], changedEdges = [];
    Object.keys(baseEdge).forEach(function (id) {
      var e = baseEdge[id];
      var shown = !e.hidden || state.allLinks || !!reveal[id];
      var faded = !!marks && !(marks[e.from] && marks[e.to]);
      var key = !shown ? "absent" : faded ? "faded" : "shown";
      var was = applied.edges[id];
      if (was === key) return;
      applied.edges[id] = key;
      var look = { id: id, hidden: false, color: { opacity: faded ? 0.12 : 0.9 } };
      if (key === "absent") removed.push(id);
      else if (was === "absent") added.push(Object.assign({}, e, look));
      else changedEdges.push(look);
    });
    if (removed.length) edges.remove(removed);
    if (added.length) edges.add(added);
    if (changedEdges.length) edges.update(changedEdges);
    renderBanner();
    renderStatusLegend();
  }

  // -- the banner that says which view is on ---------------------------------------------------

  function renderBanner() {
    var banner = byId("banner");
    clear(banner);
    var text = null, onClear = null;
    if (state.pair) {
      text = "What changed: " + labelOf(state.pair[0]) + " → " + labelOf(state.pair[1]);
      onClear = function () { state.pair = null; restyle(); };
    } else if (state.host) {
      text = "Roles of " + labelOf(state.host) + (state.time ? " as of " + snapshotByKey[state.time].label : "");
      onClear = function () { state.host = null; renderHosts(); restyle(); };
    } else if (state.time) {
      text = "As of " + snapshotByKey[state.time].label + ": in force solid, possibly in force dashed, the rest faded";
      onClear = function () { setTime(null); };
    }
    banner.hidden = !text;
    if (!text) return;
    var b = el("button", null, "Clear");
    b.type = "button";
    b.addEventListener("click", onClear);
    add(banner, el("span", null, text), b);
  }

  function renderStatusLegend() {
    byId("status-legend").hidden = !state.pair;
  }
