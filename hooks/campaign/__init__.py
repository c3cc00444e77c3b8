"""The campaign site core: data → load and validate → model → pages.

Plain Python, importable and tested without MkDocs; `hooks/campaign_hooks.py` is the thin
adapter that feeds what this package produces into an MkDocs build.
"""
