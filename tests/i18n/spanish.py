"""What a Spanish page shows: its visible text, minus what is not ours to translate."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Names, brands and abbreviations that stay as they are in Spanish.
PROPER_NOUNS = (
    "FirstStep",
    "SAMHSA",
    "Narcan",
    "Google Maps",
    "GeoNames",
    "Creative Commons",
    "zipcodes",
    "DSM-5",
    "Xanax",
    "Valium",
    "Klonopin",
    "Medicaid",
    "Medicare",
    "TRICARE",
    "American Society of Addiction Medicine",  # ASAM has no Spanish name
)
# Words that give away English. Whole words, any case; none is also a Spanish word.
ENGLISH_WORDS = (
    "the",
    "your",
    "you",
    "and",
    "with",
    "of",
    "to",
    "is",
    "are",
    "for",
    "in",
    "not",
    "this",
    "that",
    "what",
    "please",
    "screening",
    "treatment",
    "search",
    "call",
    "find",
    "learn",
    "help",
    "step",
    "next",
    "back",
    "answer",
    "answers",
    "miles",
    "page",
    "facility",
    "start",
    "yes",
)
ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_WORDS) + r")\b", re.IGNORECASE)
URL = re.compile(r"(https?://|www\.)\S+|\S+@\S+\.\w+")
READ_ALOUD = ("aria-label", "title", "alt", "placeholder")
Skip = tuple[tuple[str, str], ...]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Text(HTMLParser):
    def __init__(self, skip: Skip) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, skipped?)
        self.parts: list[str] = []

    @property
    def skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        skip = (
            tag in {"script", "style", "template"}
            or (lang is not None and not lang.startswith("es"))
            or any(value in (attrs.get(name) or "").split() for name, value in self.skip)
        )
        if not (self.skipping or skip):
            self.parts += [attrs[a] for a in READ_ALOUD if attrs.get(a)]
            if tag == "meta" and attrs.get("name") == "description":
                self.parts.append(attrs.get("content") or "")
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching element, so an end tag HTML lets pages omit does no harm.
        if any(open_tag == tag for open_tag, _skip in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str, skip: Skip = ()) -> str:
    """The text and read-aloud attributes, leaving out elements matching an (attribute, value)."""
    parser = _Text(skip)
    parser.feed(html)
    text = " ".join(parser.parts)
    text = URL.sub(" ", text)
    for name in PROPER_NOUNS:
        text = text.replace(name, " ")
    return re.sub(r"\s+", " ", text)


def english_words(html: str, skip: Skip = ()) -> list[str]:
    """Each English word found, with a little of the text around it."""
    text = visible_text(html, skip)
    return [text[max(0, m.start() - 40) : m.end() + 40] for m in ENGLISH.finditer(text)]
