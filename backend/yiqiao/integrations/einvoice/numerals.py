"""Amounts in Chinese capital numerals (人民币大写金额), as printed on receipts and e-invoices.

The rules are those of the People's Bank of China for filling in bills (《正确填写票据和结算凭证的基本
规定》), and where the rules allow two forms we always write the first one the rules give:

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万 亿 (万亿), then 元 角 分;
- a leading 1 in the tens keeps its 壹 (¥15 → 壹拾伍元整);
- zeros inside the number are written once (¥6007.14 → 陆仟零柒元壹角肆分);
- zeros at the end of a four-digit section are absorbed by its unit (¥1000 → 壹仟元整,
  ¥107000.53 → 壹拾万柒仟元零伍角叁分), and a section that starts with zeros after a higher one
  gets one 零 (¥10010 → 壹万零壹拾元整, ¥100000001 → 壹亿零壹元整);
- when the 元 digit is 0 but 角 is not, write 零 after 元 (¥1680.32 → 壹仟陆佰捌拾元零叁角贰分);
- when 角 is 0 but 分 is not, write 零 after 元 (¥325.04 → 叁佰贰拾伍元零肆分);
- an amount that ends at 元 ends with 整 (¥100 → 壹佰元整); after 角 no 整 is written
  (¥1409.50 → 壹仟肆佰零玖元伍角); after 分 never;
- less than one yuan has no 元 (¥0.45 → 肆角伍分); nothing at all is 零元整;
- a negative amount (a red-letter reversal) is prefixed 负.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_POSITION_UNITS = ("", "拾", "佰", "仟")
_SECTION_UNITS = ("", "万", "亿", "万亿")
# 10^16 yuan: beyond the largest section unit (万亿 × 10^4); no receipt gets near it.
MAX_FEN = 10**18 - 1


def _section(value: int) -> str:
    """0 < value < 10000 without its section unit, e.g. 1005 → 壹仟零伍, 1010 → 壹仟零壹拾."""
    out = []
    zero = False
    started = False
    for pos in (3, 2, 1, 0):
        digit = value // 10**pos % 10
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[digit] + _POSITION_UNITS[pos])
        started = True
    return "".join(out)


def _yuan(value: int) -> str:
    sections: list[int] = []
    while value:
        sections.append(value % 10000)
        value //= 10000
    out = ""
    pending_zero = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if out and (pending_zero or section < 1000):
            out += "零"
        pending_zero = False
        out += _section(section) + _SECTION_UNITS[index]
    return out


def amount_in_words(fen: int) -> str:
    """``12345`` (¥123.45) → ``壹佰贰拾叁元肆角伍分``. Raises ValueError for non-integers or
    amounts beyond 万亿 sections."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise ValueError("amounts are integer fen")
    if abs(fen) > MAX_FEN:
        raise ValueError("amount too large to write in capital numerals")
    if fen < 0:
        return "负" + amount_in_words(-fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_digit = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    out = _yuan(yuan)
    if yuan:
        out += "元"
    if rest == 0:
        return out + "整"
    if yuan and (yuan % 10 == 0 or jiao == 0):
        out += "零"
    if jiao:
        out += DIGITS[jiao] + "角"
    if fen_digit:
        out += DIGITS[fen_digit] + "分"
    return out


def yuan_text(fen: int) -> str:
    """``12345`` → ``123.45`` (the small-letter amount beside the capital one)."""
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), 100)
    return f"{sign}{yuan}.{rest:02d}"
