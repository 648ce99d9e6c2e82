"""Precomputed positions: deterministic, every node placed, structure visible, islands kept near."""
import math

from graph.views.layout import spring_positions

TWO_TRIANGLES = (["a1", "a2", "a3", "b1", "b2", "b3"],
                 [("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3"), ("a1", "b1")])


def test_same_input_same_positions():
    nodes, edges = TWO_TRIANGLES
    assert spring_positions(nodes, edges) == spring_positions(nodes, edges)
    assert spring_positions(nodes, edges, seed=1) != spring_positions(nodes, edges, seed=2)


def test_linked_nodes_end_closer_than_unlinked():
    nodes, edges = TWO_TRIANGLES
    pos = spring_positions(nodes, edges)
    inside = max(math.dist(pos[a], pos[b]) for a, b in edges[:6])
    across = min(math.dist(pos[a], pos[b]) for a in nodes[:3] for b in nodes[3:] if (a, b) != ("a1", "b1"))
    assert inside < across


def test_every_node_placed_and_no_two_on_one_spot():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(nodes[0], n) for n in nodes[1:30]]  # a star, plus ten isolated nodes
    pos = spring_positions(nodes, edges)
    assert set(pos) == set(nodes)
    assert min(math.dist(pos[a], pos[b]) for i, a in enumerate(nodes) for b in nodes[i + 1:]) > 10


def test_islands_stay_within_reach_of_the_main_component():
    nodes = [f"n{i}" for i in range(30)] + ["lonely"]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(29)]
    pos = spring_positions(nodes, edges)
    main_span = max(math.dist(pos[a], pos[b]) for a in nodes[:30] for b in nodes[:30])
    assert min(math.dist(pos["lonely"], pos[n]) for n in nodes[:30]) < main_span
