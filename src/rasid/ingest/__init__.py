"""Ingest: turn files and feeds into ``Article`` objects (the first layer of the data flow)."""
