"""Pinyin for doctor search: full syllables and initials, with surname readings right
(单 is Shan as a surname, not Dan; 解 is Xie, 仇 is Qiu …)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Surnames whose reading differs from the character's most common reading; compound surnames first.
SURNAMES: dict[str, list[str]] = {
    "尉迟": ["yu", "chi"],
    "万俟": ["mo", "qi"],
    "单于": ["chan", "yu"],
    "长孙": ["zhang", "sun"],
    "单": ["shan"],
    "解": ["xie"],
    "仇": ["qiu"],
    "区": ["ou"],
    "朴": ["piao"],
    "查": ["zha"],
    "曾": ["zeng"],
    "乐": ["yue"],
    "盖": ["ge"],
    "覃": ["qin"],
    "缪": ["miao"],
    "翟": ["zhai"],
    "秘": ["bi"],
    "召": ["shao"],
    "折": ["she"],
    "瞿": ["qu"],
    "种": ["chong"],
    "员": ["yun"],
    "黑": ["he"],
    "繁": ["po"],
    "能": ["nai"],
    "隗": ["wei"],
    "冼": ["xian"],
    "阚": ["kan"],
    "祭": ["zhai"],
}


def syllables(name: str) -> list[str]:
    name = name.strip()
    for surname, reading in SURNAMES.items():
        if name.startswith(surname):
            return reading + lazy_pinyin(name[len(surname) :], style=Style.NORMAL)
    return lazy_pinyin(name, style=Style.NORMAL)


def pinyin_keys(name: str) -> tuple[str, str]:
    """``单雄`` -> ``("shanxiong", "sx")``."""
    parts = [s.lower() for s in syllables(name) if s]
    return "".join(parts), "".join(p[0] for p in parts)
