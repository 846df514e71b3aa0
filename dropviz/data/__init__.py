"""Data in and out: the toy 2-D data sets, untrusted CSV uploads, and saved experiments (no pickle)."""
