"""Benchmarks and load test: `bench/run.py` (figures as JSON lines) and `bench/loadtest.py`."""
