"""One folder per component: its Python, its templates, its CSS and its script, all named after it."""
