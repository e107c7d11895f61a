"""Sync with the hub: change capture, hub schema, push/pull, merge. No Qt (docs/sync.md)."""
