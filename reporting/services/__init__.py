"""Writes: keyword-only typed arguments, atomic, user-facing messages as module constants."""
