from django.urls import path

from . import views

app_name = "publishing"
urlpatterns = [
    path("o/<slug:org>/drafts/", views.draft_list, name="drafts"),
    path("o/<slug:org>/drafts/new/", views.draft_new, name="new"),
    path("o/<slug:org>/drafts/check/", views.check_endpoint, name="check"),
    path("o/<slug:org>/drafts/<int:draft_id>/", views.draft_detail, name="draft"),
    path("o/<slug:org>/drafts/<int:draft_id>/<slug:action>/", views.draft_action, name="act"),
    path("o/<slug:org>/posts/<int:post_id>/<slug:action>/", views.post_action, name="post_act"),
    path("o/<slug:org>/crisis/", views.crisis_page, name="crisis"),
]
