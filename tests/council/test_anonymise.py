"""R-004-12: personal data in sensitive material are shown anonymised (pure function, no database)."""

import pytest

from council.anonymise import MASK, mask


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("ИИН 850101300123 выдан", ["850101300123"], ["ИИН", "выдан"]),
        ("ЖСН: 850101 300123.", ["850101 300123"], ["ЖСН"]),
        ("дата рождения 01.01.1985, судим", ["01.01.1985"], ["дата рождения", "судим"]),
        ("12.03.1990 г.р.", ["12.03.1990"], ["г.р."]),
        ("туған күні: 12.03.1990", ["12.03.1990"], ["туған күні"]),
        ("Иванов И.И. и А.Б. Серикбаев", ["Иванов", "Серикбаев"], [" и "]),
        ("Сериков Бауыржан Асанұлы обратился", ["Сериков", "Асанұлы"], ["обратился"]),
        ("Петров Пётр Петрович", ["Петров"], []),
        ("проживает: ул. Абая 10, кв. 5; ранее", ["Абая 10", "кв. 5"], ["проживает", "ранее"]),
        ("тұрады Абай даңғылы 5, пәтер 3.", ["Абай", "пәтер 3"], ["тұрады"]),
    ],
)
def test_personal_data_are_masked(text, hidden, kept):
    shown = mask(text)
    assert MASK in shown
    for value in hidden:
        assert value not in shown
    for value in kept:
        assert value in shown


def test_statistics_and_period_dates_are_kept():
    text = "За период с 01.01.2026 по 31.03.2026 зарегистрировано 1 520 преступлений (рост на 12%)."
    assert mask(text) == text


def test_listed_terms_are_masked_wherever_they_occur():
    assert mask("Дело Нурланова; нурланов допрошен", "Нурланов") == f"Дело {MASK}а; {MASK} допрошен"
