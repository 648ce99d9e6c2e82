"""Node positions computed ahead of drawing, so the browser never runs physics.

A grid-accelerated Fruchterman-Reingold layout in pure Python: networkx's
``spring_layout`` needs numpy (and scipy past 500 nodes), which akg does not
depend on. Repulsion only acts within two ideal edge lengths (the grid variant
of the original paper), so one iteration costs O(nodes + edges). Pure floats
and a seeded generator make the result identical on every run and platform.
"""
from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable

__all__ = ["spring_positions"]

Point = tuple[float, float]

NEIGHBOUR_CELLS = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))  # each pair of cells visited once


def spring_positions(nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]],
                     edge_length: float = 150.0, iterations: int = 60, seed: int = 7) -> dict[Hashable, Point]:
    """Positions (pixels, rounded to 0.1) for ``nodes`` given undirected ``edges``; same input, same output.

    Example:
        >>> pos = spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
        >>> sorted(pos) == ["a", "b", "c"]
        True
    """
    order = list(nodes)
    index = {n: i for i, n in enumerate(order)}
    pairs = sorted({tuple(sorted((index[a], index[b]))) for a, b in edges if a != b})
    xs, ys = _initial(len(order), edge_length, seed)
    side = edge_length * math.sqrt(max(len(order), 1))
    for step in range(iterations):
        temperature = side / 8 * (1 - step / iterations) + edge_length / 20
        dx, dy = _repulsion(xs, ys, edge_length)
        _attraction(xs, ys, pairs, edge_length, dx, dy)
        _move(xs, ys, dx, dy, temperature)
    return {n: (round(xs[i], 1), round(ys[i], 1)) for i, n in enumerate(order)}


def _initial(n: int, edge_length: float, seed: int) -> tuple[list[float], list[float]]:
    """Uniform random start in a square sized for ``n`` nodes at ``edge_length`` spacing."""
    rng = random.Random(seed)
    half = edge_length * math.sqrt(max(n, 1)) / 2
    return [rng.uniform(-half, half) for _ in range(n)], [rng.uniform(-half, half) for _ in range(n)]


def _repulsion(xs: list[float], ys: list[float], k: float) -> tuple[list[float], list[float]]:
    """Displacements from the k²/d repulsion between nodes closer than 2k (grid of 2k cells)."""
    cell = 2 * k
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (x, y) in enumerate(zip(xs, ys)):
        grid[(math.floor(x / cell), math.floor(y / cell))].append(i)
    dx, dy = [0.0] * len(xs), [0.0] * len(xs)
    k2, reach2 = k * k, cell * cell
    for (cx, cy), members in grid.items():
        for ox, oy in NEIGHBOUR_CELLS:
            others = grid.get((cx + ox, cy + oy))
            if not others:
                continue
            same = ox == 0 and oy == 0
            for a_pos, a in enumerate(members):
                ax, ay = xs[a], ys[a]
                for b in (members[a_pos + 1:] if same else others):
                    vx, vy = ax - xs[b], ay - ys[b]
                    d2 = vx * vx + vy * vy
                    if d2 >= reach2:
                        continue
                    if d2 < 1e-6:
                        vx, vy, d2 = 0.1 * (1 + a % 7), 0.1 * (1 + b % 5), 0.01 * (1 + a % 7) ** 2
                    f = k2 / d2
                    dx[a] += vx * f
                    dy[a] += vy * f
                    dx[b] -= vx * f
                    dy[b] -= vy * f
    return dx, dy


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
