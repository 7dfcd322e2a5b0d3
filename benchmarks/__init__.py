"""The course's speed measurements (run them all with ``make bench``).

Each ``bench_*`` module prints one JSON line per figure (see ``common.record``);
``python -m benchmarks`` runs them in separate processes and prints a table.
Targets come from the course's issues; docs/benchmarks.md has the figures.
Timing is a benchmark, never a test: the tests only check behaviour.
"""
