/* The explorer, part 0: the network's first drawing (part 1, explorer-core.js, opens it).
 * The first view is a close-up when the graph is not readable whole (who hosts what, every
 * label at least READABLE pixels high): then the network first holds only the nodes that view
 * can show and the ends of every link that may cross it, so the first frame is the one the whole
 * graph would give, drawn sooner; the other nodes join in a few tasks after it, nearest first,
 * and all at once as soon as the reader moves the view, selects, searches or fits. `nodes` and
 * `edges` always hold every node and every shown link (their styles included); the network
 * sees them through a DataView that lets the joined ones through. */
  function openNetwork(container, net, firstIds, least) {
    const CHUNK = [400, 1200];  // nodes joined in the first task after the first frame, and at most in one
    const MARGIN = 120;  // canvas units around the view: over half the widest box, a label under its shape
    const SLACK = 0.5;  // of the canvas's size each side of the middle: the edge of the view (it only shrinks as the page fills)
    const nodes = new vis.DataSet(net.nodes);
    // Links hidden at first stay out of the drawing until one of their ends is selected.
    const edges = new vis.DataSet(net.edges.filter(function (e) { return !e.hidden; }));
    const at = {};
    net.nodes.forEach(function (n) { at[n.id] = n; });

    /* The close-up the first view is ({position, scale}), or null when a fit of those nodes
       may be readable. vis-network fits boxes, which reach beyond the centres measured here, so
       when the centres alone cannot be fitted at a readable scale, neither can the boxes, and
       the view is the middle of the centres at the least readable scale (as core's show()). */
    function closeUp() {
      const w = container.clientWidth, h = container.clientHeight;
      const ids = firstIds.length ? firstIds : Object.keys(at);
      if (!w || !h || !ids.length) return null;
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        const n = at[id];
        if (!n) return;
        x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
      });
      if (x0 > x1) return null;
      const fits = Math.min(w / (1.1 * Math.max(x1 - x0, 1e-9)), h / (1.1 * Math.max(y1 - y0, 1e-9)));
      if (fits >= least) return null;
      return { position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: least, animation: false };
    }

    const place = closeUp();
    let joined = null;  // id -> true while some nodes wait; null once all have joined
    let waiting = [];   // the ids still out, nearest the view first
    let nodeView = nodes, edgeView = edges;
    if (place) {
      const halfW = container.clientWidth / place.scale * SLACK + MARGIN;
      const halfH = container.clientHeight / place.scale * SLACK + MARGIN;
      const cx = place.position.x, cy = place.position.y;
      const area = { left: cx - halfW, right: cx + halfW, top: cy - halfH, bottom: cy + halfH };
      joined = {};
      net.nodes.forEach(function (n) {
        if (n.x >= area.left && n.x <= area.right && n.y >= area.top && n.y <= area.bottom) joined[n.id] = true;
      });
      edges.forEach(function (e) {  // a link whose extent meets the area brings both its ends
        const a = at[e.from], b = at[e.to];
        if (!a || !b) return;
        if (Math.max(a.x, b.x) >= area.left && Math.min(a.x, b.x) <= area.right &&
            Math.max(a.y, b.y) >= area.top && Math.min(a.y, b.y) <= area.bottom) {
          joined[e.from] = joined[e.to] = true;
        }
      });
      waiting = net.nodes.filter(function (n) { return !joined[n.id]; }).map(function (n) {
        return [(n.x - cx) * (n.x - cx) + (n.y - cy) * (n.y - cy), n.id];
      }).sort(function (p, q) { return p[0] - q[0]; }).map(function (p) { return p[1]; });
      if (waiting.length) {
        nodeView = new vis.DataView(nodes, { filter: function (n) { return joined === null || joined[n.id] === true; } });
        edgeView = new vis.DataView(edges, { filter: function (e) { return joined === null || (joined[e.from] === true && joined[e.to] === true); } });
      } else {
        joined = null;
      }
    }
    const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, net.options);
    if (place) network.moveTo(place);

    let whenDone = [];
    /* Let the next `count` waiting nodes (all: Infinity) and their links into the network. They
       are out of view: vis-network (9.1.2, inlined) redraws once, when the last have joined. */
    function join(count) {
      if (joined === null) return;
      waiting.splice(0, count).forEach(function (id) { joined[id] = true; });
      if (!waiting.length) joined = null;
      network.body.emitter.emit("_blockRedraw");
      nodeView.refresh();
      edgeView.refresh();
      network.body.emitter.emit("_allowRedraw");
      if (joined === null) {
        network.body.emitter.emit("_requestRedraw");
        const done = whenDone;
        whenDone = [];
        done.forEach(function (f) { f(); });
      }
    }
    /* Every node in the network now (before anything that needs one out of view). */
    function complete() { join(Infinity); }
    /* The other nodes join in tasks of their own after the first frame; then `done` runs. */
    function joinTheRest(done) {
      if (joined === null) { done(); return; }
      whenDone.push(done);
      let count = CHUNK[0];  // each task takes twice as many (every task also walks all the joined)
      (function next() {
        if (joined === null) return;
        join(count);
        count = Math.min(2 * count, CHUNK[1]);
        if (joined !== null) setTimeout(next, 0);
      })();
    }
    return { network: network, nodes: nodes, edges: edges, closeUp: closeUp, complete: complete, joinTheRest: joinTheRest };
  }

  /* Each undated agreement's possible dates, hatched across the dated columns of its grid
     (graph/explorer/_bounds.py), linked to its column, so column order is not read as dates;
     under the nodes, faded when another node is selected, gone with the agreements. */
  function drawBands(network, bands, palette, labelOf, state) {
    let hatch = null;
    network.on("beforeDrawing", function (ctx) {
      if (!bands.length || state.hiddenKinds.agreement) return;
      if (!hatch) {
        const tile = document.createElement("canvas");
        tile.width = tile.height = 8;
        const t = tile.getContext("2d");
        t.strokeStyle = palette.versions.unstated.fill;
        t.lineWidth = 3;
        t.beginPath(); t.moveTo(-2, 10); t.lineTo(10, -2); t.moveTo(6, 10); t.lineTo(10, 6); t.moveTo(-2, 2); t.lineTo(2, -2); t.stroke();
        hatch = ctx.createPattern(tile, "repeat");
      }
      ctx.save();
      bands.forEach(function (b) {
        ctx.globalAlpha = state.selected && state.selected !== b.agreement ? 0.45 : 1;
        ctx.fillStyle = hatch;
        ctx.fillRect(b.x0, b.y - 8, b.x1 - b.x0, 16);
        ctx.strokeStyle = palette.versions.unstated.fill;
        ctx.lineWidth = 1;
        ctx.strokeRect(b.x0, b.y - 8, b.x1 - b.x0, 16);
        ctx.setLineDash([3, 3]);
        ctx.beginPath(); ctx.moveTo(b.column, b.header); ctx.lineTo(b.column, b.y - 8); ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = "12px system-ui, sans-serif";
        ctx.fillStyle = palette.ink;
        ctx.textBaseline = "middle";
        const name = labelOf(b.agreement);
        const text = (name.length > 40 ? name.slice(0, 39) + "…" : name) + " · undated, between " +
          (b.earliest ? b.earliest.slice(0, 7) : "…") + " and " + (b.latest ? b.latest.slice(0, 7) : "…");
        const w = ctx.measureText(text).width;
        ctx.fillStyle = palette.label_ground;
        ctx.fillRect(b.x0 + 4, b.y - 7, w + 6, 14);
        ctx.fillStyle = palette.ink;
        ctx.fillText(text, b.x0 + 7, b.y);
      });
      ctx.restore();
    });
  }
