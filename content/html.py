"""Article HTML: what staff may write, and the glossary links added when a page is shown.

Pure functions with no database, so the data migration can use them too.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# A small, boring set: text structure, links, simple tables, and the handful of
# SVG shapes the withdrawal timeline is drawn with. No style, no script, no forms,
# no images from elsewhere, no <h1> (the page has its own).
TEXT_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "abbr", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
SVG_TAGS = {"svg", "title", "desc", "g", "rect", "line", "text", "circle", "path"}
ALLOWED_TAGS = TEXT_TAGS | SVG_TAGS

_SVG_SHAPE = {"fill", "stroke", "stroke-width", "stroke-dasharray", "class"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "ol": {"start"},
    "figure": {"class"},
    "svg": {"role", "viewBox", "class", "focusable", "aria-labelledby"},
    "title": {"id"},
    "desc": {"id"},
    "g": _SVG_SHAPE,
    "rect": {"x", "y", "width", "height", "rx"} | _SVG_SHAPE,
    "line": {"x1", "y1", "x2", "y2"} | _SVG_SHAPE,
    "circle": {"cx", "cy", "r"} | _SVG_SHAPE,
    "path": {"d"} | _SVG_SHAPE,
    "text": {"x", "y", "text-anchor", "font-size", "font-weight"} | _SVG_SHAPE,
}
# javascript:, data: and vbscript: are not on the list, so such links lose their href.
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def sanitize_body(html: str) -> str:
    """Keep only the safe tags and attributes; drop script and style with their content."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    ).strip()


@dataclass(frozen=True)
class Term:
    slug: str
    words: tuple[str, ...]  # the term and the other ways articles write it
    definition: str = ""


# Text inside these is never turned into a glossary link.
_NO_LINK_INSIDE = {
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn", "code", "pre",
    "svg", "figcaption", "caption", "th", "button", "label",
}  # fmt: skip


def _pattern(terms: Iterable[Term]) -> tuple[re.Pattern[str], dict[str, Term]] | None:
    entries: dict[str, tuple[str, Term]] = {}
    for term in terms:
        for word in term.words:
            if word.strip():
                entries.setdefault(word.strip().casefold(), (word.strip(), term))
    if not entries:
        return None
    # Longest first, so "post-acute withdrawal" wins over "withdrawal". Acronyms
    # (all capitals) match only in capitals; other words in any case.
    alternatives = [
        re.escape(word) if word.isupper() else f"(?i:{re.escape(word)})"
        for _key, (word, _term) in sorted(entries.items(), key=lambda kv: (-len(kv[0]), kv[0]))
    ]
    lookup = {key: term for key, (_word, term) in entries.items()}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")s?(?![\w-])")
    return pattern, lookup


class _GlossaryLinker(HTMLParser):
    def __init__(self, pattern: re.Pattern[str], lookup: dict[str, Term], url: str) -> None:
        super().__init__(convert_charrefs=False)
        self.pattern = pattern
        self.lookup = lookup
        self.url = url
        self.linked: set[str] = set()
        self.no_link_depth = 0
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")
        if tag in _NO_LINK_INSIDE:
            self.no_link_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in _NO_LINK_INSIDE and self.no_link_depth:
            self.no_link_depth -= 1

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_data(self, data):
        if self.no_link_depth:
            self.out.append(data)
        else:
            self.out.append(self.pattern.sub(self._link, data))

    def _link(self, match: re.Match[str]) -> str:
        term = self.lookup[match.group(1).casefold()]
        if term.slug in self.linked:
            return match.group(0)
        self.linked.add(term.slug)
        # The matched text comes from sanitised HTML, so it holds no markup.
        return f'<a class="glossary-link" href="{self.url}#{term.slug}">{match.group(0)}</a>'


def link_glossary(html: str, terms: Iterable[Term], *, glossary_url: str) -> str:
    """Link each glossary term where it first appears, outside links, headings and figures."""
    compiled = _pattern(terms)
    if compiled is None:
        return html
    linker = _GlossaryLinker(*compiled, url=glossary_url)
    linker.feed(html)
    linker.close()
    return "".join(linker.out)
