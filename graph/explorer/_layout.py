"""Fixed positions for the explorer's nodes, computed in Python so the first paint is still.

* **Agreements × clauses**: one grid per partnership, with a column per agreement (in timeline
  order) and a row per clause; each term sits where its agreement and clause cross, so a row
  reads as the history of a clause.
* **Who hosts what**: a layered drawing (partnerships, organisations, clouds and other
  providers, roles, hosted things), one block per connected component (networkx), with nodes
  ordered to reduce crossings and placed so that no two boxes overlap.

The blocks are then packed to fill a landscape window. Sizes are estimated from label lengths
and the widths the styles allow, so labels do not overlap at first view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.explorer._view import View, ViewNode

if TYPE_CHECKING:
    import networkx as nx

GAP_X = 48.0
"""Horizontal space between two columns or layers."""
GAP_Y = 12.0
"""Vertical space between two boxes in a column."""
BAND_LANE = 24.0
"""Height of the row that shows one undated agreement's possible dates under a grid's headers."""


@dataclass(frozen=True)
class Box:
    """The size a node is drawn at (estimated from its label)."""

    width: float
    height: float


@dataclass(frozen=True)
class Sizing:
    """How big one kind of node is drawn: font size, width of its text, inner margin."""

    font: int
    max_width: int
    margin: int = 8
    below: bool = False
    """The label is drawn under a small shape (diamond, hexagon) rather than inside it."""


SIZES: dict[str, Sizing] = {
    "organisation": Sizing(18, 150),
    "partnership": Sizing(13, 120, below=True),
    "cloud": Sizing(15, 96),
    "product": Sizing(13, 150),
    "role": Sizing(12, 130, below=True),
    "agreement": Sizing(13, 112),
    "clause": Sizing(13, 140, margin=2),
    "term": Sizing(12, 104),
}

SQUARE = frozenset({"cloud"})
"""Kinds drawn as tall as they are wide (vis-network's database shape)."""

_SHAPE_SIZE = 11.0  # radius of the diamonds and hexagons that carry their label below


def box_for(kind: str, label: str) -> Box:
    """Estimate the drawn size of a node from its label, erring on the large side.

    vis-network breaks a label on spaces to stay within the kind's width and draws each line
    one font size high; a box adds its margin on each side and a few pixels. Glyphs are taken
    as 0.7 em wide when wrapping (measured in Chromium, no label wraps to more lines than that
    predicts) and 0.62 em when measuring the longest line.
    """
    sizing = SIZES[kind]
    capacity = max(1, int(sizing.max_width / (sizing.font * 0.7)))
    lines = [line for paragraph in label.split("\n") for line in _wrap(paragraph, capacity)]
    text_width = min(sizing.max_width, max(len(line) for line in lines) * sizing.font * 0.62)
    height: float = len(lines) * sizing.font + 2 * sizing.margin
    if sizing.below:
        return Box(max(text_width, 2 * _SHAPE_SIZE), height + 2 * _SHAPE_SIZE + 4)
    width = text_width + 2 * sizing.margin
    if kind != "clause":  # vis-network's text shape has no frame
        height += 10
    if kind in SQUARE:
        width = height = max(width, height)
    return Box(width, height)


def _wrap(text: str, capacity: int) -> list[str]:
    """Greedy word wrap to ``capacity`` characters a line, as vis-network does (it never splits a word)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= capacity:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Layout:
    """Positions (centre of each node) and the ids of clause links worth showing at first."""

    positions: dict[str, tuple[float, float]]
    shown_clause_links: set[str]
    band_rows: list[tuple[list[str], float]] = field(default_factory=list)
    """Per grid: its agreement columns and the y of the row kept free under them for the undated
    agreements' bound spans (graph.explorer._bounds draws them)."""


Block = dict[str, tuple[float, float]]
"""Positions of one group of nodes laid out together, before the groups are packed."""


def layout(
    view: View, labels: dict[str, str], agreement_order: Sequence[str], undated: Collection[str] = ()
) -> Layout:
    """Place every node of the view; ``labels`` are the texts drawn, ``agreement_order`` the columns;
    under a grid's headers, a row of BAND_LANE is kept free for each ``undated`` agreement in it."""
    boxes = {nid: box_for(node.kind, labels[nid]) for nid, node in view.nodes.items()}
    matrices, shown, offsets = _matrices(view, boxes, agreement_order, set(undated))
    positions = _pack([*matrices, *_hosting(view, boxes)], boxes)
    rows = [(cols, round(positions[cols[0]][1] + offset, 1)) for cols, offset in offsets if offset]
    return Layout({n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}, shown, rows)


# -- agreements × clauses ----------------------------------------------------------------------


def _matrices(
    view: View, boxes: dict[str, Box], agreement_order: Sequence[str], undated: set[str]
) -> tuple[list[Block], set[str], list[tuple[list[str], float]]]:
    """One matrix per partnership (partnerships that share a clause share a matrix)."""
    from networkx.utils import UnionFind

    agreements = [a for a in agreement_order if a in view.nodes]
    agreements += [n.id for n in view.of_kind("agreement") if n.id not in agreements]
    ends: dict[str, dict[str, str]] = {"kg:clause": {}, "kg:agreement": {}, "kg:partnership": {}}
    for edge in view.edges:
        if edge.predicate in ends:
            fact = edge.fact
            ends[edge.predicate][fact] = edge.target if edge.source == fact else edge.source
    clause_of, agreement_of = ends["kg:clause"], ends["kg:agreement"]
    groups: UnionFind[str | tuple[str, str]] = UnionFind(agreements)
    for agreement, partnership in ends["kg:partnership"].items():
        groups.union(agreement, ("partnership", partnership))
    first_agreement: dict[str, str] = {}
    loose: list[str] = []
    for term in view.of_kind("term"):
        clause, agreement = clause_of.get(term.id), agreement_of.get(term.id)  # type: ignore[assignment]
        if clause is None or agreement is None:
            loose.append(term.id)
            continue
        groups.union(agreement, first_agreement.setdefault(clause, agreement))
    blocks: list[Block] = []
    shown: set[str] = set()
    offsets: list[tuple[list[str], float]] = []
    members = [
        [a for a in agreements if groups[a] == root] for root in dict.fromkeys(groups[a] for a in agreements)
    ]
    for i, columns in enumerate(members):
        in_group = set(columns)
        clauses = [
            c.id
            for c in sorted(view.of_kind("clause"), key=lambda c: c.label.lower())
            if first_agreement.get(c.id) in in_group or (i == 0 and c.id not in first_agreement)
        ]
        terms = [t for t in clause_of if agreement_of.get(t) in in_group and t in view.nodes]
        lanes = len(undated.intersection(columns))
        block, first = _matrix(columns, clauses, terms, clause_of, agreement_of, boxes, lanes)
        header = max(boxes[a].height for a in columns)
        offsets.append((columns, header / 2 + GAP_Y if lanes else 0.0))
        blocks.append(block)
        shown.update(f"{term}|kg:clause|{clause_of[term]}" for term in first)
    if loose:
        blocks.append(_stack(loose, boxes))
    return blocks, shown, offsets


def _matrix(
    agreements: list[str],
    clauses: list[str],
    terms: list[str],
    clause_of: dict[str, str],
    agreement_of: dict[str, str],
    boxes: dict[str, Box],
    lanes: int = 0,
) -> tuple[Block, list[str]]:
    """Agreements as columns, clauses as rows, each term at its crossing, ``lanes`` free rows
    between the headers and the clauses; returns the first term of each row too (the one whose
    clause link is shown)."""
    column = {a: i for i, a in enumerate(agreements)}
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for term in terms:
        cells[clause_of[term]][column[agreement_of[term]]].append(term)
    clauses = sorted(clauses, key=lambda c: min(cells[c], default=len(agreements)))
    col_width = max(boxes[n].width for n in [*agreements, *terms]) + GAP_X / 2
    head_width = max((boxes[c].width for c in clauses), default=0.0)
    x_of = [head_width + GAP_X / 2 + col_width * (i + 0.5) for i in range(len(agreements))]
    header = max(boxes[a].height for a in agreements)
    positions: Block = {a: (x, header / 2) for a, x in zip(agreements, x_of)}
    y = header + GAP_Y * 1.5 + (lanes * BAND_LANE + GAP_Y if lanes else 0.0)
    first: list[str] = []
    for clause in clauses:
        row = cells[clause]
        stack = max((len(ts) for ts in row.values()), default=1)
        slot = max([boxes[clause].height, *(boxes[t].height for ts in row.values() for t in ts)]) + GAP_Y
        positions[clause] = (head_width / 2, y + slot * stack / 2)
        for col, ts in row.items():
            for k, term in enumerate(ts):
                positions[term] = (x_of[col], y + slot * (k + 0.5))
        if row:
            first.append(row[min(row)][0])
        y += slot * stack
    return positions, first


def _stack(nodes: list[str], boxes: dict[str, Box]) -> Block:
    """Nodes one under another."""
    positions: Block = {}
    y = 0.0
    for n in nodes:
        positions[n] = (0.0, y + boxes[n].height / 2)
        y += boxes[n].height + GAP_Y
    return positions


# -- who hosts what ----------------------------------------------------------------------------

_LAYER = {"partnership": 0, "organisation": 1, "cloud": 2, "role": 3, "product": 4}


def _hosting(view: View, boxes: dict[str, Box]) -> list[Block]:
    """One layered block per connected component of the hosting part of the view."""
    import networkx as nx

    members = {n.id: n for n in view.nodes.values() if n.kind in _LAYER}
    if not members:
        return []
    providers = {e.source for e in view.edges_of("kg:provider")}
    layer = {nid: _layer_of(node, nid in providers) for nid, node in members.items()}
    links: nx.Graph[str] = nx.Graph()
    links.add_nodes_from(members)
    links.add_edges_from(
        (e.source, e.target) for e in view.edges if e.visible and e.source in members and e.target in members
    )
    return [
        _layered(sorted(component), layer, links, boxes)
        for component in sorted(nx.connected_components(links), key=lambda c: (-len(c), min(c)))
    ]


def _layer_of(node: ViewNode, is_provider: bool) -> int:
    if node.kind == "product" and is_provider:
        return _LAYER["cloud"]
    return _LAYER[node.kind]


def _layered(
    component: list[str], layer: dict[str, int], links: nx.Graph[str], boxes: dict[str, Box]
) -> Block:
    """Lay one connected component out in columns by layer, ordered by the barycenter heuristic."""
    used = sorted({layer[n] for n in component})
    columns = {lv: [n for n in component if layer[n] == lv] for lv in used}
    index = {n: i for nodes in columns.values() for i, n in enumerate(nodes)}
    for sweep in range(8):
        order = used if sweep % 2 == 0 else used[::-1]
        for lv in order[1:]:
            columns[lv].sort(key=lambda n: _barycenter(n, links, index, layer, lv))
            index.update({n: i for i, n in enumerate(columns[lv])})
    anchor = max(used, key=lambda lv: (len(columns[lv]), -lv))
    ys: dict[str, float] = {}
    _place_column(columns[anchor], {}, boxes, ys)
    for lv in sorted(used, key=lambda lv: abs(lv - anchor))[1:]:
        wanted = {}
        for n in columns[lv]:
            near = [ys[m] for m in links[n] if m in ys]
            if near:
                wanted[n] = sum(near) / len(near)
        _place_column(columns[lv], wanted, boxes, ys)
    positions: dict[str, tuple[float, float]] = {}
    x = 0.0
    for lv in used:
        width = max(boxes[n].width for n in columns[lv])
        for n in columns[lv]:
            positions[n] = (x + width / 2, ys[n])
        x += width + GAP_X
    return positions


def _barycenter(
    node: str, links: nx.Graph[str], index: dict[str, int], layer: dict[str, int], lv: int
) -> float:
    """Mean position of a node's neighbours in other layers (its own, if it has none)."""
    near = [index[m] for m in links[node] if layer[m] != lv]
    return sum(near) / len(near) if near else float(index[node])


def _place_column(
    nodes: list[str], wanted: dict[str, float], boxes: dict[str, Box], ys: dict[str, float]
) -> None:
    """Put nodes in order as near their wanted heights as they can go without overlapping.

    With node i drawn at ``base_i + offset_i`` (offsets stack the boxes), the boxes do not overlap
    exactly when the bases never decrease; pool-adjacent-violators gives the least-squares bases.
    Nodes that want nothing keep their neighbour's base, so they sit right next to it.
    """
    offsets: list[float] = []
    total = 0.0
    for n in nodes:
        offsets.append(total + boxes[n].height / 2)
        total += boxes[n].height + GAP_Y
    wishes = [wanted[n] - off if n in wanted else None for n, off in zip(nodes, offsets)]
    known = [b for b in wishes if b is not None]
    fill = known[0] if known else -total / 2
    bases: list[float] = []
    for wish in wishes:
        fill = fill if wish is None else wish
        bases.append(fill)
    blocks: list[tuple[int, int, float]] = []  # first index, last index, shared base
    for i, base in enumerate(bases):
        first, value = i, base
        while blocks and blocks[-1][2] > value:
            p_first, p_last, p_value = blocks.pop()
            p_count, count = p_last - p_first + 1, i - first + 1
            first, value = p_first, (p_value * p_count + value * count) / (p_count + count)
        blocks.append((first, i, value))
    for first, last, value in blocks:
        for i in range(first, last + 1):
            ys[nodes[i]] = value + offsets[i]


def _pack(blocks: list[Block], boxes: dict[str, Box], aspect: float = 1.45) -> Block:
    """Shelf-pack the blocks, tallest first, into rows; the row width is chosen so that the whole
    drawing fits a window ``aspect`` times as wide as it is tall at the largest scale."""
    if not blocks:
        return {}
    extents = []
    for block in blocks:
        left = min(x - boxes[n].width / 2 for n, (x, _) in block.items())
        right = max(x + boxes[n].width / 2 for n, (x, _) in block.items())
        top = min(y - boxes[n].height / 2 for n, (_, y) in block.items())
        bottom = max(y + boxes[n].height / 2 for n, (_, y) in block.items())
        extents.append((left, top, right - left, bottom - top))
    order = sorted(range(len(blocks)), key=lambda i: -extents[i][3])
    blocks, extents = [blocks[i] for i in order], [extents[i] for i in order]
    widths = [w for _, _, w, _ in extents]
    sums = [sum(widths[: k + 1]) + GAP_X * 2 * k for k in range(len(widths))]
    step = max(1, len(sums) // 24)
    candidates = sorted({max(widths), *sums[::step], sums[-1]})
    options = [(width, tall) for width in candidates for tall in (0.0, width / aspect)]
    best = max(options, key=lambda option: _fit_scale(_shelves(extents, *option)[1], aspect))
    positions: Block = {}
    for block, (left, top, _w, _h), (x, y) in zip(blocks, extents, _shelves(extents, *best)[0]):
        positions.update({n: (px - left + x, py - top + y) for n, (px, py) in block.items()})
    return positions


def _shelves(
    extents: list[tuple[float, float, float, float]], row_width: float, row_limit: float = 0.0
) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """Top-left corner of each block (tallest first) when rows are filled up to ``row_width``, and
    the total size. A block goes under an earlier block of the row when it fits in that block's
    width and in the row's height (or ``row_limit``, if taller), else to the right, else into a
    new row."""
    gap = GAP_X * 1.5
    corners: list[tuple[float, float]] = []
    columns: list[list[float]] = []  # x, width, bottom of what is stacked in each column of the row
    row_top = row_height = width = 0.0
    for _left, _top, w, h in extents:
        room = row_top + max(row_height, row_limit)
        spot = next((c for c in columns if w <= c[1] and c[2] + gap + h <= room), None)
        if spot is not None:
            corners.append((spot[0], spot[2] + gap))
            spot[2] += gap + h
            row_height = max(row_height, spot[2] - row_top)
            continue
        x = columns[-1][0] + columns[-1][1] + gap if columns else 0.0
        if columns and x + w > row_width + 1e-6:
            row_top, row_height, columns, x = row_top + row_height + gap, 0.0, [], 0.0
        if not columns:
            row_height = h
        corners.append((x, row_top))
        columns.append([x, w, row_top + h])
        width = max(width, x + w)
    return corners, (width, row_top + row_height)


def _fit_scale(size: tuple[float, float], aspect: float) -> float:
    """The zoom at which a drawing of this size fills a window ``aspect`` times as wide as tall."""
    width, height = size
    return min(aspect / max(width, 1.0), 1.0 / max(height, 1.0))
