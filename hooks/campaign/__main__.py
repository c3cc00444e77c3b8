"""`python -m campaign check data`: validate the data without building the site."""
from __future__ import annotations

import sys
from pathlib import Path

from .load import load_site
from .problems import DataProblems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "check":
        print("用法：python -m campaign check <数据目录>", file=sys.stderr)
        return 2
    try:
        site = load_site(Path(argv[1]))
    except DataProblems as problems:
        print(problems.report(), file=sys.stderr)
        return 1
    print(f"数据检查通过：{len(site.domains)} 个领域，{len(site.activities)} 项活动，"
          f"{sum(len(a.tasks) for a in site.achievements.values())} 项重点工作。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
