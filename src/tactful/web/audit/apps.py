from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tactful.web.audit"
    label = "audit"
    verbose_name = "Audit log"
