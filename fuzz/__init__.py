"""Fuzz targets for every parser of untrusted input; run with `python fuzz/run.py`."""
