"""Moving data between installations: packages, xlsx round trips (issue 7)."""
