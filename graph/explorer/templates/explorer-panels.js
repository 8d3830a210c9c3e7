/* The explorer, part 2 of 3: the panels (details, who hosts what, what changed), time,
 * search, the kind filter and the tabs; then it starts. It uses only what it takes from
 * `core` below, and hands back to part 1 the actions part 1 calls (core.ui). Text only, as in
 * part 1. */
  (function (core) {
    const {
      data, info, kinds, baseEdge, edgesOf, timelineById, conflictsBySubject, snapshotByKey, STATUS,
      STATUS_ORDER, state, ui, el, add, clear, byId, swatch, linkTo, badge, safeUrl, labelOf, cls,
      network, nodes, explorer, compareChanges, hostsNow, restyle
    } = core;

    // -- details --------------------------------------------------------------------------------

    function evidenceList(refs) {
      if (!refs || !refs.length) return el("p", "hint", "No source is recorded for this.");
      const list = el("ul", "evidence");
      refs.forEach(function (i) {
        const ev = data.evidence[i];
        const item = el("li");
        const head = el("div", "source");
        add(head, el("span", "publisher", ev.publisher || ev.file),
          badge(ev.primary ? "primary" : "secondary", ev.primary ? "primary" : "secondary"));
        add(item, head);
        if (ev.title) add(item, el("div", "meta", ev.title));
        if (ev.passage) {  // the paragraph it stands in (kg explore --sources), the quote marked
          const passage = el("blockquote", "passage");
          add(passage, document.createTextNode(ev.passage.before), el("mark", null, ev.passage.match),
            document.createTextNode(ev.passage.after));
          add(item, passage);
        } else add(item, el("blockquote", null, ev.quote));
        const meta = el("div", "meta");
        const url = ev.url ? safeUrl(ev.url) : null;
        if (url) {
          const a = el("a", null, ev.url);
          a.href = url;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          add(meta, a, document.createTextNode(" · "));
        } else if (ev.url) {
          add(meta, el("span", null, ev.url + " · "));
        } else {
          add(meta, el("span", null, "no URL given · "));
        }
        add(meta, el("span", null, "file " + ev.file));
        add(item, meta);
        add(list, item);
      });
      return list;
    }

    function section(parent, title) { add(parent, el("h3", null, title)); }

    /* A reported fact's citations: publisher, title, dates and URL (as text); no quote is stored. */
    function citationList(citations) {
      const list = el("ul", "citations");
      citations.forEach(function (c) {
        const item = el("li", "citation");
        add(item, el("div", "source publisher", c.publisher), el("div", "meta", c.title),
          el("div", "meta", "published " + c.published + " · read " + c.read),
          el("div", "meta url", c.url));
        if (c.cites.length) add(item, el("div", "meta", "points to (not read): " + c.cites.join(", ")));
        add(list, item);
      });
      return list;
    }

    function basisBadges(basis) {
      const box = el("span", "basis-badges");
      add(box, badge(basis.kind, "basis-" + cls(basis.kind)));
      if (basis.secondary_only) add(box, badge("secondary only", "secondary"));
      return box;
    }

    /* How we know: the rule, the reasoning in words, and each premise with its own basis and quotes. */
    function basisPanel(basis) {
      const box = el("div", "basis " + cls(basis.kind));
      if (basis.kind === "reported") return citationList(basis.citations || []);
      if (basis.kind !== "inferred") return box;
      add(box, el("p", "rule", "Rule: " + basis.rules.join("; ")));
      if (basis.reasoning) add(box, el("p", "reasoning", basis.reasoning));
      const list = el("ul", "premises");
      basis.premises.forEach(function (p) {
        const item = el("li", "premise");
        const head = el("div", "premise-head");
        add(head, info[p.id] ? linkTo(p.id, p.label || p.id) : el("span", null, p.label || p.id), basisBadges(p));
        add(item, head);
        if (p.evidence.length) add(item, evidenceList(p.evidence));
        else if (p.premises.length) add(item, el("p", "hint", "Itself inferred from: " + p.premises.join(", ")));
        add(list, item);
      });
      add(box, list);
      return box;
    }

    function attributeList(pairs) {
      const dl = el("dl", "attributes");
      pairs.forEach(function (p) { add(dl, el("dt", null, p[0]), el("dd", null, p[1])); });
      return dl;
    }

    function disagreement(c) {
      const box = el("div", "disagreement");
      add(box, el("p", "hint", "The sources give " + c.claims.length + " values for its " + c.property +
        "; all are kept, the preferred one is used in answers."));
      c.claims.forEach(function (claim) {
        const head = el("div", "claim-head");
        add(head, el("strong", null, claim.value_label), badge(claim.rank, "rank-" + cls(claim.rank)));
        add(box, head, evidenceList(claim.evidence));
      });
      return box;
    }

    function changeFor(id) {
      const changes = compareChanges();
      if (!changes) return null;
      for (let i = 0; i < changes.length; i++) {
        const c = changes[i];
        if (c.clause === id || c.from_term === id || c.to_term === id) return c;
      }
      return null;
    }

    function showNode(id) {
      const node = info[id];
      const box = clear(byId("details"));
      const chip = el("div", "kind-chip");
      add(chip, swatch(node.kind), el("span", null, node.type));
      add(box, chip, el("h2", null, node.label), el("div", "ident", id));
      if (node.basis) add(box, basisBadges(node.basis));
      if (node.alt.length) add(box, el("p", "hint", "Also called: " + node.alt.join(", ")));
      const change = changeFor(id);
      if (change) { section(box, "In this comparison"); add(box, changeCard(change, state.pair.join("|"))); }
      const entry = timelineById[id];
      if (entry) {
        section(box, "Date");
        let when = [["date", entry.date_label + (entry.date ? " (" + entry.precision + " precision)" : "")]];
        if (!entry.date && (entry.earliest || entry.latest))
          when.push(["between", (entry.earliest || "…") + " and " + (entry.latest || "…")]);
        if (!entry.date) when.push(["place", entry.placement === "inferred"
          ? "placed by inferred orders (marked inferred below)" : "order unknown: no text places it among the others"]);
        entry.inferred_order.forEach(function (o) { when.push(["order", o]); });
        if (entry.parties.length) when.push(["parties", entry.parties.join(", ")]);
        add(box, attributeList(when));
        if (entry.date && snapshotByKey[entry.date]) {
          const asOf = el("button", "plain", "Show the graph as of " + entry.date_label);
          asOf.type = "button";
          asOf.addEventListener("click", function () { setTime(entry.date); });
          add(box, asOf);
        }
      }
      (conflictsBySubject[id] || []).forEach(function (c) {
        section(box, "Sources disagree on the " + c.property);
        add(box, disagreement(c));
      });
      if (node.attributes.length) { section(box, "Properties"); add(box, attributeList(node.attributes)); }
      const links = edgesOf[id] || [];
      if (links.length) {
        section(box, "Links (" + links.length + ")");
        const list = el("ul", "links");
        links.forEach(function (eid) {
          const e = baseEdge[eid];
          const other = e.from === id ? e.to : e.from;
          const li = el("li");
          add(li, el("span", "predicate", (factOf(eid) === id ? "→ " : "← ") + predicateOf(eid)), linkTo(other));
          add(list, li);
        });
        add(box, list);
      }
      if (node.basis && node.basis.kind === "reported") {
        section(box, "How we know: reported (" + node.basis.citations.length + " reports)");
        add(box, el("p", "hint", "Public reporting outside the corpus says this; it is written in our own words and no sentence of a report is stored."),
          citationList(node.basis.citations));
      } else if (node.basis && node.basis.kind === "inferred") {
        section(box, "How we know: inferred");
        add(box, el("p", "hint", "No quote states this; it is derived from the facts below, each with its own basis."),
          basisPanel(node.basis));
      } else {
        section(box, "Sources (" + node.evidence.length + ")");
        add(box, evidenceList(node.evidence));
      }
      node.value_bases.forEach(function (v) {
        if (v.basis.kind === "stated") return;
        section(box, "Its " + v.property + " (" + (info[v.value] ? info[v.value].label : v.value) + ") is " + v.basis.kind);
        if (v.basis.kind === "disputed") add(box, el("p", "hint", v.basis.reasoning));
        else add(box, basisPanel(v.basis));
      });
    }

    function factOf(eid) { return eid.split("|")[0]; }
    function predicateOf(eid) {
      const key = eid.split("|")[1];
      return data.predicates[key] || key;
    }

    function showEdge(eid) {
      const e = baseEdge[eid];
      const fact = factOf(eid);
      const box = clear(byId("details"));
      add(box, el("div", "kind-chip", "Link"));
      const h = el("h2");
      add(h, linkTo(e.from), document.createTextNode(" → "), linkTo(e.to));
      add(box, h, el("p", "hint", predicateOf(eid) + ", as stated by " + labelOf(fact)));
      section(box, "Stated by");
      add(box, linkTo(fact));
      section(box, "Sources (" + info[fact].evidence.length + ")");
      add(box, evidenceList(info[fact].evidence));
    }

    function showOverview() {
      const box = clear(byId("details"));
      add(box, el("h2", null, "How to read this"));
      add(box, el("p", "hint",
        "Each grid is one partnership: its agreements in time order (columns) and the term each sets for " +
        "a clause (rows), so a row reads as the history of a clause. The layered drawing shows who hosts, " +
        "serves, distributes or supplies compute for what. Click any node or link for its properties and " +
        "every source behind it; the tabs answer who hosts what and what changed between two agreements, " +
        "the slider at the top shows the graph as of any month, and Timeline draws how roles and terms run over time. Zoom with the wheel; Fit shows it all."));
      if (data.conflicts.length) {
        section(box, "Where sources disagree");
        const disputed = el("ul", "links");
        data.conflicts.forEach(function (c) {
          const li = el("li");
          const values = c.claims.map(function (claim) { return claim.value_label; }).join(" or ");
          add(li, linkTo(c.subject), el("span", "hint", " — " + c.property + ": " + values));
          add(disputed, li);
        });
        add(box, disputed);
      }
      const exclusive = data.hosts.filter(function (h) { return h.exclusivity === "exclusive"; });
      if (exclusive.length) {
        section(box, "Exclusive arrangements now");
        const list = el("ul", "links");
        exclusive.forEach(function (h) {
          const li = el("li");
          add(li, linkTo(h.id, h.provider + " " + h.role + " " + h.hosted));
          add(list, li);
        });
        add(box, list);
      }
    }

    function select(id, options) {
      options = options || {};
      if (info[id]) {
        if (state.hiddenKinds[info[id].kind]) showKind(info[id].kind, true);
        state.selected = id;
        network.selectNodes([id]);
        showNode(id);
        if (options.focus) network.focus(id, { scale: Math.max(network.getScale(), 0.85), animation: false });
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

    function changeCard(c, pair) {
      const card = el("div", "change " + cls(c.status));
      const head = el("div", "head");
      add(head, linkTo(c.clause, c.clause_label), badge(c.status, cls(c.status)));
      add(card, head);
      if (c.differences.length) {
        const diff = el("ul", "diff");
        c.differences.forEach(function (d) {
          const li = el("li");
          add(li, el("span", "attr", d.attribute + ": "), el("span", "old", d.old),
            document.createTextNode(" → "), el("span", "new", d.new));
          add(diff, li);
        });
        add(card, diff);
      }
      if (c.change_note) add(card, el("p", "note", c.change_note));
      const marks = pair && (data.redlines[pair] || {})[c.clause];
      if (marks) add(card, redline(c, marks));
      const terms = el("div", "hint");
      if (c.from_term) add(terms, document.createTextNode("Before: "), linkTo(c.from_term), document.createTextNode(" "));
      if (c.to_term) add(terms, document.createTextNode("After: "), linkTo(c.to_term));
      if (c.from_term || c.to_term) add(card, terms);
      const count = c.from_evidence.length + c.to_evidence.length;
      if (count) {
        let details = el("details");
        add(details, el("summary", null, "Sources (" + count + ")"));
        if (c.from_evidence.length) add(details, el("div", "hint", "Before"), evidenceList(c.from_evidence));
        if (c.to_evidence.length) add(details, el("div", "hint", "After"), evidenceList(c.to_evidence));
        add(card, details);
      }
      return card;
    }

    /* A clause's two versions side by side, the changed words marked (computed by the library),
       each side's basis and quotes beneath. */
    function redline(c, marks) {
      const box = el("div", "redline");
      [["Before", c.from_term, marks.from, c.from_basis, c.from_evidence],
       ["After", c.to_term, marks.to, c.to_basis, c.to_evidence]].forEach(function (side) {
        const col = el("div", "side");
        add(col, el("div", "side-head", side[0]));
        const text = el("p", "words");
        side[2].forEach(function (run, i) {
          if (i) add(text, document.createTextNode(" "));
          add(text, run[0] === "same" ? document.createTextNode(run[1]) : el(run[0], null, run[1]));
        });
        add(col, text);
        if (side[3]) add(col, basisBadges(side[3]));
        if (side[4].length) add(col, evidenceList(side[4].slice(0, 1)));
        if (side[4].length > 1) add(col, el("div", "hint", "and " + (side[4].length - 1) + " more in Sources below"));
        add(col, linkTo(side[1], "open this version"));
        add(box, col);
      });
      return box;
    }

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
    byId("fit").addEventListener("click", function () { network.fit({ animation: false }); });  // all, however small
    byId("footer").textContent = data.meta.nodes + " nodes and " + data.meta.edges + " links drawn from " +
      data.meta.triples + " triples · " + data.evidence.length + " quotes from the sources · partnership-kg " +
      data.meta.version + " · self-contained: this page makes no network requests";
    restyle();
  })(core);
