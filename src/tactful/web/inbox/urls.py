from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [path("o/<slug:org>/inbox/", views.inbox, name="inbox")]
