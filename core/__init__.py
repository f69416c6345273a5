"""Shared utilities any app may import: cache generations, upload checks, site-wide middleware."""
