"""The library version, stamped on every computed result."""

__version__ = "0.1.0.dev0"
