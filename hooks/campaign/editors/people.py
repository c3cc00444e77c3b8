"""Tell a unit (民政办, 山头卫生院) from a person's name (王文科, 张庆玲) in a 配档表 cell.

The site publishes units, never people, so the test leans one way: a cell is a unit only by what it
says, an organisation word at its end (局, 办, 中心, 委员会, 社区, 村 …) after a name that is not a
person's. Single-character endings (科, 所, 院, 办 …) also end given names (王文科, 陈文科, 李建科):
there jieba's part-of-speech tagging, which marks person names `nr`, decides, and a short cell that
starts with a name is taken for a person. A unit wrongly taken for a person costs a 待填写 and a line
in the report; a person taken for a unit would be published, so doubt counts against the unit.
"""

from __future__ import annotations

import re
from functools import cache

# Endings people's names do not have: the cell is a unit whatever comes before them.
ORGANISATIONS = (
    "办公室",
    "中心",
    "委员会",
    "居委会",
    "村委会",
    "管委会",
    "工委",
    "党委",
    "党支部",
    "总支",
    "支部",
    "街道",
    "社区",
    "政府",
    "卫生院",
    "医院",
    "派出所",
    "法庭",
    "法院",
    "检察院",
    "学校",
    "小学",
    "中学",
    "幼儿园",
    "大队",
    "中队",
    "支队",
    "服务站",
    "工作站",
    "工作室",
    "协会",
    "联合会",
    "商会",
    "公司",
    "集团",
    "银行",
    "分局",
    "分公司",
    "事务所",
    "研究院",
    "图书馆",
    "文化馆",
    "纪念馆",
    "博物馆",
    "体育馆",
    "敬老院",
    "养老院",
    "福利院",
    "合作社",
    "妇联",
    "团委",
    "工会",
    "残联",
    "科协",
    "红十字会",
    "网格",
    "村",
    "镇",
    "乡",
)
# Endings a given name can also have: the cell is a unit only if it does not read as a name.
SHORT_ENDINGS = tuple("局办所院站队委校馆科部处室组会厅司团社园庭行")
# A person named by a role, not a unit: 张科长, 王局长, 宣传委员.
ROLES = (
    "长",
    "书记",
    "委员",
    "主任",
    "主席",
    "干部",
    "同志",
    "专员",
    "干事",
    "网格员",
    "联络员",
    "负责人",
    "联系人",
    "老师",
    "医生",
    "律师",
    "代表",
)
_NAME_TAGS = ("nr", "nrfg", "nrt")


def is_unit(text: str) -> bool:
    """Whether `text` (one name, spaces removed) names an organisation, not a person."""
    core = re.sub(r"[（(][^）)]*[）)]$", "", text)  # 民政办（牵头）
    if len(core) < 2 or core.endswith(ROLES):
        return False
    if core.endswith(ORGANISATIONS):
        return True
    return core.endswith(SHORT_ENDINGS) and not looks_like_a_name(core)


def looks_like_a_name(text: str) -> bool:
    """A short text that jieba reads as starting with a person's name: 王文科 (王/nr 文科), 李建科."""
    return len(text) <= 4 and _first_tag(text).startswith(_NAME_TAGS)


@cache
def _first_tag(text: str) -> str:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)  # no start-up chatter in the editor's terminal
    first = next(iter(jieba.posseg.cut(text)), None)
    return first.flag if first else ""


def split_names(cell: str) -> list[str]:
    """A unit or leader cell's names: 张庆玲、郑鹏程, one per line, or 民政办 社保所; 翟  震 is one name."""
    names = []
    for part in re.split(r"[\n、，,;；/]+", cell):
        pieces = part.split()
        if len(pieces) > 1 and all(len(p) >= 2 for p in pieces):
            names += pieces  # 民政办 社保所: two names, spaced
        elif pieces:
            names.append("".join(pieces))  # 翟  震: one name, padded to the column's width
    return names
