"""Benchmark of build speed and page weight: `make bench` runs `python -m bench.run`."""
