from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "tactful.web.inbox"
    label = "inbox"
