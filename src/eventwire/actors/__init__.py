"""Actor resolution: names in text -> coded actors (issue 3)."""
