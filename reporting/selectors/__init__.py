"""Reads. Each module returns querysets or plain data; scoping lives in ``access``."""
