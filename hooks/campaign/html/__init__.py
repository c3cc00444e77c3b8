"""Rendering: the Jinja environment, the components' assets and the caches of work kept between builds."""
