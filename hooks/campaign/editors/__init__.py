"""The editors' tools behind make check, make new-activity and make import."""
