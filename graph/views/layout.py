"""Node positions computed ahead of drawing, so the browser never runs physics.

A grid-accelerated Fruchterman-Reingold layout in pure Python: networkx's
``spring_layout`` needs numpy (and scipy past 500 nodes), which akg does not
depend on. Repulsion only acts within two ideal edge lengths (the grid variant
of the original paper); farther nodes repel through the centroids of coarse
cells, so one iteration costs about O(nodes + edges + cells²/16). Connected
components are laid out one by one and packed in rows. Pure floats
and a seeded generator make the result identical on every run and platform.
"""
from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable

import networkx as nx

__all__ = ["spring_positions"]

Point = tuple[float, float]

NEIGHBOUR_CELLS = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))  # each pair of cells visited once
FAR_CELLS = 4  # a coarse cell spans FAR_CELLS x FAR_CELLS grid cells


def spring_positions(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                     edge_length: float = 120.0, iterations: int = 60, seed: int = 7) -> dict[Hashable, Point]:
    """Positions (pixels, rounded to 0.1) for ``nodes`` given undirected ``edges``; same input, same output.

    Each connected component is laid out on its own, then the components are packed in rows,
    largest first, so small islands neither fly away nor crowd the main component.

    Example:
        >>> pos = spring_positions(["a", "b", "c", "d"], [("a", "b"), ("b", "c")])
        >>> sorted(pos) == ["a", "b", "c", "d"]
        True
    """
    order = list(nodes)
    skeleton = nx.Graph()
    skeleton.add_nodes_from(range(len(order)))
    index = {n: i for i, n in enumerate(order)}
    skeleton.add_edges_from((index[a], index[b]) for a, b in edges if a != b)
    components = sorted((sorted(c) for c in nx.connected_components(skeleton)), key=lambda c: (-len(c), c[0]))
    blocks = [_component(c, skeleton, edge_length, iterations, seed) for c in components]
    return {order[i]: (round(x, 1), round(y, 1)) for i, (x, y) in _pack(blocks, edge_length).items()}


def _component(members: list[int], skeleton: nx.Graph, edge_length: float, iterations: int,
               seed: int) -> dict[int, Point]:
    """Fruchterman-Reingold positions of one connected component, its bounding box starting at (0, 0)."""
    local = {n: i for i, n in enumerate(members)}
    pairs = sorted(tuple(sorted((local[a], local[b]))) for a, b in skeleton.subgraph(members).edges)
    xs, ys = _initial(len(members), edge_length, seed)
    side = edge_length * math.sqrt(len(members))
    for step in range(iterations if len(members) > 1 else 0):
        temperature = side / 8 * (1 - step / iterations) + edge_length / 20
        dx, dy = _repulsion(xs, ys, edge_length)
        _attraction(xs, ys, pairs, edge_length, dx, dy)
        _move(xs, ys, dx, dy, temperature)
    left, top = min(xs), min(ys)
    return {n: (xs[i] - left, ys[i] - top) for i, n in enumerate(members)}


def _pack(blocks: list[dict[int, Point]], gap: float) -> dict[int, Point]:
    """Place component layouts in rows (shelf packing), rows about as wide as the whole is tall."""
    sizes = [(max(x for x, _ in b.values()) + gap, max(y for _, y in b.values()) + gap) for b in blocks]
    row_width = max(math.sqrt(sum(w * h for w, h in sizes)) * 1.2, max((w for w, _ in sizes), default=0))
    out: dict[int, Point] = {}
    x = y = row_height = 0.0
    for block, (w, h) in zip(blocks, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        out.update({n: (px + x, py + y) for n, (px, py) in block.items()})
        x, row_height = x + w, max(row_height, h)
    return out


def _initial(n: int, edge_length: float, seed: int) -> tuple[list[float], list[float]]:
    """Uniform random start in a square sized for ``n`` nodes at ``edge_length`` spacing."""
    rng = random.Random(seed)
    half = edge_length * math.sqrt(max(n, 1)) / 2
    return [rng.uniform(-half, half) for _ in range(n)], [rng.uniform(-half, half) for _ in range(n)]


def _repulsion(xs: list[float], ys: list[float], k: float) -> tuple[list[float], list[float]]:
    """Displacements from the k²/d repulsion: exact below 2k, by cell centroids farther away."""
    grid = _grid(xs, ys, 2 * k)
    dx, dy = [0.0] * len(xs), [0.0] * len(xs)
    _near(xs, ys, grid, k, dx, dy)
    _far(xs, ys, grid, k, dx, dy)
    return dx, dy


def _grid(xs: list[float], ys: list[float], cell: float) -> dict[tuple[int, int], list[int]]:
    """Node indices binned into square cells of side ``cell``."""
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys)):
        grid[(math.floor(x / cell), math.floor(y / cell))].append(i)
    return grid


