from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Role

# (label, url name) per role, in the order the navigation shows them.
# Each feature adds its pages here as it lands.
NAVIGATION = {
    None: [(pgettext_lazy("navigation", "Technique library"), "routines:library")],
    Role.TEACHER: [
        (pgettext_lazy("navigation", "Dashboard"), "home"),
        (pgettext_lazy("navigation", "Class plans"), "classes:plan-list"),
        (_("Courses"), "classes:course-list"),
        (_("Students"), "students:student-list"),
        (pgettext_lazy("navigation", "Technique library"), "routines:library"),
        (pgettext_lazy("navigation", "My submissions"), "routines:my-submissions"),
    ],
    Role.STUDENT: [
        (_("Today"), "me"),
        (_("History"), "students:history"),
        (pgettext_lazy("navigation", "Technique library"), "routines:library"),
        (pgettext_lazy("navigation", "My health notes"), "students:my-health"),
    ],
    Role.CURATOR: [
        (pgettext_lazy("navigation", "Dashboard"), "home"),
        (pgettext_lazy("navigation", "Technique library"), "routines:library"),
        (pgettext_lazy("navigation", "Starter plans"), "classes:plan-list"),
        (_("Curate"), "routines:curate"),
    ],
}


def navigation(request):
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else None
    path = request.path
    items = []
    for label, name in NAVIGATION.get(role, []):
        url = reverse(name)
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return {"nav_items": items}
