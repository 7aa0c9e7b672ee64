"""Comparison: line up the claims several articles make about the same fact.

items (figures with their context) → blocking (candidate pairs) → similarity
(guards and a score) → groups (mutual best pairs, connected) → verdicts.
"""
