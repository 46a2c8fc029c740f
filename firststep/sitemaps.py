"""/sitemap.xml: every indexable page, in English and Spanish, each naming the other.

Articles are one row per language, each with its own slug: each row is listed once at its own
address, and the article page names its other-language versions itself (hreflang links).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.models import Article
from content.selectors import article_url
from treatment.models import Facility


class PublicSitemap(Sitemap):
    """Each item in every language of settings.LANGUAGES, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["home", "about", "content:index", "content:glossary", "treatment:search"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticlesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "language", "updated_at").order_by("pk")

    def location(self, article: Article) -> str:
        return article_url(article)

    def lastmod(self, article: Article):
        return article.updated_at


class FacilitiesSitemap(PublicSitemap):
    changefreq = "monthly"
    # Each facility is one <url> per language with three alternates: keep a file small.
    limit = 2500

    def items(self):
        return Facility.objects.active().only("pk", "updated_at").order_by("pk")

    def location(self, facility: Facility) -> str:
        return reverse("treatment:facility", args=[facility.pk])

    def lastmod(self, facility: Facility):
        return facility.updated_at


SITEMAPS = {"pages": PagesSitemap, "articles": ArticlesSitemap, "facilities": FacilitiesSitemap}
