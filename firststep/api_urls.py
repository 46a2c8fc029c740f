from django.urls import path

from screening import api as screening_api
from treatment import api as treatment_api

app_name = "api"
urlpatterns = [
    path("assess", screening_api.assess, name="assess"),
    path("facilities", treatment_api.facilities, name="facilities"),
]
