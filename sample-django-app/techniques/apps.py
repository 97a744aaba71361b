from django.apps import AppConfig


class TechniquesConfig(AppConfig):
    name = "techniques"
    verbose_name = "Django performance techniques"
    default_auto_field = "django.db.models.BigAutoField"
