from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from content.html import sanitize_body
from content.models import (
    CARE_LEVEL_CHOICES,
    DIRECTORY_CATEGORY_CHOICES,
    Article,
    GlossaryTerm,
)
from content.selectors import article_body_html
from content.shipped.loader import load_shipped_content


class ArticleAdminForm(forms.ModelForm):
    care_levels = forms.MultipleChoiceField(
        label=_("Related care levels"),
        choices=CARE_LEVEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    directory_categories = forms.MultipleChoiceField(
        label=_("Directory categories"),
        choices=DIRECTORY_CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Article
        fields = [
            "language",
            "translation_key",
            "title",
            "slug",
            "summary",
            "audience",
            "topic",
            "position",
            "body",
            "care_levels",
            "directory_categories",
            "sources",
            "last_reviewed",
            "is_published",
            "edited_by_staff",
        ]

    def clean_body(self) -> str:
        # Stored already safe: only the allowed tags and attributes survive.
        return sanitize_body(self.cleaned_data["body"])


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "language",
        "topic",
        "audience",
        "is_published",
        "edited_by_staff",
        "last_reviewed",
    ]
    list_filter = ["language", "is_published", "topic", "audience", "edited_by_staff"]
    search_fields = ["title", "summary", "body", "translation_key"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview", "shipped_revision", "updated_at"]
    actions = ["restore_shipped_text"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "language",
                    "translation_key",
                    "title",
                    "slug",
                    "summary",
                    "audience",
                    "topic",
                    "position",
                ]
            },
        ),
        (_("Text"), {"fields": ["body", "preview"]}),
        (_("Links"), {"fields": ["care_levels", "directory_categories", "sources"]}),
        (
            _("Review and publishing"),
            {
                "fields": [
                    "last_reviewed",
                    "is_published",
                    "edited_by_staff",
                    "shipped_revision",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("Preview (as saved)"))
    def preview(self, obj: Article) -> str:
        if not obj.pk:
            return _("Save the article to see a preview.")
        html = article_body_html(body=obj.body, language=obj.language)
        return format_html('<div class="article-preview">{}</div>', html)

    @admin.action(description=_("Restore the shipped text (undoes staff edits)"))
    def restore_shipped_text(self, request, queryset) -> None:
        shipped = queryset.filter(shipped_revision__isnull=False)
        shipped.update(edited_by_staff=False, shipped_revision=0)
        report = load_shipped_content(article_model=Article, glossary_model=GlossaryTerm)
        self.message_user(
            request,
            _("Restored %(count)d article(s).") % {"count": len(report.refreshed)},
        )

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        # Any change by staff protects the article from being refreshed by an upgrade.
        if form.changed_data and form.changed_data != ["edited_by_staff"]:
            obj.edited_by_staff = True
        super().save_model(request, obj, form, change)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "language", "slug", "also_written_as"]
    list_filter = ["language"]
    search_fields = ["term", "definition", "also_written_as"]
    prepopulated_fields = {"slug": ["term"]}
