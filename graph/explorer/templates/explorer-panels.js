/* The explorer, part 3: selection, who hosts what, what changed, time, search, the kind filter
 * and the tabs; then it starts. It uses only what it takes from `core` below (the details panel
 * from part 2), and hands back to part 1 the actions part 1 calls (core.ui). Text only, as in
 * part 1. */
  (function (core) {
    const {
      data, info, kinds, baseEdge, snapshotByKey, STATUS, STATUS_ORDER, state, ui, el, add, clear, byId,
      swatch, badge, labelOf, cls, network, explorer, hostsNow, restyle
    } = core;
    const { showNode, showEdge, showOverview, changeCard } = core.details;

    function select(id, options) {
      options = options || {};
      core.complete();  // a node and its links may be out of the first view
      if (info[id]) {
        if (state.hiddenKinds[info[id].kind]) showKind(info[id].kind, true);
        state.selected = id;
        network.selectNodes([id]);
        showNode(id);
        if (options.focus) core.focus(id);
      } else if (baseEdge[id]) {
        state.selected = null;
        network.selectEdges([id]);
        showEdge(id);
      } else {
        return false;
      }
      switchTab("details");
      restyle();
      return true;
    }

    // -- who hosts what -------------------------------------------------------------------------

    function exclusivityBadge(value) {
      if (!value) return badge("exclusivity not stated", "unstated");
      return badge(value, value === "primary" ? "primary-cloud" : cls(value));
    }

    let hostsStale = true;
    /* Drawn when its tab is open only: with thousands of roles the list is the slow part of a page. */
    function renderHosts() {
      if (state.tab !== "hosts") { hostsStale = true; return; }
      hostsStale = false;
      const box = clear(byId("hosts"));
      const roles = hostsNow();
      byId("hosts-caption").textContent = state.time
        ? "Roles in force, or possibly in force (an undated agreement they depend on, or a start that may be earlier), as of " +
          core.timeLabel() + ". Select a host to highlight its roles."
        : "Every role that has not been superseded. Select a host to highlight its roles.";
      if (!roles.length) { add(box, el("p", "hint", "No role is known to be in force then.")); return; }
      const providers = [], byProvider = {};
      roles.forEach(function (h) {
        if (!byProvider[h.provider_id]) { byProvider[h.provider_id] = []; providers.push(h.provider_id); }
        byProvider[h.provider_id].push(h);
      });
      providers.forEach(function (pid) {
        const list = byProvider[pid];
        const group = el("div", "host" + (state.host === pid ? " active" : ""));
        const head = el("button", "host-name");
        head.type = "button";
        head.setAttribute("data-host", pid);
        add(head, swatch(info[pid] ? info[pid].kind : "cloud"), el("span", null, list[0].provider),
          el("span", "count", list.length + (list.length === 1 ? " role" : " roles")));
        head.addEventListener("click", function () { highlightHost(state.host === pid ? null : pid); });
        const ul = el("ul");
        list.forEach(function (h) {
          const b = el("button", "role");
          b.type = "button";
          let what = el("span", "what");
          add(what, el("strong", null, h.role), document.createTextNode(" " + h.hosted));
          const sinceInferred = h.value_bases.some(function (v) { return v.property === "since" && v.basis.kind === "inferred"; });
          let when = "since " + h.since_label + (sinceInferred ? " (inferred; may be older)" : "") +
            (h.until ? " · until " + labelOf(h.until) : "");
          if (h.status === "possibly in force") {
            when += " · possibly in force: begun between " + (h.since_earliest || "…") + " and " + (h.since_latest || "…");
          }
          if (h.qualifier) when += " · " + h.qualifier;
          add(b, what, exclusivityBadge(h.exclusivity), el("span", "when", when));
          if (h.status === "possibly in force") add(b, badge("possibly in force", "possible"));
          if (h.status === "announced") add(b, badge("announced, not yet in effect", "announced"));
          if (h.basis.kind === "inferred") add(b, badge("inferred", "basis-inferred"));
          b.addEventListener("click", function () { select(h.id, { focus: true }); });
          add(ul, add(el("li"), b));
        });
        add(box, add(group, head, ul));
      });
    }

    function highlightHost(id) {
      state.host = id || null;
      if (id) state.pair = null;
      renderHosts();
      restyle();
      if (id) {  // pan to its roles and what they are about
        const ids = [id];
        hostsNow().forEach(function (h) { if (h.provider_id === id) ids.push(h.id, h.hosted_id); });
        core.show(ids.filter(function (n) { return info[n]; }));
      }
    }

    // -- what changed ---------------------------------------------------------------------------

    let changesStale = true;
    /* Drawn when its tab is open only, as who hosts what (its cards are many and hold quotes). */
    function renderChanges() {
      if (state.tab !== "changes") { changesStale = true; return; }
      changesStale = false;
      const box = clear(byId("changes"));
      const summary = clear(byId("changes-summary"));
      const a = byId("from").value, b = byId("to").value;
      if (a === b) { add(box, el("p", "hint", "Choose two different agreements.")); return; }
      const found = data.changes[a + "|" + b];
      if (!Array.isArray(found)) { add(box, el("p", "error", found ? found.error : "No comparison recorded.")); return; }
      STATUS_ORDER.forEach(function (s) {
        const n = found.filter(function (c) { return c.status === s; }).length;
        if (n) add(summary, badge(n + " " + s, cls(s)));
      });
      if (!found.length) add(box, el("p", "hint", "Neither agreement states any clause."));
      found.forEach(function (c) { add(box, changeCard(c, a + "|" + b)); });
    }

    function compare(from, to) {
      byId("from").value = from;
      byId("to").value = to;
      state.pair = from !== to ? [from, to] : null;
      state.host = null;
      renderChanges();
      renderHosts();
      restyle();
      const found = data.changes[from + "|" + to];
      if (state.pair && Array.isArray(found)) {  // pan to the two agreements and the clauses' terms
        const ids = [from, to];
        found.forEach(function (c) { if (c.status !== "unchanged" && c.status !== "not restated") ids.push(c.from_term, c.to_term); });
        core.show(ids.filter(function (n) { return n && info[n]; }));
      }
      return found;
    }

    function fillSelectors() {
      ["from", "to"].forEach(function (name) {
        const picker = byId(name);
        data.timeline.forEach(function (t) {
          const option = el("option", null, t.label + " (" + t.date_label + ")");
          option.value = t.agreement;
          add(picker, option);
        });
        picker.addEventListener("change", function () { compare(byId("from").value, byId("to").value); });
      });
      const pair = data.default_pair;
      if (pair.length === 2) { byId("from").value = pair[0]; byId("to").value = pair[1]; }
      byId("swap").addEventListener("click", function () { compare(byId("to").value, byId("from").value); });
    }

    // -- time -----------------------------------------------------------------------------------

    function setTime(key, label) {
      state.time = key && snapshotByKey[key] ? key : null;
      state.timeLabel = state.time ? label || null : null;
      if (state.time) state.pair = null;
      Array.prototype.forEach.call(byId("time-buttons").children, function (b) {
        b.setAttribute("aria-pressed", String((b.getAttribute("data-key") || null) === state.time));
      });
      renderHosts();
      restyle();
      horizonNote();
    }

    /* The answer for a date after the graph's horizon (and "Now" is one) says later changes are unknown. */
    function horizonNote() {
      const note = byId("horizon-note");
      const when = state.time;
      const after = data.horizon && (!when || String(when) > data.horizon);
      note.hidden = !after;
      note.textContent = after ? "This graph knows nothing after " + data.horizon +
        " (its latest source or citation): later changes are unknown to it." : "";
    }

    /* "Now": every role not superseded; any other date is the slider's (part 3). */
    function timeButtons() {
      const b = el("button", null, "Now");
      b.type = "button";
      b.title = "Everything, with every role not superseded";
      b.setAttribute("data-key", "");
      b.setAttribute("aria-pressed", "true");
      b.addEventListener("click", function () { setTime(null); });
      add(byId("time-buttons"), b);
    }

    // -- search and filters ---------------------------------------------------------------------

    const index = Object.keys(info).map(function (id) {
      const node = info[id];
      return { id: id, text: [node.label].concat(node.alt, [id]).join(" \u0000 ").toLowerCase() };
    });

    function search(text) {
      const q = String(text || "").trim().toLowerCase();
      if (!q) return [];
      const hits = index.filter(function (e) { return e.text.indexOf(q) >= 0; });
      hits.sort(function (x, y) {
        const px = x.text.indexOf(q) === 0 ? 0 : 1, py = y.text.indexOf(q) === 0 ? 0 : 1;
        return px - py || x.text.length - y.text.length;
      });
      return hits.slice(0, 12).map(function (e) { return e.id; });
    }

    function renderSearch() {
      const input = byId("search");
      const list = clear(byId("search-results"));
      const ids = search(input.value);
      list.hidden = !input.value.trim();
      if (!ids.length) { add(list, el("li", "empty", "Nothing matches.")); return; }
      ids.forEach(function (id, i) {
        const b = el("button", i === 0 ? "active" : null);
        b.type = "button";
        b.setAttribute("data-id", id);
        add(b, swatch(info[id].kind), el("span", null, info[id].label), el("span", "type", info[id].type));
        b.addEventListener("click", function () { choose(id); });
        add(list, add(el("li"), b));
      });
    }

    function choose(id) {
      byId("search-results").hidden = true;
      byId("search").value = info[id].label;
      select(id, { focus: true });
    }

    function wireSearch() {
      const input = byId("search");
      input.addEventListener("input", renderSearch);
      input.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {
          const ids = search(input.value);
          if (ids.length) choose(ids[0]);
        } else if (ev.key === "Escape") {
          byId("search-results").hidden = true;
        }
      });
      document.addEventListener("click", function (ev) {
        if (!byId("search-results").contains(ev.target) && ev.target !== input) byId("search-results").hidden = true;
      });
    }

    function showKind(kind, visible) {
      if (visible) delete state.hiddenKinds[kind];
      else state.hiddenKinds[kind] = true;
      const box = document.querySelector('#kinds input[data-kind="' + cls(kind) + '"]');
      if (box) box.checked = !!visible;
      restyle();
    }

    function legend() {
      const counts = {};
      Object.keys(info).forEach(function (id) { counts[info[id].kind] = (counts[info[id].kind] || 0) + 1; });
      const list = byId("kinds");
      data.kinds.forEach(function (k) {
        if (!counts[k.key]) return;
        const label = el("label");
        const box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.setAttribute("data-kind", cls(k.key));
        box.addEventListener("change", function () { showKind(k.key, box.checked); });
        add(label, box, swatch(k.key), el("span", null, k.label), el("span", "count", counts[k.key]));
        add(list, add(el("li"), label));
      });
      const statuses = byId("statuses");
      STATUS_ORDER.forEach(function (s) {
        const mark = el("span", "swatch box");
        mark.style.background = STATUS[s].fill;
        mark.style.borderColor = STATUS[s].border;
        if (STATUS[s].dashes) mark.style.borderStyle = "dashed";
        add(statuses, add(el("li"), mark, el("span", null, STATUS[s].label)));
      });
      const inferredMark = el("span", "swatch box inferred-swatch");
      add(list, add(el("li", "inferred-legend"), inferredMark, el("span", null, "dotted border: inferred, no quote states it")));
      byId("all-links").addEventListener("change", function (ev) { state.allLinks = ev.target.checked; restyle(); });
    }

    // -- tabs -----------------------------------------------------------------------------------

    function switchTab(name) {
      state.tab = name;
      Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (b) {
        const on = b.getAttribute("data-tab") === name;
        b.setAttribute("aria-selected", String(on));
        byId("tab-" + b.getAttribute("data-tab")).hidden = !on;
      });
      if (name === "hosts" && hostsStale) renderHosts();
      if (name === "changes" && changesStale) renderChanges();
      if (core.ui.changed) core.ui.changed();
    }

    function wireTabs() {
      Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (b) {
        b.addEventListener("click", function () {
          const name = b.getAttribute("data-tab");
          switchTab(name);
          if (name === "changes" && !state.pair) compare(byId("from").value, byId("to").value);
        });
      });
    }

    // -- start ----------------------------------------------------------------------------------

    ui.select = select;
    ui.renderHosts = renderHosts;
    ui.setTime = setTime;
    Object.assign(explorer, {
      select: select, compare: compare, setTime: setTime, highlightHost: highlightHost,
      search: search, showKind: showKind, switchTab: switchTab
    });

    legend();
    timeButtons();
    horizonNote();
    fillSelectors();
    wireTabs();
    wireSearch();
    switchTab("details");
    showOverview();
    renderHosts();
    renderChanges();
    byId("fit").addEventListener("click", function () { core.complete(); network.fit({ animation: false }); });  // all, however small
    byId("footer").textContent = data.meta.nodes + " nodes and " + data.meta.edges + " links drawn from " +
      data.meta.triples + " triples · " + data.evidence.length + " quotes from the sources · partnership-kg " +
      data.meta.version + " · self-contained: this page makes no network requests";
    restyle();
  })(core);
