"""Qt table models over plain core objects (see ui/models/base.py)."""
