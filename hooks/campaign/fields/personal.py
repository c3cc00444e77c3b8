"""Numbers that identify a person, found in text as people write them, so no published text carries one.

Everything in the data is published. Mobile and landline numbers are found however they are grouped
(138-0013-8000, 138 0013 8000, (0533)1234567, 0533-1234567), in full-width digits, with +86, 86 or 0086;
ID-card numbers by their check digit (GB 11643), spaced or not; bank-card numbers by their length and
Luhn digit. Only whole digit groups are joined, so a date, a year, an amount, a longer reference number
or a short hotline (12345, 96123) is never taken for one.
"""

from __future__ import annotations

import re
import unicodedata

_RUN = re.compile(r"\d+[Xx]?(?:[ \-\u2010-\u2015()]{1,3}\d+[Xx]?)*")  # digit groups and what people put between
_COUNTRY = re.compile(r"^(?:0086|86)(?=\d{10})")  # +86 138…, 86 (0)533…
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0[1-9]\d{1,2}\d{7,8}$")  # area code, then the local number
_ID = re.compile(r"^[1-9]\d{16}[\dXx]$")
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
LONGEST = 19  # digits of the longest number looked for (a bank card)


def personal_number(text: str) -> str | None:
    """What kind of personal number `text` holds (手机号码, 电话号码, 身份证号码, 银行卡号), or None."""
    for run in _RUN.finditer(unicodedata.normalize("NFKC", text)):
        groups = re.findall(r"\d+[Xx]?", run.group())
        for start in range(len(groups)):
            joined = ""
            for group in groups[start:]:
                if len(joined) > LONGEST or joined[-1:] in ("X", "x"):  # an X ends an ID number
                    break
                joined += group
                if found := _kind(joined):
                    return found
    return None


def _kind(digits: str) -> str | None:
    if _ID.match(digits) and _id_check(digits):
        return "身份证号码"
    if digits[-1] in "Xx":
        return None
    local = _COUNTRY.sub("", digits)
    if _MOBILE.match(local):
        return "手机号码"
    if _LANDLINE.match(local) or (_LANDLINE.match("0" + local) and local != digits):
        return "电话号码"
    if 16 <= len(digits) <= LONGEST and _luhn(digits):
        return "银行卡号"
    return None


def _id_check(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def _luhn(number: str) -> bool:
    total = 0
    for i, digit in enumerate(reversed(number)):
        d = int(digit) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0
