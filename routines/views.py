from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .caching import cached, cached_fragment, make_key
from .check_data import body_map_for, load_region_graph
from .checks import Avoid
from .forms import LibraryFilterForm
from .models import Technique
from .picture_sheet import with_picture_lists
from .pictures import picture_alt, technique_picture_info
from .search import results_summary, search_library
from .state import library_version

PAGE_SIZE = 24
# What a library card shows (templates/routines/_technique_card.html): its text, and what
# its picture is drawn from (position, side) or the curator's photo.
CARD_FIELDS = (
    "slug",
    "name",
    "summary",
    "status",
    "level",
    "intensity",
    "duration_seconds",
    "per_side",
    "position",
    "image",
    "translations",  # the name and summary in the reader's language
)


def visible_techniques(user):
    """Whose technique pages a user may open.

    Published and retired ones for everyone (a retired technique leaves search but
    its page stays, for the plans that use it); curators see every one; a teacher
    also sees their own drafts and submissions.
    """
    qs = Technique.objects.all()
    if user.is_authenticated and user.is_curator:
        return qs
    public = Q(status__in=[Technique.Status.PUBLISHED, Technique.Status.RETIRED])
    if user.is_authenticated:
        return qs.filter(public | Q(author=user))
    return qs.filter(public)


def library_form(request, version: int) -> LibraryFilterForm:
    form = LibraryFilterForm(request.GET or None, version=version)
    if form.is_bound:
        form.is_valid()  # errors show beside their field; valid filters still apply
    return form


def library_results(request, form: LibraryFilterForm, ids_key: str) -> dict:
    """One page of the library's cards for the form's search and filters.

    The matching techniques' ids come in order from the search (routines/search.py) or one
    query, which gives the count and every page (a search ranks its matches once, and the
    other pages of a search reuse its ids); then the page's cards load only what they show.
    """

    def matching() -> tuple[list[int], dict]:
        techniques = form.filter(Technique.objects.published())
        q = form.cleaned_data.get("q", "") if form.is_bound else ""
        results = search_library(q, techniques if form.active_filters() else None)
        if results is None:
            return list(techniques.order_by("name").values_list("pk", flat=True)), {
                "searching": False
            }
        return results.pks, results_summary(results)

    ids, search = cached(ids_key, matching)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = with_picture_lists(Technique.objects.filter(pk__in=page.object_list).only(*CARD_FIELDS))
    by_pk = {card.pk: card for card in cards}
    page.object_list = [by_pk[pk] for pk in page.object_list if pk in by_pk]
    return {
        "page": page,
        "searching": search["searching"],
        "search": search,
        "active_filters": form.active_filters(),
    }


@require_GET
def library(request):
    """The library: search and filters beside a page of cards.

    Both are the same for everybody, so they are rendered once per library state, language
    and query string (routines/caching.py); a page's own query string is in its links.
    """
    version = library_version()
    query = request.GET.copy()
    page = query.pop("page", None)
    search = query.urlencode()
    parts = (version, get_language(), search)
    results = cached_fragment(
        request,
        make_key("library-results", *parts, page),
        "routines/_results.html",
        lambda: library_results(
            request, library_form(request, version), make_key("library-ids", version, search)
        ),
    )
    if request.headers.get("HX-Request"):
        return HttpResponse(results)
    filters = cached_fragment(
        request,
        make_key("library-filters", *parts),
        "routines/_filters.html",
        lambda: {"form": library_form(request, version)},
    )
    return render(request, "routines/library.html", {"filters": filters, "results": results})


@require_GET
def technique_detail(request, slug):
    """A technique's page. All but its header (which shows the signed-in user's buttons) is
    rendered once per library state, language, technique and `avoid` list."""
    # The state first: a change committed meanwhile then lands under the new state's key.
    version = library_version()
    technique = get_object_or_404(
        visible_techniques(request.user).select_related("progression"), slug=slug
    )
    avoid = (request.GET.getlist("avoid")[:50], request.GET.getlist("avoid_action")[:20])
    body = cached_fragment(
        request,
        make_key("technique-page", version, get_language(), technique.pk, avoid),
        "routines/_technique_body.html",
        lambda: technique_body_context(technique, request.GET, load_region_graph()),
    )
    return render(request, "routines/technique_detail.html", {"technique": technique, "body": body})


def technique_body_context(technique: Technique, query, regions: dict) -> dict:
    prefetch_related_objects([technique], "regions", "actions", "equipment")
    ladder = []
    if technique.progression_id:
        ladder = list(
            technique.progression.techniques.filter(
                Q(status=Technique.Status.PUBLISHED) | Q(pk=technique.pk)
            )
            .only("slug", "name", "progression", "progression_level", "translations")
            .order_by("progression_level")
        )
    position = next((i for i, t in enumerate(ladder) if t.pk == technique.pk), None)
    previous_level = ladder[position - 1] if position else None
    next_level = (
        ladder[position + 1] if position is not None and position + 1 < len(ladder) else None
    )
    own = {r.slug for r in technique.regions.all()}
    avoid = avoid_from(query, regions)
    described = picture_alt(technique_picture_info(technique))
    return {
        "technique": technique,
        # The photos in words: what the drawing says, and which position each one shows.
        "photo_alts": {
            "start": _("Photo of the start position. %(picture)s") % {"picture": described},
            "end": _("Photo of the end position. %(picture)s") % {"picture": described},
        },
        "ladder": ladder,
        "previous_level": previous_level,
        "next_level": next_level,
        "body_map": body_map_for({}, regions, highlight=own),
        **works_well_with(technique, regions, avoid=avoid),
        # Carried on to the suggested techniques' pages, so their suggestions obey it too.
        "avoid_query": avoid.as_query(),
    }


def avoid_from(query, regions: dict) -> Avoid:
    """What "works well with" must leave out, passed in by the page that linked here (the
    builder sends what its checked roster must avoid): known region slugs and action slugs
    only, so a made-up value changes nothing."""
    return Avoid(
        regions=frozenset(s for s in query.getlist("avoid")[:50] if s in regions),
        actions=frozenset(
            s
            for s in query.getlist("avoid_action")[:20]
            if s.isascii() and s.isprintable() and len(s) <= 60
        ),
    )


def works_well_with(technique, regions: dict, limit=4, avoid: Avoid | None = None):
    """Published techniques for the partner regions (balance) and the connected ones
    (neighbours along fascial lines), read from the region graph, leaving out any that
    work what `avoid` rules out."""
    own = {r.slug for r in technique.regions.all()}
    partners = {regions[s].partner for s in own if s in regions and regions[s].partner} - own
    connected = {n for s in own if s in regions for n in regions[s].neighbours} - own - partners
    published = Technique.objects.published().exclude(pk=technique.pk)
    if avoid and avoid.regions:
        published = published.exclude(regions__slug__in=avoid.regions)
    if avoid and avoid.actions:
        published = published.exclude(actions__slug__in=avoid.actions)
    published = published.only("slug", "name", "translations").distinct().order_by("level", "name")
    partner_techniques = (
        list(published.filter(regions__slug__in=partners)[:limit]) if partners else []
    )
    connected_techniques = (
        list(
            published.filter(regions__slug__in=connected).exclude(
                pk__in=[t.pk for t in partner_techniques]
            )[:limit]
        )
        if connected
        else []
    )
    return {
        "avoided": sorted(regions[s].name for s in avoid.regions) if avoid else [],
        "partner_regions": sorted(regions[s].name for s in partners),
        "partner_techniques": partner_techniques,
        "connected_techniques": connected_techniques,
    }
