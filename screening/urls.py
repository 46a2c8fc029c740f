from django.urls import path

from screening import views

app_name = "screening"
urlpatterns = [
    path("", views.start, name="start"),
    path("safety-check/", views.safety_check, name="safety_check"),
    path("emergency/", views.emergency, name="emergency"),
    path("step/<slug:step>/", views.step, name="step"),
    path("result/<str:reference>/", views.result, name="result"),
    path("result/<str:reference>/summary.pdf", views.result_pdf, name="result_pdf"),
    path("result/<str:reference>/delete/", views.result_delete, name="result_delete"),
    path("delete/", views.forget, name="forget"),
    path("deleted/", views.deleted, name="deleted"),
]
