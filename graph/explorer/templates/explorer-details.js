/* The explorer, part 2: the details panel (a node's or a link's properties, dates, sources and
 * how we know, the overview) and the cards of what changed. Part 3 (explorer-panels.js) shows
 * them through `core.details`, which this part fills. Text only, as in part 1. */
  (function (core) {
    const {
      data, info, baseEdge, edgesOf, timelineById, conflictsBySubject, snapshotByKey, state, ui, el,
      add, clear, byId, swatch, linkTo, badge, safeUrl, labelOf, cls, compareChanges
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
          asOf.addEventListener("click", function () { ui.setTime(entry.date); });
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

    // -- what changed: a clause's card ------------------------------------------------------------

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

    core.details = { showNode: showNode, showEdge: showEdge, showOverview: showOverview, changeCard: changeCard };
  })(core);
