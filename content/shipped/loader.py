"""Put the shipped articles and glossary terms into the database without undoing staff work.

Takes the model classes as arguments so a data migration can pass its historical models.
"""

from dataclasses import dataclass

from content.html import sanitize_body
from content.shipped import ARTICLES, GLOSSARY, ShippedArticle


@dataclass
class LoadReport:
    created: list[str]
    refreshed: list[str]
    kept: list[str]  # edited by staff, or already at this revision
    terms_created: list[str]


def _article_fields(shipped: ShippedArticle) -> dict:
    return {
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


def load_shipped_content(*, article_model, glossary_model) -> LoadReport:
    """Create missing shipped articles; refresh older unedited ones; never touch staff edits.

    Glossary terms are only ever created, never changed.
    """
    report = LoadReport(created=[], refreshed=[], kept=[], terms_created=[])
    existing = {article.slug: article for article in article_model.objects.all()}
    for shipped in ARTICLES:
        article = existing.get(shipped.slug)
        if article is None:
            article_model.objects.create(slug=shipped.slug, **_article_fields(shipped))
            report.created.append(shipped.slug)
        elif article.edited_by_staff or (article.shipped_revision or 0) >= shipped.revision:
            report.kept.append(shipped.slug)
        else:
            for name, value in _article_fields(shipped).items():
                setattr(article, name, value)
            article.save()
            report.refreshed.append(shipped.slug)

    known_terms = set(glossary_model.objects.values_list("slug", flat=True))
    for term in GLOSSARY:
        if term.slug not in known_terms:
            glossary_model.objects.create(
                slug=term.slug,
                term=term.term,
                definition=term.definition,
                also_written_as=", ".join(term.also_written_as),
            )
            report.terms_created.append(term.slug)
    return report
