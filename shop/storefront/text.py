"""Arabic and Persian text normalisation, applied to the search index and to queries alike."""

import re

# One letter for each family of look-alikes (Arabic and Persian keyboards differ).
_LETTERS = str.maketrans(
    {
        "ی": "ي",  # Persian yeh
        "ى": "ي",  # alef maksura
        "ئ": "ي",
        "ک": "ك",  # Persian kaf
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ة": "ه",
        "ۀ": "ه",
    }
)
# Tashkeel (harakat, shadda, sukun, superscript alef) and tatweel.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARTICLE = "ال"
_WORD = re.compile(r"\w+")


def _strip_article(word: str) -> str:
    """Drop the definite article (ال) from a word long enough to carry one."""
    if word.startswith(_ARTICLE) and len(word) > 3:
        return word[len(_ARTICLE):]
    return word


def normalise(text: str) -> str:
    """Text folded so that spelling variants of Arabic and Persian words compare equal."""
    text = _MARKS.sub("", (text or "").translate(_LETTERS)).casefold()
    return " ".join(_strip_article(word) for word in _WORD.findall(text))
