"""Search normalisation for French and Arabic text.

Arabic: harakat (diacritics), tatweel and the hamza/madda carried by alef, waw and yeh are
dropped, so "احمد" finds "أحمد"; alef maqsura reads as yeh, teh marbuta as heh, Persian
yeh and keheh as their Arabic letters, Arabic-Indic digits as 0-9.
French: accents dropped, ligatures opened and case folded, so "societe" finds "Société" and
"coeur" finds "Cœur"; typographic apostrophes and dashes read as their plain forms.
"""

import unicodedata

_MAP = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06cc": "\u064a",  # Persian yeh -> yeh
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u0153": "oe",  # œ
        "\u0152": "oe",  # Œ
        "\u00e6": "ae",  # æ
        "\u00c6": "ae",  # Æ
        "\u2019": "'",  # right single quotation mark, the French typographic apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u200e": None,  # left-to-right mark
        "\u200f": None,  # right-to-left mark
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
    }
)


def normalize_search_text(value: str) -> str:
    """The form a name is stored and searched in: compare normalised text with normalised text."""
    if not value:
        return ""
    # NFKD splits أ إ آ ؤ ئ into base letter + combining hamza/madda, and accents likewise.
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_MAP).casefold()
    return " ".join(stripped.split())


def comparison_key(value: str) -> str:
    """Normalised text with punctuation dropped, for the duplicate guard's similarity ratio."""
    text = normalize_search_text(value)
    kept = "".join(ch if (ch.isalnum() or ch.isspace()) else " " for ch in text)
    return " ".join(kept.split())
