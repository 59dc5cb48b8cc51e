"""Personal data in sensitive analytical material are shown anonymised (R-004-12): names, individual
identification numbers (ИИН/ЖСН, 12 digits), dates of birth and addresses are masked in pages and exports.

Pure: text in, text out. What the patterns cannot know (a name written without initials or patronymic) the
material's author lists in ``personal_terms``; those are always masked too.
"""

import re

MASK = "▇▇▇"

# A 12-digit individual identification number (ИИН / ЖСН), alone or with spaces every few digits.
IIN = re.compile(r"(?<!\d)\d{12}(?!\d)|(?<!\d)\d{6}[ -]\d{6}(?!\d)")
_DATE = r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
# A date named as a date of birth (Russian, Kazakh, English), or a date followed by "г.р." / "ж.т.".
BIRTH_DATE = re.compile(
    rf"((?:дата\s+рождения|д\.\s?р\.|родил(?:ся|ась)|туған\s+(?:күні|жылы)?|born|date\s+of\s+birth)\s*:?\s*){_DATE}"
    rf"|{_DATE}(\s*(?:г\.\s?р\.|ж\.\s?т\.))",
    re.IGNORECASE,
)
_CAP = r"[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яёәғқңөұүһіa-z]+"
_INITIAL = r"[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\."
# Surname with initials ("Иванов И.И.", "И.И. Иванов"), or three names ending in a patronymic.
NAME = re.compile(
    rf"{_CAP}(?:-{_CAP})?\s+{_INITIAL}\s?(?:{_INITIAL})?"
    rf"|{_INITIAL}\s?(?:{_INITIAL}\s?)?{_CAP}"
    rf"|{_CAP}\s+{_CAP}\s+{_CAP}(?:вич|вна|чна|ична|ұлы|қызы|улы|кызы)\b"
)
# An address: a street, avenue, micro-district or house with what follows it up to the end of the clause.
_HOUSE = r"(?:,?\s*(?:д|дом|үй|кв|квартира|пәтер)\.?\s*\d+[а-яa-z]?)*"
ADDRESS = re.compile(
    rf"\b(?:ул|улица|пр|проспект|пр-т|мкр|микрорайон|шағын\s+аудан|street|st)\.?\s+[^,;\n]+{_HOUSE}"
    rf"|{_CAP}\s+(?:көшесі|даңғылы|шағын\s+ауданы)\s*\d*[а-яa-z]?{_HOUSE}",
    re.IGNORECASE,
)


def mask(text: str, terms: str | list[str] = "") -> str:
    """``text`` with personal data replaced by ``MASK``. ``terms`` (a list, or lines of text) are masked
    wherever they occur, longest first."""
    if not text:
        return text
    if isinstance(terms, str):
        terms = terms.splitlines()
    text = IIN.sub(MASK, text)
    text = BIRTH_DATE.sub(lambda m: (m.group(1) or "") + MASK + (m.group(2) or ""), text)
    text = ADDRESS.sub(MASK, text)
    text = NAME.sub(MASK, text)
    for term in sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(term), MASK, text, flags=re.IGNORECASE)
    return text


def reveals(query: str, text: str, terms: str | list[str] = "") -> bool:
    """Whether a search for ``query`` could match ``text`` only on what ``mask`` hides: a word of the query
    (or its first five letters, as a stemmer would take it) that is in the text but not in the text as shown.
    Such a hit is not listed: the listing itself would say the person or the number is in the material."""
    if not text:
        return False
    original, shown = text.lower(), mask(text, terms).lower()
    for word in re.findall(r"\w+", query.lower()):
        stem = word[:5] if len(word) > 5 and not word.isdigit() else word
        if stem in original and stem not in shown:
            return True
    return False
