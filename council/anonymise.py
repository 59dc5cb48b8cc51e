"""Personal data in sensitive analytical material are shown anonymised (R-004-12): names, individual
identification numbers (ИИН/ЖСН, 12 digits however grouped), dates of birth in numbers or words, addresses,
phone numbers and e-mail addresses are masked in pages and exports.

Pure: text in, text out. What the patterns cannot know (a name written without initials or patronymic) the
material's author lists in ``personal_terms``; those are always masked too.
"""

import re

MASK = "▇▇▇"

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOW = "а-яёәғқңөұүһіa-z"
# A 12-digit individual identification number (ИИН / ЖСН), alone or in groups of any size with spaces or
# hyphens between them ("8501 0130 0123", "85 01 01 30 01 23", "850101-300123").
IIN = re.compile(r"(?<![\d.,])\d(?:[ -]?\d){11}(?![\d.,]?\d)")
# A phone number: +7 or 8, then ten digits with any spaces, brackets or hyphens ("+7 (701) 234-56-78").
PHONE = re.compile(r"(?:\+7|(?<![\d.,])8)[\s()-]*(?:\d[\s()-]*){9}\d(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MONTHS_RU = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_MONTHS_KK = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан"
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"  # 01.01.1985, 1/1/85
    r"|\d{4}-\d{2}-\d{2}"  # 1985-01-01
    rf"|\d{{1,2}}\s+(?:{_MONTHS_RU}|{_MONTHS_KK})[{_LOW}]*\s+\d{{4}}(?:\s*(?:года|г\.|жылы|ж\.))?"  # 1 января 1985 года
    rf"|\d{{4}}\s*(?:жылғы|жылы|ж\.)\s*\d{{1,2}}\s+(?:{_MONTHS_KK})[{_LOW}]*)"  # 1985 жылғы 1 қаңтар
)
# A date named as a date of birth (Russian, Kazakh, English), or a date followed by "г.р." / "ж.т.".
BIRTH_DATE = re.compile(
    rf"((?:дата\s+рождения|д\.\s?р\.|родил(?:ся|ась)|туған\s+(?:күні|жылы)?|born|date\s+of\s+birth)\s*:?\s*){_DATE}"
    rf"|{_DATE}(\s*(?:г\.\s?р\.|ж\.\s?т\.|туған))",
    re.IGNORECASE,
)
_CAP = rf"[{_UP}][{_LOW}]+"
_INITIAL = rf"[{_UP}]\."
# A surname by its ending (Russian and Kazakh forms): what lets "Серикбаев Арман" be told from "Генеральный
# Прокурор".
_SURNAME = rf"[{_UP}][{_LOW}]+(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ұлы|улы|қызы|кызы)"
# The case endings a surname takes in a sentence ("Серикбаеву", "Ивановым"), and no other letters after it.
_CASE = r"(?:у|а|е|ым|ом|ой|ы)?"
# Surname with initials ("Иванов И.И.", "И.И. Иванов", "СЕРИКБАЕВ А.Б."), three names ending in a patronymic,
# or a surname with a first name either side ("Серикбаев Арман", "Арман Серикбаев").
NAME = re.compile(
    rf"{_CAP}(?:-{_CAP})?\s+{_INITIAL}\s?(?:{_INITIAL})?"
    rf"|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?\s+{_INITIAL}\s?(?:{_INITIAL})?"
    rf"|{_INITIAL}\s?(?:{_INITIAL}\s?)?(?:{_CAP}|[{_UP}]{{2,}})"
    rf"|{_CAP}\s+{_CAP}\s+{_CAP}(?:вич|вна|чна|ична|ұлы|қызы|улы|кызы)\b"
    rf"|{_SURNAME}{_CASE}\s+{_CAP}"
    rf"|{_CAP}\s+{_SURNAME}{_CASE}\b"
)
# An address: a street, avenue, micro-district or house with what follows it up to the end of the clause
# ("ул. Абая 10", "ул.Абая, д.10, кв.25"), a street's name with its house and flat ("Абая 10-25").
_HOUSE = r"(?:,?\s*(?:д|дом|үй|кв|квартира|пәтер)\.?\s*\d+[а-яa-z]?)*"
ADDRESS = re.compile(
    rf"\b(?:ул|улица|пр|проспект|пр-т|мкр|микрорайон|шағын\s+аудан|street|st)(?:\.\s*|\s+)[^,;\n]+{_HOUSE}"
    rf"|{_CAP}\s+(?:көшесі|даңғылы|шағын\s+ауданы)\s*\d*[а-яa-z]?{_HOUSE}"
    rf"|{_CAP}\s+\d+[а-яa-z]?[-/]\d+\b",
    re.IGNORECASE,
)


def mask(text: str, terms: str | list[str] = "", *, reveal=frozenset(), keep=()) -> str:
    """``text`` with personal data replaced by ``MASK``. ``terms`` (a list, or lines of text) are masked
    wherever they occur, longest first. An order of disclosure (``council.models.DisclosureOrder``) lifts the
    masking of the kinds it names (``reveal``: names, iin, birth_dates, addresses, contacts), and with
    ``keep`` of the names only these persons': every other name stays masked."""
    if not text:
        return text
    if isinstance(terms, str):
        terms = terms.splitlines()
    kept = sorted({k.strip() for k in keep if k.strip()}, key=len, reverse=True) if "names" in reveal else []
    for n, name in enumerate(kept):  # out of the patterns' reach while the others are masked
        text = re.sub(re.escape(name), f"\ue000{n}\ue001", text, flags=re.IGNORECASE)
    if "contacts" not in reveal:
        text = EMAIL.sub(MASK, text)
        text = PHONE.sub(MASK, text)
    if "iin" not in reveal:
        text = IIN.sub(MASK, text)
    if "birth_dates" not in reveal:
        text = BIRTH_DATE.sub(lambda m: (m.group(1) or "") + MASK + (m.group(2) or ""), text)
    if "addresses" not in reveal:
        text = ADDRESS.sub(MASK, text)
    if "names" not in reveal or kept:
        text = NAME.sub(MASK, text)
        for term in sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True):
            if not any(term.lower() in k.lower() for k in kept):
                text = re.sub(re.escape(term), MASK, text, flags=re.IGNORECASE)
    for n, name in enumerate(kept):
        text = text.replace(f"\ue000{n}\ue001", name)
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
