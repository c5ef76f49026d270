from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .check_data import body_map_for, region_graph
from .checks import Avoid
from .forms import LibraryFilterForm
from .models import Technique
from .search import search_techniques

PAGE_SIZE = 24


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


@require_GET
def library(request):
    form = LibraryFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors show beside their field; valid filters still apply
    techniques = form.filter(Technique.objects.published())
    techniques, searching = search_techniques(
        techniques, form.cleaned_data.get("q", "") if form.is_bound else ""
    )
    if not searching:
        techniques = techniques.order_by("name")
    page = Paginator(techniques.with_lists(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "searching": searching,
        "active_filters": form.active_filters(),
    }
    template = (
        "routines/_results.html" if request.headers.get("HX-Request") else "routines/library.html"
    )
    return render(request, template, context)


@require_GET
def technique_detail(request, slug):
    technique = get_object_or_404(visible_techniques(request.user).with_lists(), slug=slug)
    ladder = []
    if technique.progression_id:
        ladder = list(
            technique.progression.techniques.filter(
                Q(status=Technique.Status.PUBLISHED) | Q(pk=technique.pk)
            ).order_by("progression_level")
        )
    position = next((i for i, t in enumerate(ladder) if t.pk == technique.pk), None)
    previous_level = ladder[position - 1] if position else None
    next_level = (
        ladder[position + 1] if position is not None and position + 1 < len(ladder) else None
    )
    regions = region_graph()
    own = {r.slug for r in technique.regions.all()}
    avoid = avoid_from(request.GET, regions)
    context = {
        "technique": technique,
        "ladder": ladder,
        "previous_level": previous_level,
        "next_level": next_level,
        "body_map": body_map_for({}, regions, highlight=own),
        **works_well_with(technique, regions, avoid=avoid),
        # Carried on to the suggested techniques' pages, so their suggestions obey it too.
        "avoid_query": avoid.as_query(),
    }
    return render(request, "routines/technique_detail.html", context)


def avoid_from(query, regions: dict) -> Avoid:
    """What "works well with" must leave out, passed in by the page that linked here (the
    builder sends what its checked roster must avoid): known region slugs and action slugs
    only, so a made-up value changes nothing."""
    return Avoid(
        regions=frozenset(s for s in query.getlist("avoid")[:50] if s in regions),
        actions=frozenset(
            s for s in query.getlist("avoid_action")[:20] if s.isascii() and len(s) <= 60
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
    partner_techniques = list(
        published.filter(regions__slug__in=partners).distinct().order_by("level", "name")[:limit]
    )
    connected_techniques = list(
        published.filter(regions__slug__in=connected)
        .exclude(pk__in=[t.pk for t in partner_techniques])
        .distinct()
        .order_by("level", "name")[:limit]
    )
    return {
        "avoided": sorted(regions[s].name for s in avoid.regions) if avoid else [],
        "partner_regions": sorted(regions[s].name for s in partners),
        "partner_techniques": partner_techniques,
        "connected_techniques": connected_techniques,
    }
