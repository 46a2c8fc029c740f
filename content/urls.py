from django.urls import path

from content import views

app_name = "content"
urlpatterns = [
    path("", views.index, name="index"),
    path("glossary/", views.glossary, name="glossary"),
    path("<slug:slug>/", views.article, name="article"),
]
