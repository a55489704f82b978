from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("o/<slug:org>/channels/", views.channels, name="channels"),
    path("o/<slug:org>/channels/<int:pk>/decide/", views.channel_decide, name="channel_decide"),
    path("o/<slug:org>/channels/<int:pk>/token/", views.channel_token, name="channel_token"),
    path("o/<slug:org>/consents/", views.consents, name="consents"),
    path(
        "o/<slug:org>/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("o/<slug:org>/media/", views.media, name="media"),
    path("o/<slug:org>/media/<int:pk>/file/", views.media_file, name="media_file"),
    path("o/<slug:org>/embargoes/", views.embargoes, name="embargoes"),
]
