"""The README's nginx snippet, served by Debian's nginx over the built sample: text compressed, .ics as
text/calendar, a year's cache for files whose names carry a hash, the 404 page."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import subprocess
import time

import pytest

from conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SNIPPET = re.search(r"```nginx\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(sample_site, tmp_path_factory):
    """nginx in the foreground, one process, on 127.0.0.1, with the README's location block for the site."""
    assert shutil.which(NGINX), "Debian's nginx package is required (.ci/run installs it)"
    work = tmp_path_factory.mktemp("nginx")
    (work / "www").mkdir()
    (work / "www" / "shantou").symlink_to(sample_site)  # as make publish leaves DEST: a symlink to the release
    shutil.copy("/etc/nginx/mime.types", work / "mime.types")
    port = _free_port()
    temp = " ".join(f"{name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        {SNIPPET.replace("/srv/www/", f"{work}/www/")}
    }}
}}
""",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")], stderr=subprocess.PIPE, text=True
    )
    for _ in range(100):  # up to 5 s for it to listen
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.05)
    yield port
    server.terminate()
    server.wait(timeout=10)


def get(port: int, path: str, gzip: bool = True):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/shantou/" + path, headers={"Accept-Encoding": "gzip"} if gzip else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_text_files_are_compressed(nginx, sample_site):
    paths = [
        "",
        "assets/css/campaign.css",
        "assets/js/search-worker.js",
        "search/search_index.json",
        "activities/hospital-open-day/qr-page.svg",
        "calendar/all.ics",
        "sitemap.xml",
        "data/activities.csv",
        next(
            p.relative_to(sample_site).as_posix() for p in (sample_site / "assets/javascripts").glob("bundle.*.min.js")
        ),
    ]
    for path in paths:
        response = get(nginx, path)
        assert response.status == 200, path
        assert response.getheader("Content-Encoding") == "gzip", path
        assert response.getheader("Vary") == "Accept-Encoding", path


def test_calendar_files_are_text_calendar(nginx):
    for path in ["calendar/all.ics", "activities/hospital-open-day.ics"]:
        assert get(nginx, path).getheader("Content-Type") == "text/calendar; charset=utf-8", path


def test_hashed_names_are_kept_a_year_and_the_rest_revalidated(nginx, sample_site):
    bundles = [
        p for p in (sample_site / "assets").rglob("*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)
    ]
    photos = [next((sample_site / "images").glob(f"*-480.{ext}")) for ext in ("avif", "webp", "jpg")]
    hashed = [p.relative_to(sample_site).as_posix() for p in bundles + photos]
    assert len(bundles) >= 4  # Material's bundle, search worker, main and palette stylesheets
    for path in hashed:
        assert get(nginx, path).getheader("Cache-Control") == "public, max-age=31536000, immutable", path
    for path in ["", "assets/css/campaign.css", "assets/js/care.js", "search/search_index.json"]:
        response = get(nginx, path)
        assert response.getheader("Cache-Control") is None and response.getheader("ETag"), path


def test_a_missing_page_gets_the_chinese_404(nginx):
    connection = http.client.HTTPConnection("127.0.0.1", nginx, timeout=10)
    connection.request("GET", "/shantou/no-such-page/")
    response = connection.getresponse()
    assert response.status == 404 and "找不到" in response.read().decode("utf-8")
