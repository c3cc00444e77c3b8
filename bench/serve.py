"""Live preview: the time from saving a YAML file to the rebuilt page under `make serve`, on the sample (S).

Starts `mkdocs serve --livereload` (as `make serve` does) on a copy of the sample, then several times:
changes an activity's title in data/activities/healthcare.yml, saves, and polls the activity's page
until the new title is served. Prints each time and the median (target ≤ 2 s).

    .venv/bin/python bench/serve.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import campaigns

ROOT = campaigns.ROOT
PAGE = "shantou/activities/hospital-open-day/"
TITLE = "title: 医院开放日——让您更懂我，让我更懂您"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until `url` serves `text` (polled every 20 ms); fails after `limit` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    sys.exit(f"{limit:.0f} 秒内没有看到「{text}」：{url}")


def measure(runs: int) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = campaigns.project("S", Path(tmp) / "S", ROOT / ".cache" / "bench" / "photos")
        port = free_port()
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PYTHONPATH": str(ROOT / "hooks"),
            "CAMPAIGN_IMAGE_CACHE": str(ROOT / ".cache" / "images"),
            "CAMPAIGN_QR_CACHE": str(ROOT / ".cache" / "qr"),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/{PAGE}"
            wait_for(url, "医院开放日", 120)  # the first build
            data = project / "data" / "activities" / "healthcare.yml"
            original, times = data.read_text(encoding="utf-8"), []
            for n in range(runs):
                marker = f"开放日第{n + 1}次修改"
                time.sleep(1)  # a quiet server, as after an editor's pause
                data.write_text(original.replace(TITLE, f"title: {marker}"), encoding="utf-8")
                times.append(wait_for(url, marker, 60))
            return times
        finally:
            server.terminate()
            server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    times = measure(parser.parse_args().runs)
    print(
        f"make serve（示例 S）：保存 YAML 到页面更新 {statistics.median(times):.2f} s（中位数，目标 ≤ 2 s）；"
        f"各次 {', '.join(f'{t:.2f}' for t in times)} s"
    )


if __name__ == "__main__":
    main()
