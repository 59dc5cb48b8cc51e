"""The official forms of the documents in one place: headings, the approval stamp, how a signer's name
is written, how a position reads inside a phrase, and what a document prints for a character no
installed font has.

The wording follows the Kazakh and Russian texts of the regulations (seed 000, paragraphs 6, 11; seed 001,
the approval stamp "УТВЕРЖДАЮ" / "БЕКІТЕМІН") and the glossary: documents are issued in Kazakh and in
Russian only, so these forms are not message-catalog translations but fixed texts per document language.
"""

import functools
import re
import subprocess

from django.conf import settings

# Fixed texts of the documents, per document language.
FORMS = {
    "kk": {
        # "<council> отырысының хаттамасы": the protocol of the council's meeting (seed 000, p. 11:
        # "отырыс хаттамасы"); the council's name in capitals stands above, so the heading continues it.
        "protocol_before": "отырысының",
        "protocol": "ХАТТАМАСЫ",
        "protocol_after": "",
        "approve": "БЕКІТЕМІН",
        "agenda_before": "отырысының",
        "agenda": "КҮН ТӘРТІБІ",
        "registration": "Тіркеу нөмірі",
        "keep": "Сақтау мерзімі",
        "keep_until": "дейін",
        "invited": "Шақырылғандар",
        "on_question": "{n}-мәселе бойынша",
    },
    "ru": {
        "protocol_before": "",
        "protocol": "ПРОТОКОЛ",
        "protocol_after": "заседания",
        "approve": "УТВЕРЖДАЮ",
        "agenda_before": "",
        "agenda": "ПОВЕСТКА",
        "agenda_after": "заседания",
        "registration": "Регистрационный номер",
        "keep": "Срок хранения",
        "keep_until": "до",
        "invited": "Приглашённые",
        "on_question": "по вопросу {n}",
    },
}


def form(lang, key, **values):
    """The fixed text ``key`` of a document in ``lang`` (kk or ru), with ``values`` put in; empty where the
    language has none."""
    text = FORMS["kk" if lang == "kk" else "ru"].get(key, "")
    return text.format(**values) if values else text


def years_phrase(years, lang):
    """A keeping period in years: "3 жыл"; "1 год", "3 года", "5 лет"."""
    if lang == "kk":
        return f"{years} жыл"
    if years % 10 == 1 and years % 100 != 11:
        word = "год"
    elif 2 <= years % 10 <= 4 and not 12 <= years % 100 <= 14:
        word = "года"
    else:
        word = "лет"
    return f"{years} {word}"


# Signatures: "С. Абенов" (initial) or "С.Н. Абенов" (initials), chosen by settings.DOCUMENT_SIGNATURE_NAME.
SIGNATURE_FORMS = ("initial", "initials")
PATRONYMIC = re.compile(r"(вич|вна|ична|чна|ұлы|улы|қызы|кызы|оглы|оғлы|кизи|уулу)$", re.IGNORECASE)


def _initial(word):
    return "-".join(part[:1].upper() + "." for part in word.split("-") if part)


def signature_name(full_name, signature_form=None):
    """The name as a document signs it: initials before the surname. Understands "Имя Отчество Фамилия",
    "Фамилия Имя Отчество" (a patronymic last) and "Фамилия И. О."."""
    signature_form = signature_form or getattr(settings, "DOCUMENT_SIGNATURE_NAME", "initial")
    words = (full_name or "").split()
    if len(words) < 2:
        return full_name or ""
    dotted = [w for w in words if w.endswith(".")]
    if dotted:  # "Иванов И. И." or "И.И. Иванов"
        surname = " ".join(w for w in words if not w.endswith("."))
        letters = [p for w in dotted for p in w.split(".") if p]
        given = letters[:1] if signature_form == "initial" else letters
        return "".join(_initial(p) for p in given) + " " + surname
    if len(words) >= 3 and PATRONYMIC.search(words[-1]) and not PATRONYMIC.search(words[1]):
        surname, given, patronymic = words[0], words[1], words[2]
    elif len(words) >= 3:
        given, patronymic, surname = words[0], words[1], " ".join(words[2:])
    else:
        given, patronymic, surname = words[0], "", words[1]
    initials = _initial(given) + (_initial(patronymic) if patronymic and signature_form == "initials" else "")
    return f"{initials} {surname}"


# Positions inside a phrase ("Абенов С.Н., председатель Комитета…"): the common noun that opens a title is
# written in lower case there; a title that opens with a proper name (Қазақстан Республикасының…) or with
# a post the Constitution capitalises (Генеральный прокурор, Президент) keeps its capital.
COMMON_POSITION_WORDS = {
    "председатель",
    "заместитель",
    "министр",
    "вице-министр",
    "начальник",
    "руководитель",
    "член",
    "адвокат",
    "секретарь",
    "прокурор",
    "аким",
    "судья",
    "директор",
    "советник",
    "помощник",
    "төраға",
    "төрағасы",
    "бастығы",
    "басшысы",
    "мүше",
    "мүшесі",
    "хатшы",
    "хатшысы",
    "прокуроры",
    "әкім",
}
# Capitals inside Kazakh titles that the council's regulation writes in lower case (seed 000, p. 6:
# "Қазақстан Республикасының Бас прокуроры"; glossary: "төраға").
INNER_CAPITALS = {
    "Бас Прокуроры": "Бас прокуроры",
    "Бас Прокурорының": "Бас прокурорының",
    "Төрағасы": "төрағасы",
    "Төрағасының": "төрағасының",
}


def position_in_phrase(title):
    """``title`` as it reads after a name and a comma, or inside a sentence."""
    if not title:
        return ""
    text = title
    for wrong, right in INNER_CAPITALS.items():
        text = re.sub(rf"(?<=\S )\b{wrong}\b", right, text)
    first = text.split(" ", 1)[0]
    if first.lower() in COMMON_POSITION_WORDS:
        text = text[:1].lower() + text[1:]
    return text


def position_on_its_line(title):
    """``title`` on a line of its own (a signature block, a stamp): the first letter capital, the inner
    capitals as in a phrase."""
    text = position_in_phrase(title)
    return text[:1].upper() + text[1:]


# Characters no installed font draws would print as empty boxes: the PDF gets them from any installed
# font (fontconfig falls back across all of them; the Makefile installs fonts-symbola for symbols and
# emoji); what no font has is replaced by REPLACEMENT.
REPLACEMENT = "(?)"
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\U000e0000-\U000e007f\U0001f3fb-\U0001f3ff]")


@functools.lru_cache(maxsize=1)
def covered_code_points() -> frozenset:
    """Every code point some installed font has a glyph for (fontconfig's charsets)."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    points = set()
    for token in out.split():
        first, _, last = token.partition("-")
        try:
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        except ValueError:
            continue
    return frozenset(points)


def printable(text):
    """``text`` with selectors and joiners dropped and every character no font draws replaced."""
    covered = covered_code_points()
    text = INVISIBLE.sub("", text)
    if not covered:
        return text
    return "".join(c if c in "\n\r\t" or ord(c) in covered else REPLACEMENT for c in text)
