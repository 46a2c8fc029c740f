from django.contrib import admin
from django.urls import include, path

from firststep import views
from screening import views as screening_views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("healthz", views.healthz, name="healthz"),
    path("leave/", screening_views.quick_exit, name="quick_exit"),
    path("screening/", include("screening.urls")),
    path("learn/", include("content.urls")),
    path("treatment/", include("treatment.urls")),
    path("staff/", include("admissions.staff_urls")),
    path("my-screening/", include("admissions.urls")),
    path("api/", include("firststep.api_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "firststep.views.not_found"
