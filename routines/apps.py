from django.apps import AppConfig


class RoutinesConfig(AppConfig):
    name = "routines"
    verbose_name = "Technique library and routines"

    def ready(self):
        from PIL import Image

        from . import state
        from .forms import MAX_IMAGE_PIXELS

        state.connect()
        # Nothing in the app decodes an image of more than twice the photo limit: Pillow
        # refuses it when it reads the header (a decompression bomb), whoever asks (the
        # photo field, the admin, WeasyPrint reading a stored photo into a PDF).
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
