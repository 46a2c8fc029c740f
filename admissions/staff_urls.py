from django.contrib.auth import views as auth_views
from django.urls import path

from admissions import staff_views
from staffauth import views as staffauth_views

app_name = "staff"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="staff/login.html"),
        name="login",
    ),
    path("logout/", staffauth_views.sign_out, name="logout"),
    path("team/", staffauth_views.team, name="team"),
    path("team/<int:pk>/setup-link/", staffauth_views.create_link, name="create_link"),
    path(
        "team/<int:pk>/sign-out/", staffauth_views.sign_out_everywhere, name="sign_out_everywhere"
    ),
    path("two-step/invitation/<str:token>/", staffauth_views.open_invitation, name="invitation"),
    path("two-step/setup/", staff_views.otp_setup, name="otp_setup"),
    path("two-step/", staff_views.otp_verify, name="otp_verify"),
    path("", staff_views.queue, name="queue"),
    path("export.csv", staff_views.export_csv, name="export"),
    path("cases/<int:pk>/", staff_views.detail, name="detail"),
    path("cases/<int:pk>/summary.pdf", staff_views.detail_pdf, name="detail_pdf"),
    path("cases/<int:pk>/fhir.json", staff_views.detail_fhir, name="detail_fhir"),
    path("cases/<int:pk>/attempts/", staff_views.log_attempt, name="log_attempt"),
    path("cases/<int:pk>/status/", staff_views.set_status, name="set_status"),
    path("cases/<int:pk>/notes/", staff_views.add_note, name="add_note"),
    path("cases/<int:pk>/assign/", staff_views.assign, name="assign"),
]
