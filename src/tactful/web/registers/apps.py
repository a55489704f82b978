from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "tactful.web.registers"
    label = "registers"
    verbose_name = "Registers"
