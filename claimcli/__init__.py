"""claims: find money figures, quantities, dates and actors in Japanese news, and compare outlets."""

__version__ = "0.1.0"
SCHEMA = 1
