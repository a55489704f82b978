from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [path("<int:channel_id>/", views.feed, name="feed")]
