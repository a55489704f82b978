from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("o/<slug:org>/audit/", views.audit_log, name="log"),
    path("o/<slug:org>/audit.csv", views.audit_csv, name="csv"),
]
