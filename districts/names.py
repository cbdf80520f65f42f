"""The one district-name normaliser: every import and command resolves names through it.

Source documents write "สำนักงานเขตดินแดง", "เขตดินแดง", " ดินแดง ", "Din Daeng", the official
code "1026", or a misspelling (seed 000 writes "ราชบุรีบูรณะ" for ราษฎร์บูรณะ). `DistrictIndex`
maps all of them to the one District; anything else raises UnknownDistrict, never a new district.
"""
import re
import unicodedata

from django.utils.translation import gettext as _

from okr_tracker.thai import squash_spaces, to_arabic_digits

from .models import District, DistrictAlias

# Aliases seen in real documents. load_reference_data stores them as DistrictAlias rows, where
# an administrator can add more without a release.
KNOWN_ALIASES = {
    "ราชบุรีบูรณะ": "1024",  # seed 000, row 41
    "ราษฏร์บูรณะ": "1024",  # ฏ for ฎ, a common typing slip
    "ราษฎร์บูรณะ": "1024",
    "ป้อมปราบ": "1008",
    "ป้อมปราบฯ": "1008",
    "Bangkok Yai": "1016",
    "Bangkok Noi": "1020",
    "Thonburi": "1015",
    "Ratchathewi": "1037",
    "Rat Burana": "1024",
    "Ratburana": "1024",
    "Pomprap Sattruphai": "1008",
}

_THAI_PREFIXES = ("สำนักงานเขต", "สนข.", "เขต")
_ENGLISH_SUFFIXES = ("districtoffice", "district")


class UnknownDistrict(ValueError):
    def __init__(self, value):
        self.value = value
        super().__init__(_("Unknown district “%(name)s”: not one of the 50 districts or their known aliases.") % {"name": value})


def normalise(text):
    """A comparison key: no prefix, no spaces, Arabic digits, NFC, case-folded."""
    key = unicodedata.normalize("NFC", squash_spaces(to_arabic_digits(text)))
    for prefix in _THAI_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    key = re.sub(r"[\s\-\.]", "", key).casefold()
    for suffix in _ENGLISH_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key


class DistrictIndex:
    """All districts and aliases in memory, so resolving 50 rows costs two queries, not 50."""

    def __init__(self, districts=None):
        districts = list(districts if districts is not None else District.objects.select_related("group"))
        by_code = {district.code: district for district in districts}
        self._by_key, self._seen = {}, {}
        for district in districts:
            for spelling in (district.code, district.name_th, district.name_en):
                self._by_key[normalise(spelling)] = district
        for alias, code in KNOWN_ALIASES.items():
            if code in by_code:
                self._by_key.setdefault(normalise(alias), by_code[code])
        by_pk = {district.pk: district for district in districts}
        for alias, district_id in DistrictAlias.objects.values_list("alias", "district_id"):
            if district_id in by_pk:
                self._by_key.setdefault(normalise(alias), by_pk[district_id])

    def resolve(self, text):
        # A community list names the same few districts 50,000 times: each spelling is normalised once.
        try:
            return self._seen[text]
        except (KeyError, TypeError):
            pass
        if text is None or not str(text).strip():
            raise UnknownDistrict(text or "")
        try:
            district = self._by_key[normalise(text)]
        except KeyError:
            raise UnknownDistrict(squash_spaces(text)) from None
        if isinstance(text, str):
            self._seen[text] = district
        return district


def resolve_district(text):
    """Resolve one name; for many rows build a DistrictIndex once and call its resolve()."""
    return DistrictIndex().resolve(text)
