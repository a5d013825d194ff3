import pytest

from shop.storefront.text import normalise


@pytest.mark.parametrize(
    ("query", "indexed"),
    [
        ("كيك", "کیک"),  # Arabic kaf/yeh vs Persian
        ("عطور", "العطور"),  # the definite article
        ("احمد", "أحمد"),
        ("اسلام", "إسلام"),
        ("امنه", "آمنة"),  # madda and teh marbuta
        ("مدرسه", "مَدْرَسَة"),  # tashkeel
        ("كيك", "كـــيك"),  # tatweel
        ("مستشفي", "مستشفى"),  # alef maksura
    ],
)
def test_spelling_variants_normalise_to_the_same_text(query, indexed):
    assert normalise(query) == normalise(indexed)


def test_different_words_stay_different():
    assert normalise("عطر") != normalise("عسل")


def test_markup_and_sql_are_reduced_to_words():
    assert normalise("<b>Oud</b>'; DROP TABLE x;--") == "b oud b drop table x"
