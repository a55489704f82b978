from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "tactful.web.dashboard"
    label = "dashboard"
