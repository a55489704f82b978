from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tactful.web.api"
    label = "api"
