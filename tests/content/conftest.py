import pytest

from content.models import Article, GlossaryTerm
from content.shipped.loader import load_shipped_content


@pytest.fixture
def shipped(db):
    """The shipped articles and glossary, as a fresh install has them.

    The data migration loads them, but a browser test's flush empties the tables,
    so load again (a no-op when they are there).
    """
    load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)
    return list(Article.objects.published())
