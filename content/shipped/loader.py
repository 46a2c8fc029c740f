"""Put the shipped articles and glossary terms into the database without undoing staff work.

Takes the model classes as arguments so a data migration can pass its historical models
(from migration 0005 on: the loader writes the language fields).

Each language's version of an article is its own row, found by (language, translation
key), so each is created, refreshed or kept on its own: a staff edit to the Spanish text
protects that text only, and a new English revision never touches it.
"""

from dataclasses import dataclass

from content.html import sanitize_body
from content.shipped import ARTICLES, ARTICLES_ES, GLOSSARY, GLOSSARY_ES, ShippedArticle


@dataclass
class LoadReport:
    # Each entry is "language/translation key", e.g. "en/detox" or "es/detox".
    created: list[str]
    refreshed: list[str]
    kept: list[str]  # edited by staff, written by staff, or already at this revision
    skipped: list[str]  # the slug is taken in that language by an article staff wrote
    terms_created: list[str]  # "language/slug"


def _article_fields(shipped: ShippedArticle) -> dict:
    return {
        "slug": shipped.slug,
        "title": shipped.title,
        "summary": shipped.summary,
        "body": sanitize_body(shipped.body),
        "audience": shipped.audience,
        "topic": shipped.topic,
        "position": shipped.position,
        "care_levels": list(shipped.care_levels),
        "directory_categories": list(shipped.directory_categories),
        "sources": [dict(source) for source in shipped.sources],
        "last_reviewed": shipped.last_reviewed,
        "is_published": shipped.is_published,
        "shipped_revision": shipped.revision,
    }


def _is_staff_work(article, shipped: ShippedArticle) -> bool:
    """Leave it alone: staff changed it, staff wrote it (never shipped), or it is current."""
    if article.edited_by_staff or article.shipped_revision is None:
        return True
    return article.shipped_revision >= shipped.revision


def load_shipped_content(*, article_model, glossary_model) -> LoadReport:
    """Create missing shipped articles; refresh older unedited ones; never touch staff edits.

    Glossary terms are only ever created, never changed.
    """
    report = LoadReport(created=[], refreshed=[], kept=[], skipped=[], terms_created=[])
    existing = {(a.language, a.translation_key): a for a in article_model.objects.all()}
    slugs_taken = {(a.language, a.slug) for a in existing.values()}
    for shipped in (*ARTICLES, *ARTICLES_ES):
        label = f"{shipped.language}/{shipped.key}"
        article = existing.get((shipped.language, shipped.key))
        if article is None:
            if (shipped.language, shipped.slug) in slugs_taken:
                report.skipped.append(label)
                continue
            article_model.objects.create(
                language=shipped.language, translation_key=shipped.key, **_article_fields(shipped)
            )
            slugs_taken.add((shipped.language, shipped.slug))
            report.created.append(label)
        elif _is_staff_work(article, shipped):
            report.kept.append(label)
        else:
            fields = _article_fields(shipped)
            if fields["slug"] != article.slug and (shipped.language, shipped.slug) in slugs_taken:
                del fields["slug"]  # a new shipped slug taken by staff: keep the old one
            for name, value in fields.items():
                setattr(article, name, value)
            article.save()
            report.refreshed.append(label)

    known_terms = set(glossary_model.objects.values_list("language", "slug"))
    for term in (*GLOSSARY, *GLOSSARY_ES):
        if (term.language, term.slug) not in known_terms:
            glossary_model.objects.create(
                language=term.language,
                slug=term.slug,
                term=term.term,
                definition=term.definition,
                also_written_as=", ".join(term.also_written_as),
            )
            report.terms_created.append(f"{term.language}/{term.slug}")
    return report
