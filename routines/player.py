"""The step player shared by teach mode and the student's routine player."""

from django.utils.translation import gettext as _


def player_labels() -> dict:
    """The words the player's script shows, translated here on the server."""
    return {
        "left": _("Left side"),
        "right": _("Right side"),
        "start": _("Start"),
        "pause": _("Pause"),
        "resume": _("Resume"),
        "last": _("Last step"),
        "position": _("Step %(n)s of %(total)s"),
        "station": _("Station %(n)s of %(total)s"),
    }
