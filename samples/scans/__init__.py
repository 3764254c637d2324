"""Scanned copies of the sample 児童手当 forms, with seeded degradations (see README.md)."""
