"""claims: find money figures, quantities, dates and actors in Japanese news, and compare outlets."""

__version__ = "0.1.0"
SCHEMA = 1
# What extract writes into the store: claims an older extractor wrote (without
# frames and spans, version 1) are extracted again when their file is given.
EXTRACTOR = 2
