"""innercritic: a gentle terminal journal for talking with your inner critic."""

__version__ = "0.1.0"
