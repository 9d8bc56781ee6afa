"""Sentence splitting: exact offsets, abbreviations, decimals, quotes, the FAQ block."""

from __future__ import annotations

from factcheck.ingest.segment import paragraph_around, split_paragraphs, split_sentences


def texts(text: str) -> list[str]:
    spans = split_sentences(text)
    for s in spans:
        assert text[s.start:s.end] == s.text
    return [s.text for s in spans]


def test_titles_and_initials_do_not_end_sentences():
    assert texts("Adm. Rob Bauer spoke. Gen. Mark Milley agreed. John F. Kennedy did too.") == [
        "Adm. Rob Bauer spoke.", "Gen. Mark Milley agreed.", "John F. Kennedy did too."]


def test_us_before_a_lower_case_word_is_not_an_ending():
    assert texts("The top U.S. general spoke. He left.") == [
        "The top U.S. general spoke.", "He left."]


def test_us_at_the_end_of_a_sentence_is_an_ending():
    assert texts("He lives in the U.S. The end came.") == ["He lives in the U.S.",
                                                          "The end came."]


def test_decimals_and_money_do_not_split():
    assert texts("It cost $7.5 million. Then 3.14 rose.") == ["It cost $7.5 million.",
                                                             "Then 3.14 rose."]


def test_quotes_stay_with_their_sentence():
    assert texts('"Really?" she asked. "Yes." He left.') == ['"Really?" she asked.',
                                                             '"Yes."', "He left."]


def test_faq_lines_are_separate_sentences():
    text = "FAQ:\n\nQ: What happened?\n\nA: Something did.\nQ: Why?\nA: Because."
    assert texts(text) == ["FAQ:", "Q: What happened?", "A: Something did.", "Q: Why?",
                           "A: Because."]


def test_hard_wrapped_lines_are_joined_into_one_sentence():
    text = "The minister said that the budget,\nwhich was late, would pass.\n\nNext."
    assert texts(text) == ["The minister said that the budget,\nwhich was late, would pass.",
                           "Next."]


def test_paragraphs_and_the_paragraph_around_a_quote():
    text = "First para. Two.\n\nSecond para here.\n\n  Third."
    paras = split_paragraphs(text)
    assert [p.text for p in paras] == ["First para. Two.", "Second para here.", "Third."]
    start = text.index("para here")
    assert paragraph_around(text, start, start + 4).text == "Second para here."
