from django.urls import path

from treatment import views

app_name = "treatment"
urlpatterns = [
    path("", views.search, name="search"),
    path("facility/<int:pk>/", views.facility, name="facility"),
]
