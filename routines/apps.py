from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Technique library and routines"

    def ready(self):
        from . import state

        state.connect()
