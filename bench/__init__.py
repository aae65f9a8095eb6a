"""Benchmarks: load against a real server on loopback, reported as ratios to a floor."""
