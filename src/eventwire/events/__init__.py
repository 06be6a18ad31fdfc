"""Event coding: CAMEO/PLOVER events from parsed sentences (issue 4)."""
