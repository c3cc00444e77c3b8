"""The two set-up commands on a fresh machine: make build installs only what builds the site, make test
adds the test tools and names (or installs) the Debian packages the tests need."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

TEST_TOOLS = {"pytest", "playwright", "axe-playwright-python", "jsonschema", "check-jsonschema"}


def _pins(path: Path) -> dict[str, str]:
    return dict(re.findall(r"^([a-z0-9][a-z0-9._-]*)==(\S+)", path.read_text(encoding="utf-8"), re.M))


def _names(path: Path) -> set[str]:
    return set(re.findall(r"^([a-z0-9][a-z0-9._-]*)", path.read_text(encoding="utf-8"), re.M))


def test_the_build_installs_no_test_tool_and_the_tests_are_pinned_alike():
    build, tests, tools = (
        _pins(ROOT / "requirements.txt"),
        _pins(ROOT / "requirements-test.txt"),
        _names(ROOT / "requirements-test.in"),
    )
    assert tools >= TEST_TOOLS and not tools & set(build) and tools <= set(tests)
    assert {name: version for name, version in tests.items() if name in build} == {
        name: build[name] for name in tests if name in build
    }  # one version of each shared package


def test_make_build_leaves_the_test_tools_out_and_make_test_checks_the_system_first(tmp_path):
    for name in ("Makefile", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    dry = lambda target: (
        subprocess.run(
            ["make", "-n", "-B", target],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert "requirements-test.txt" not in dry("build")
    test = dry("test")
    assert test.index("tools/system-packages") < test.index("requirements-test.txt") < test.index("-m pytest")


def test_missing_system_packages_stop_at_once_with_the_command_to_run(tmp_path):
    # A machine without chromium, zbarimg or apt-get (only `id` is on its PATH): nothing can be installed.
    (tmp_path / "id").symlink_to(shutil.which("id"))
    result = subprocess.run(
        [shutil.which("bash"), ROOT / "tools/system-packages"],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(tmp_path)},
    )
    assert result.returncode == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "缺少测试需要的系统软件包" in line and "Missing system packages" in line
    assert re.search(r"run: sudo apt-get install -y chromium( fonts-noto-cjk)? zbar-tools( nginx)?$", line)


def test_a_machine_with_the_packages_passes_silently():
    result = subprocess.run([ROOT / "tools/system-packages"], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
