"""Pages of the main window, each constructed as ``PageClass(context)`` (see ui/pages/base.py)."""
