"""Sample 児童手当 forms, their ground truth and template (see README.md)."""
