"""Every shipped article reads easily: English at Flesch-Kincaid grade 8 or below, Spanish at
Fernández-Huerta 70 or above ("fairly easy"), measured on the text a reader sees."""

import re
from html.parser import HTMLParser

import pytest
import textstat

from content.shipped import ARTICLES, ARTICLES_ES

MAX_GRADE_EN = 8
MIN_FERNANDEZ_HUERTA_ES = 70

# Each of these is read on its own, as a line: a list item or a heading with no full stop
# is still a sentence to a reader, not the start of a longer one.
BLOCKS = {
    "p", "li", "h2", "h3", "h4", "td", "th", "caption", "figcaption", "dt", "dd",
    "blockquote", "br", "tr",
}  # fmt: skip


class _VisibleText(HTMLParser):
    """The body's text without tags; the SVG drawing is left out (its words are labels, and
    the same steps are written out as a list below it)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.in_svg += 1
        if tag in BLOCKS:
            self.end_block()

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1
        if tag in BLOCKS:
            self.end_block()

    def handle_data(self, data):
        if not self.in_svg:
            self.parts.append(data)

    def end_block(self) -> None:
        text = "".join(self.parts).rstrip()
        if text and not re.search(r'[.!?:;]["”)]?$', text):
            self.parts.append(".")
        self.parts.append("\n")


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    parser.end_block()
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def grade_en(html: str) -> float:
    textstat.set_lang("en_US")
    return textstat.flesch_kincaid_grade(visible_text(html))


def fernandez_huerta_es(html: str) -> float:
    textstat.set_lang("es")
    try:
        return textstat.fernandez_huerta(visible_text(html))
    finally:
        textstat.set_lang("en_US")


def test_visible_text_leaves_out_tags_and_the_drawing_and_ends_each_line():
    html = '<h2>Signs</h2><ul><li>Tiny pupils</li><li>Slow <a href="/x/">breathing</a>.</li></ul>'
    html += "<svg><text>Days 1–3</text></svg><p>Call 911</p>"
    assert visible_text(html) == "Signs. Tiny pupils. Slow breathing. Call 911."


@pytest.mark.parametrize("shipped", ARTICLES, ids=[a.slug for a in ARTICLES])
def test_english_articles_are_at_grade_8_or_below(shipped):
    assert grade_en(shipped.body) <= MAX_GRADE_EN


@pytest.mark.parametrize("shipped", ARTICLES_ES, ids=[a.key for a in ARTICLES_ES])
def test_spanish_articles_are_fairly_easy_or_easier(shipped):
    assert fernandez_huerta_es(shipped.body) >= MIN_FERNANDEZ_HUERTA_ES


def test_the_scores_tell_hard_text_from_easy_text():
    hard = (
        "<p>Pharmacological interventions, administered concurrently with comprehensive "
        "psychosocial rehabilitation, demonstrably ameliorate longitudinal outcomes.</p>"
    )
    easy = "<p>Medicine helps. Talk to a doctor. You can get better.</p>"
    assert grade_en(hard) > MAX_GRADE_EN >= grade_en(easy)
    difficil = (
        "<p>Las intervenciones farmacológicas, administradas simultáneamente con "
        "rehabilitación psicosocial integral, mejoran considerablemente los resultados.</p>"
    )
    facil = "<p>La medicina ayuda. Hable con un médico. Usted puede estar mejor.</p>"
    assert fernandez_huerta_es(difficil) < MIN_FERNANDEZ_HUERTA_ES <= fernandez_huerta_es(facil)
