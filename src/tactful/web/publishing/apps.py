from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "tactful.web.publishing"
    label = "publishing"
    verbose_name = "Drafts and posts"
