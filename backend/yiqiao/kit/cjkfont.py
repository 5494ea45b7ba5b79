"""Find a CJK TrueType font on this machine, so printed Chinese (kiosk slips) embeds its glyphs
instead of relying on fonts the printer or viewer may not have.

Debian: ``apt-get install fonts-wqy-microhei`` (devtools/bootstrap.sh does it as root) or
``fonts-noto-cjk``. ``YQ_*`` settings are not needed: the usual paths are searched in order."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from yiqiao.kit.errors import Unavailable

# (path, sub-font index inside a .ttc collection)
CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # index 2: Simplified Chinese
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)
FONT_NAME = "YiqiaoCJK"


@lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, int]:
    """``(path, subfont index)`` of the first CJK font found; Unavailable (503) when none is."""
    for path, index in CANDIDATES:
        if Path(path).is_file():
            return path, index
    raise Unavailable(
        "No Chinese font is installed on this server, so slips cannot be printed: install the Debian"
        " package fonts-wqy-microhei (or fonts-noto-cjk).",
        code="cjk_font_missing",
    )


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Register the font with reportlab (once per process); returns its name for ``setFont``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path, index = find_cjk_font()
    pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
    return FONT_NAME
