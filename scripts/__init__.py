"""Benchmark tooling (make bench); never imported by the portal at run time."""
