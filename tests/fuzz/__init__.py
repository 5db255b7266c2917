"""Seeded generators of hostile and broken inputs (issue 11), shared by the fuzz test
in the suite and the 10,000-input fuzz script `tests/fuzz/run_fuzz.py`."""
