from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tactful.web.connectors.outbox"
    label = "outbox"
    verbose_name = "Outbox (local feed)"
