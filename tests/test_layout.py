"""The architecture as the README draws it: the real tree, one name per component, the import layers."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from campaign.html.render import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
FEATURES = HOOKS / "campaign" / "features"


def readme_tree() -> set[str]:
    """The paths listed in README's tree block, built from its two-space indentation."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- tree:", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    paths, stack = set(), []
    for line in block.splitlines()[1:]:  # below "hooks/"
        depth = (len(line) - len(line.lstrip(" "))) // 2 - 1
        name = line.split()[0]
        stack[depth:] = [name.rstrip("/")]
        if not name.endswith("/"):
            paths.add("/".join(stack))
    return paths


def real_tree() -> set[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "hooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        path.removeprefix("hooks/") for path in tracked if Path(path).name != "__init__.py" and (ROOT / path).exists()
    }


def test_the_readme_tree_is_the_real_tree():
    listed, real = readme_tree(), real_tree()
    assert not real - listed, f"in hooks/ but not in README's tree: {sorted(real - listed)}"
    assert not listed - real, f"in README's tree but not in hooks/: {sorted(listed - real)}"


def test_every_component_file_carries_its_folder_name():
    folders = [folder for folder in FEATURES.iterdir() if folder.is_dir() and not folder.name.startswith("_")]
    assert len(folders) >= 8
    for folder in folders:
        for path in folder.iterdir():
            if path.suffix in {".html", ".css", ".js"}:
                assert path.stem.replace("-", "_").startswith(folder.name), path.relative_to(HOOKS)


def test_template_names_are_unique_where_the_loader_looks():
    names = Counter(path.name for folder in TEMPLATES for path in folder.glob("*.html"))
    assert names and not [name for name, count in names.items() if count > 1]
    assert all(re.fullmatch(r"[a-z_]+\.html", name) for name in names)


def test_import_layers_and_the_engine_free_core_hold():
    # pyproject.toml's contracts: editors/ops -> site -> features -> html -> data -> fields; no MkDocs in the core
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=HOOKS,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_ruff_finds_nothing_to_lint_or_format():
    # pyproject.toml's [tool.ruff]: lint rules, and the format at 120 columns
    ruff = str(Path(sys.executable).parent / "ruff")
    paths = ["hooks", "tests", "bench", "tools"]
    for command in ([ruff, "check", *paths], [ruff, "format", "--check", *paths]):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
