"""Sample forms of six other municipal procedures, with ground truth (see README.md)."""
