"""One answer on every engine: the conformance run (``python -m graph.conformance``).

graph.conformance._cases lists the cases and makes their answers canonical;
graph.conformance._servers starts real servers on loopback; graph.conformance._run asks every
engine and prints the table.
"""
