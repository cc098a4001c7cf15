"""Fuzzing marsad's readers and stages with hypothesis: ``python fuzz/run.py TARGET`` (see README.md)."""
