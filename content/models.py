from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    SELF = "self", _("People who use opioids")
    FAMILY = "family", _("Family and friends")
    EVERYONE = "everyone", _("Everyone")


class Topic(models.TextChoices):
    # The order here is the order of the groups on /learn/.
    UNDERSTANDING = "understanding", _("Understanding opioid use")
    TREATMENT = "treatment", _("Treatment options")
    SAFETY_RECOVERY = "safety_recovery", _("Staying safe and staying well")
    FAMILY_MONEY = "family_money", _("Families and paying for care")


# The screening's care levels and the directory's categories (screening/scoring.py).
CARE_LEVEL_CHOICES = [
    ("emergency", _("Emergency help now")),
    ("inpatient_detox", _("Medically supervised detox")),
    ("residential", _("Residential (live-in) program")),
    ("php", _("Partial hospitalization (day program)")),
    ("iop", _("Intensive outpatient")),
    ("outpatient", _("Outpatient")),
    ("early_intervention", _("Early intervention")),
    ("aftercare", _("Aftercare and recovery support")),
    ("none", _("No treatment program")),
]
DIRECTORY_CATEGORY_CHOICES = [
    ("detox", _("Detox")),
    ("residential", _("Residential")),
    ("php", _("Partial hospitalization")),
    ("iop", _("Intensive outpatient")),
    ("outpatient", _("Outpatient")),
    ("medication", _("Medication for opioid use disorder")),
    ("aftercare", _("Aftercare")),
]
SOURCE_KEYS = ("title", "publisher", "url")


class Language(models.TextChoices):
    """The languages content is written in. English is the one every article has."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


DEFAULT_LANGUAGE = Language.ENGLISH


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        return self.filter(is_published=True)


class Article(models.Model):
    """One article in one language.

    Translations are plain rows: each language's version is its own row with its own
    `language`, `slug` (e.g. /learn/heroin-withdrawal/ and /es/learn/abstinencia-de-heroina/),
    title, body and sources, and they share a `translation_key` (the English slug for the
    shipped articles). Chosen over django-modeltranslation or django-parler because each
    version then keeps its own shipped revision, staff-edit mark and publishing state (staff
    can fix the Spanish text without freezing the English one), a missing translation is just
    a missing row (the selectors fall back to English), and no new dependency is needed.
    """

    language = models.CharField(
        _("language"), max_length=5, choices=Language, default=DEFAULT_LANGUAGE
    )
    translation_key = models.SlugField(
        _("translation key"),
        max_length=80,
        blank=True,
        help_text=_(
            "The same for every language version of one article: the English slug for the "
            "shipped articles. Left empty, it is set to this article's slug."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Its address, unique within its language.")
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences for lists.")
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "HTML. Allowed: h2–h4, p, lists, strong, em, links, abbr, blockquote, simple "
            "tables, figure, and simple SVG shapes. Anything else is removed when saved."
        ),
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience, default=Audience.EVERYONE
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order within its topic, smallest first.")
    )
    care_levels = models.JSONField(
        _("related care levels"), default=list, blank=True, help_text=_("Care level codes.")
    )
    directory_categories = models.JSONField(
        _("directory categories"),
        default=list,
        blank=True,
        help_text=_("The treatment directory search this article links to."),
    )
    sources = models.JSONField(
        _("sources"),
        default=list,
        help_text=_('A list of {"title": …, "publisher": …, "url": "https://…"}.'),
    )
    last_reviewed = models.DateField(_("last reviewed"))
    is_published = models.BooleanField(_("published"), default=False)
    # Shipped articles carry the revision they were loaded from; an upgrade may
    # refresh them, but never once staff have changed them.
    shipped_revision = models.PositiveIntegerField(
        _("shipped revision"), null=True, blank=True, editable=False
    )
    edited_by_staff = models.BooleanField(
        _("edited by staff"),
        default=False,
        help_text=_("Set when staff change the article; upgrades then leave it alone."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="content_article_unique_slug_per_language"
            ),
            models.UniqueConstraint(
                fields=["language", "translation_key"],
                name="content_article_one_version_per_language",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.translation_key:
            self.translation_key = self.slug
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("content:article", kwargs={"slug": self.slug})

    def directory_category_labels(self) -> list[str]:
        labels = dict(DIRECTORY_CATEGORY_CHOICES)
        return [str(labels[code]) for code in self.directory_categories if code in labels]

    def clean(self) -> None:
        if not self.translation_key:  # before the unique checks, which run after clean()
            self.translation_key = self.slug
        errors: dict[str, str] = {}
        known_levels = {code for code, _label in CARE_LEVEL_CHOICES}
        if not _is_list_of(self.care_levels, known_levels):
            errors["care_levels"] = _("Use a list of known care level codes.")
        known_categories = {code for code, _label in DIRECTORY_CATEGORY_CHOICES}
        if not _is_list_of(self.directory_categories, known_categories):
            errors["directory_categories"] = _("Use a list of known directory categories.")
        if not _valid_sources(self.sources):
            errors["sources"] = _(
                "Give at least one source, each with a title, a publisher and an https:// URL."
            )
        if errors:
            raise ValidationError(errors)


def _is_list_of(value, allowed: set[str]) -> bool:
    return isinstance(value, list) and all(item in allowed for item in value)


def _valid_sources(sources) -> bool:
    if not isinstance(sources, list) or not sources:
        return False
    for source in sources:
        if not isinstance(source, dict) or set(source) != set(SOURCE_KEYS):
            return False
        if not all(isinstance(source[key], str) and source[key].strip() for key in SOURCE_KEYS):
            return False
        if not source["url"].startswith("https://"):
            return False
    return True


class GlossaryTerm(models.Model):
    """One glossary term in one language, as articles are (see Article).

    The slug is the term's anchor on the glossary page (/learn/glossary/#detox) and is the
    same in every language, so it is also the key that ties translations together: an
    article in either language links #detox, and the glossary page in either language has it.
    """

    language = models.CharField(
        _("language"), max_length=5, choices=Language, default=DEFAULT_LANGUAGE
    )
    term = models.CharField(_("term"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("The anchor on the glossary page; the same for each language's version."),
    )
    definition = models.TextField(_("short definition"), max_length=600)
    also_written_as = models.CharField(
        _("also written as"),
        max_length=200,
        blank=True,
        help_text=_("Other forms to link in articles, separated by commas."),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="content_glossaryterm_unique_slug_per_language"
            ),
        ]

    def __str__(self) -> str:
        return self.term

    @property
    def words(self) -> tuple[str, ...]:
        others = [word.strip() for word in self.also_written_as.split(",")]
        return (self.term, *[word for word in others if word])
