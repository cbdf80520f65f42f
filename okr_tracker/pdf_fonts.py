"""Thai text that a PDF reader can search: SARA AM (ำ) comes out of the PDF as the one character
that was written.

HarfBuzz always draws SARA AM as two glyphs, NIKHAHIT (the small circle, ํ) and SARA AA (า), and
moves the circle before a tone mark (Sarabun then ligates circle + tone into one glyph). A PDF maps
each glyph to text once, for the whole document, so SARA AA's glyph cannot read "า" in "งาน" and "ำ"
in "สำนัก": WeasyPrint named it after the first text it drew (the page read "สำนักงำน"), and drawing
the decomposed sequence read "สํานักงาน" (NIKHAHIT + SARA AA), which a search for "สำนักงาน" does
not find.

So the PDFs use a copy of Sarabun with one more glyph, the SARA AA of SARA AM (``uni0E32.am``,
the same outline), chosen by a contextual substitution after the circle. The PDF's text map then
reads that glyph as "ำ" and the circle (alone, or ligated with a tone mark) as nothing, or as the
tone mark: "น้ำ" is drawn น, ํ+้, า and read น, ้, ำ. The printed page is unchanged; only a standalone
NIKHAHIT, which Thai words outside Pali never use, is not read back.
"""
import functools
import io

from fontTools.otlLib import builder as otl
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

SARA_AA = "uni0E32"
SARA_AA_OF_AM = "uni0E32.am"
NIKHAHIT = "uni0E4D"
TONES = {"uni0E48": "\u0e48", "uni0E49": "\u0e49", "uni0E4A": "\u0e4a", "uni0E4B": "\u0e4b"}


def _variants(font, base):
    return [name for name in font.getGlyphOrder() if name == base or name.startswith(base + ".")]


def _circles(font):
    """Glyph name → the text it stands for in SARA AM: the circle reads as nothing, a circle+tone
    ligature (``uni0E4D0E49``) as its tone."""
    glyphs = {}
    for name in font.getGlyphOrder():
        base = name.split(".")[0]
        if base == NIKHAHIT:
            glyphs[name] = ""
        elif base.startswith(NIKHAHIT) and "uni" + base[len(NIKHAHIT):] in TONES:
            glyphs[name] = TONES["uni" + base[len(NIKHAHIT):]]
    return glyphs


def _chain_subtable(font, backtrack, single_lookup_index):
    glyph_map = font.getReverseGlyphMap()
    subtable = otTables.ChainContextSubst()
    subtable.Format = 3
    subtable.BacktrackCoverage = [otl.buildCoverage(glyphs, glyph_map) for glyphs in backtrack]
    subtable.InputCoverage = [otl.buildCoverage([SARA_AA], glyph_map)]
    subtable.LookAheadCoverage = []
    record = otTables.SubstLookupRecord()
    record.SequenceIndex, record.LookupListIndex = 0, single_lookup_index
    subtable.SubstLookupRecord = [record]
    return subtable


@functools.lru_cache(maxsize=8)
def font_for_pdf(data):
    """The font file ``data`` (woff2 or TTF) as a TTF with SARA AM's own SARA AA; the font
    unchanged where it has no Thai SARA AA or its tables differ from what this expects."""
    font = TTFont(io.BytesIO(data))
    if SARA_AA not in font.getGlyphOrder() or SARA_AA_OF_AM in font.getGlyphOrder() or "GSUB" not in font:
        return data
    circles = _circles(font)
    tones = [name for tone in TONES for name in _variants(font, tone)]
    if not circles:
        return data

    order = font.getGlyphOrder() + [SARA_AA_OF_AM]
    font.setGlyphOrder(order)
    glyf = font["glyf"]
    glyf.glyphOrder = order
    glyf.glyphs[SARA_AA_OF_AM] = glyf[SARA_AA]
    font["hmtx"].metrics[SARA_AA_OF_AM] = font["hmtx"].metrics[SARA_AA]
    font["maxp"].numGlyphs = len(order)

    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    single = otl.buildLookup([otl.buildSingleSubstSubtable({SARA_AA: SARA_AA_OF_AM})])
    lookups.append(single)
    single_index = len(lookups) - 1
    chain = otl.buildLookup([
        _chain_subtable(font, [sorted(circles)], single_index),
        _chain_subtable(font, [sorted(tones), sorted(n for n in circles if n.split(".")[0] == NIKHAHIT)], single_index),
    ])
    lookups.append(chain)
    gsub.LookupList.LookupCount = len(lookups)
    # After every lookup of `ccmp` (which ligates circle + tone), for every script that has it.
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "ccmp":
            record.Feature.LookupListIndex.append(len(lookups) - 1)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@functools.lru_cache(maxsize=32)
def text_of_sara_am_glyphs(data):
    """Glyph id → text, for the glyphs of SARA AM in a font made by ``font_for_pdf`` ({} otherwise)."""
    font = TTFont(io.BytesIO(data), lazy=True)
    order = font.getGlyphOrder()
    if SARA_AA_OF_AM not in order:
        return {}
    ids = font.getReverseGlyphMap()
    mapping = {ids[name]: text for name, text in _circles(font).items()}
    mapping[ids[SARA_AA_OF_AM]] = "\u0e33"
    return mapping


def install():
    """Make WeasyPrint's text map read SARA AM's glyphs as SARA AM (see the module docstring)."""
    import weasyprint.pdf as weasyprint_pdf

    original = weasyprint_pdf.build_fonts_dictionary
    if getattr(original, "reads_sara_am", False):
        return

    def build_fonts_dictionary(pdf, fonts, compress, subset, options):
        for font in fonts.values():
            for glyph, text in text_of_sara_am_glyphs(font.file_content).items():
                if glyph in font.to_unicode:
                    font.to_unicode[glyph] = text
        return original(pdf, fonts, compress, subset, options)

    build_fonts_dictionary.reads_sara_am = True
    weasyprint_pdf.build_fonts_dictionary = build_fonts_dictionary
