from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tactful.web.people"
    label = "people"
    verbose_name = "People and organisations"
