"""Search normalisation for French and Arabic text.

Arabic: harakat (diacritics), tatweel and the hamza/madda carried by alef, waw and yeh are
dropped, so "احمد" finds "أحمد"; alef maqsura reads as yeh and teh marbuta as heh.
French: accents dropped and case folded, so "societe" finds "Société".
"""

import unicodedata

_ARABIC_MAP = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
    }
)


def normalize_search_text(value: str) -> str:
    if not value:
        return ""
    # NFKD splits أ إ آ ؤ ئ into base letter + combining hamza/madda, and accents likewise.
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_ARABIC_MAP).casefold()
    return " ".join(stripped.split())
