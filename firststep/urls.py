from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from firststep import views
from firststep.sitemaps import SITEMAPS
from screening import views as screening_views

# Pages people read: English at /, the same page in Spanish under /es/.
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("leave/", screening_views.quick_exit, name="quick_exit"),
    path("screening/", include("screening.urls")),
    path("learn/", include("content.urls")),
    path("treatment/", include("treatment.urls")),
    path("my-screening/", include("admissions.urls")),
    # The language switch (a form in base.html). Inside the patterns, so the page it came
    # from resolves in its own language; without CSRF, so pages set no CSRF cookie (the
    # only thing a forged post could do is change someone's language).
    path("language/", csrf_exempt(set_language), name="set_language"),
    prefix_default_language=False,
)

# Language-neutral: no prefix. Staff pages are English; /api/ follows Accept-Language.
urlpatterns += [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("staff/", include("admissions.staff_urls")),
    path("api/", include("firststep.api_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "firststep.views.not_found"
