"""Thai digits and Buddhist Era years: small text helpers every layer may use."""
import re

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
BE_OFFSET = 543


def to_arabic_digits(text):
    return str(text).translate(_TO_ARABIC)


def to_thai_digits(text):
    return str(text).translate(_TO_THAI)


def be_year(ce_year):
    return ce_year + BE_OFFSET


def ce_year(be_year):
    return be_year - BE_OFFSET


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile(r"\s+")


def squash_spaces(text):
    """Remove zero-width characters and collapse runs of whitespace (also NBSP) to one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", str(text))).strip()


_LEADING_VOWELS = "เแโใไ"


def thai_sort_key(text):
    """Dictionary order for Thai words: a leading vowel (เ แ โ ใ ไ) sorts by the consonant after it."""
    text = str(text)
    chars = list(text)
    index = 0
    while index < len(chars) - 1:
        if chars[index] in _LEADING_VOWELS:
            chars[index], chars[index + 1] = chars[index + 1], chars[index]
            index += 2
        else:
            index += 1
    return "".join(chars)
