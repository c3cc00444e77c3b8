"""The site's pages: every generated page (site/pages.py), the open data, and the page templates."""
