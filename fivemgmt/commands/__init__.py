"""CLI subcommands, one module each, discovered by fivemgmt.cli."""
