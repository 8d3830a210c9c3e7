"""One answer on every engine: the conformance run (``python -m conformance`` from the checkout).

A test harness, not part of the wheel: it needs tests/golden/ and starts real servers.

conformance._cases lists the cases and makes their answers canonical;
conformance._servers starts real servers on loopback; conformance._run asks every
engine and prints the table.
"""