def _near(xs, ys, grid, k: float, dx: list[float], dy: list[float]) -> None:
    """Exact repulsion between nodes in neighbouring cells that are closer than 2k."""
    k2, reach2 = k * k, 4 * k * k
    for (cx, cy), members in grid.items():
        for ox, oy in NEIGHBOUR_CELLS:
            others = grid.get((cx + ox, cy + oy))
            if not others:
                continue
            same = ox == 0 and oy == 0
            for a_pos, a in enumerate(members):
                ax, ay, fax, fay = xs[a], ys[a], 0.0, 0.0
                for b in (members[a_pos + 1:] if same else others):
                    vx, vy = ax - xs[b], ay - ys[b]
                    d2 = vx * vx + vy * vy
                    if d2 >= reach2:
                        continue
                    if d2 < 1e-6:  # coincident nodes: push apart along a fixed, index-derived direction
                        vx, vy, d2 = 0.1 * (1 + a % 7), 0.1 * (1 + b % 5), 0.01 * ((1 + a % 7) ** 2 + (1 + b % 5) ** 2)
                    f = k2 / d2
                    fx, fy = vx * f, vy * f
                    fax += fx
                    fay += fy
                    dx[b] -= fx
                    dy[b] -= fy
                dx[a] += fax
                dy[a] += fay


def _far(xs, ys, grid, k: float, dx: list[float], dy: list[float]) -> None:
    """Repulsion from every other region, each coarse cell (FAR_CELLS² grid cells) acting from its centroid."""
    coarse: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for (cx, cy), members in grid.items():
        acc = coarse[(cx // FAR_CELLS, cy // FAR_CELLS)]
        acc[0] += sum(xs[i] for i in members)
        acc[1] += sum(ys[i] for i in members)
        acc[2] += len(members)
    centres = [(key, sx / n, sy / n, n) for key, (sx, sy, n) in coarse.items()]
    k2 = k * k
    for (cx, cy), members in grid.items():
        own = (cx // FAR_CELLS, cy // FAR_CELLS)
        px = sum(xs[i] for i in members) / len(members)
        py = sum(ys[i] for i in members) / len(members)
        fx = fy = 0.0
        for key, qx, qy, n in centres:
            if key == own:
                continue
            vx, vy = px - qx, py - qy
            f = n * k2 / max(vx * vx + vy * vy, k2)
            fx += vx * f
            fy += vy * f
        for i in members:
            dx[i] += fx
            dy[i] += fy


def _attraction(xs: list[float], ys: list[float], pairs: list[tuple[int, int]], k: float,
                dx: list[float], dy: list[float]) -> None:
    """Add the d²/k attraction along every edge to the displacements."""
    for a, b in pairs:
        vx, vy = xs[a] - xs[b], ys[a] - ys[b]
        f = math.sqrt(vx * vx + vy * vy) / k
        dx[a] -= vx * f
        dy[a] -= vy * f
        dx[b] += vx * f
        dy[b] += vy * f


def _move(xs: list[float], ys: list[float], dx: list[float], dy: list[float], temperature: float) -> None:
    """Move every node along its displacement, at most ``temperature`` pixels."""
    for i in range(len(xs)):
        d = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
        if d > 0:
            scale = min(d, temperature) / d
            xs[i] += dx[i] * scale
            ys[i] += dy[i] * scale
