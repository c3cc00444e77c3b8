"""One strict MkDocs build in this process, as `mkdocs build` does it, timing the photo work on the way.

Usage: build_once.py <mkdocs.yml> <site-dir>; prints one JSON line: photo seconds, photos, peak memory.
Photo work is everything the build does for photos: hashing and cache checks (process_images),
listing the outputs (site_files), linking them into the site and MkDocs copying any it must.
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File

spent = {"images": 0.0, "photos": 0}


def timed(function, count=False):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
        finally:
            spent["images"] += time.perf_counter() - start
        if count:
            spent["photos"] += len(result)
        return result

    return wrapper


def _photos(outputs: dict) -> bool:
    return next(iter(outputs), "").startswith("images/")  # the hook links QR codes and photos in two calls


def main() -> None:
    config_file, site_dir = sys.argv[1:]
    if Path(config_file).resolve().parent.joinpath("hooks").exists():  # a campaign, not plain Material
        from campaign.features.gallery import images

        # Patched before the hook file imports them by name (load_config loads the hook).
        images.process_images = timed(images.process_images, count=True)
        images.site_files = timed(images.site_files)
        from campaign.html import cache

        link = cache.link_into
        timed_link = timed(link)
        cache.link_into = lambda site, outputs: (timed_link if _photos(outputs) else link)(site, outputs)
        copy = File.copy_file
        File.copy_file = lambda self, dirty=False: (timed(copy) if self.dest_uri.startswith("images/") else copy)(
            self, dirty
        )
    build(load_config(config_file, site_dir=site_dir, strict=True))
    memory = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({**spent, "memory": memory * 1024}))


if __name__ == "__main__":
    main()
