import logging
from typing import NamedTuple

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.params import id_or_404, parse_id
from accounts.permissions import role_required
from routines.caching import (
    cached,
    cached_fragment,
    cached_many,
    fill_csrf,
    make_key,
    render_fragment,
)
from routines.check_data import info_of
from routines.forms import LibraryFilterForm, filter_choices
from routines.models import Position, Section, Step, Technique
from routines.printing import print_context
from routines.search import clean_query, results_summary, search_library
from routines.snapshots import load_sections, localize_snapshot, play_order
from routines.state import library_version
from students.homework import user_today
from students.models import Student
from students.safety import own_reminders

from . import services
from .access import get_plan_for_editor, get_plan_for_reader
from .findings import (
    CheckState,
    conflicting_steps,
    course_avoid,
    no_store,
    plan_findings,
)
from .forms import (
    FindingDismissalForm,
    OtherStepForm,
    PlanForm,
    SectionForm,
    StepForm,
    StepModificationForm,
)
from .models import (
    ClassPlan,
    Enrolment,
    FindingDismissal,
    PlanVersion,
    Session,
    StepModification,
)
from .pdf import PAPER_SIZES, StorageUnavailable, open_stored, version_pdf
from .pdf_gate import pdf_refusal

plan_user_required = role_required(Role.TEACHER, Role.CURATOR)
STALE = gettext_lazy(
    "This plan changed in another tab or window after this page was shown. "
    "Here is the plan as it is now; your change was not applied. Check it and make it again."
)
PANEL_SIZE = 20
logger = logging.getLogger(__name__)


# --- List, create, copy, delete ------------------------------------------------


@plan_user_required
@require_GET
def plan_list(request):
    """The teacher's plans (a curator's: the starter plans) and the starter plans to copy.
    Cached per state of those plans (one aggregate query), filter, page, language and
    time zone."""
    user = request.user
    plans = (
        ClassPlan.objects.templates() if user.is_curator else ClassPlan.objects.for_teacher(user)
    )
    q = clean_query(request.GET.get("q", ""))
    status = request.GET.get("status", "")
    sort = request.GET.get("sort", "changed")
    listed_or_offered = (
        Q(is_template=True)
        if user.is_curator
        else Q(owner=user) | Q(is_template=True, published_at__isnull=False)
    )
    shown = ClassPlan.objects.filter(listed_or_offered).aggregate(
        plans=Count("pk"),
        ids=Sum("pk"),
        changed=Max("updated_at"),
        published=Max("published_at"),
    )

    def context() -> dict:
        listed = plans
        if q:
            listed = listed.filter(Q(title__icontains=q) | Q(focus__icontains=q))
        if status == "draft":
            listed = listed.filter(published_at__isnull=True)
        elif status == "published":
            listed = listed.filter(published_at__isnull=False)
        listed = listed.order_by("title" if sort == "title" else "-updated_at")
        listed = listed.annotate(version_count=Count("versions", distinct=True))
        page = Paginator(listed, 25).get_page(request.GET.get("page"))
        templates = []
        if user.is_teacher:
            templates = (
                ClassPlan.objects.templates().filter(published_at__isnull=False).order_by("title")
            )
        return {
            "page": page,
            "q": q,
            "status": status,
            "sort": sort,
            "templates": templates,
            "user": user,
            "request": request,
        }

    key = make_key(
        "plan-list",
        user.pk,
        user.role,
        sorted(shown.items()),
        sorted(request.GET.lists()),  # filter, sort, page: the page links keep them all
        get_language(),
        timezone.get_current_timezone_name(),
    )
    list_html = cached_fragment(request, key, "classes/_plan_list_body.html", context)
    return render(request, "classes/plan_list.html", {"list_html": list_html})


@plan_user_required
def plan_create(request):
    form = PlanForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(
            owner=request.user, is_template=request.user.is_curator, **form.cleaned_data
        )
        return redirect(plan)
    return render(request, "classes/plan_form.html", {"form": form})


@plan_user_required
@require_POST
def plan_duplicate(request, pk):
    source = get_plan_for_reader(request, pk)
    copying_a_starter = source.is_template and request.user.is_teacher  # keeps its title
    plan = services.plan_duplicate(
        plan=source,
        owner=request.user,
        title=source.title if copying_a_starter else None,
        is_template=request.user.is_curator,  # a curator's copy is another starter plan
    )
    messages.success(request, _("A copy is ready to edit: “%(title)s”.") % {"title": plan.title})
    return redirect(plan)


@plan_user_required
def plan_delete(request, pk):
    plan = get_plan_for_editor(request, pk)
    if request.method == "POST":
        title = plan.title
        services.plan_delete(plan=plan)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("classes:plan-list")
    return render(request, "classes/plan_confirm_delete.html", {"plan": plan})


# --- The builder ---------------------------------------------------------------


class SectionChoice(NamedTuple):
    """A section as the library panel's menu shows it (no steps)."""

    pk: int
    title: str


# What a cached step's forms carry instead of the plan's lock version, filled in when the
# step is put in the builder: a step's HTML outlives the lock version of the plan around it.
LOCK_PLACEHOLDER = "rollcall-lock-version-placeholder"


class StepPlan(NamedTuple):
    """The plan as a step's template sees it, with the lock version left to fill in."""

    pk: int
    lock_version: str = LOCK_PLACEHOLDER


def steps_html(request, plan, steps, *, conflicts, adapted, forms, avoid_query, library):
    """The builder's steps as HTML (`step.html` on each), each cached per state of all it
    shows: the step's own fields, its technique (the library's version), the roster's
    conflict with it and its alternatives, its modifications, and the language; read in
    one round trip. So an edit re-renders only the steps it changed. A step showing a
    form's errors is rendered, not cached. The CSRF placeholder stays for the page around
    it to fill, the lock version is filled in here."""

    def renderer(step):
        def render_step() -> str:
            step.form = forms.get(step.pk) or StepForm(instance=step)
            step.first_cue = first_cue(step)
            return render_fragment(
                request,
                "classes/_step.html",
                {"step": step, "plan": StepPlan(plan.pk), "avoid_query": avoid_query},
            )

        return render_step

    keyed, rendered = {}, {}
    for step in steps:
        step.conflict = conflict = conflicts.get(step.pk)
        step.adaptations = adaptations = adapted.get(step.pk, [])
        if step.pk in forms:
            rendered[step.pk] = renderer(step)()
            continue
        fields = tuple(getattr(step, f.attname) for f in Step._meta.concrete_fields)
        conflicting = conflict and (
            tuple((s.student_id, s.name) for s in conflict.students),
            tuple((t.slug, t.name) for t in conflict.alternatives),
        )
        modified = tuple((m.pk, m.student.short_name, m.instead) for m in adaptations)
        key = make_key(
            "builder-step", fields, library, conflicting, modified, avoid_query, get_language()
        )
        keyed[key] = (step.pk, renderer(step))
    found = cached_many({key: render for key, (_pk, render) in keyed.items()})
    rendered |= {keyed[key][0]: html for key, html in found.items()}
    lock_version = str(plan.lock_version)
    for step in steps:
        # Safe: rendered (and escaped) by the template; the lock version is a number.
        step.html = mark_safe(rendered[step.pk].replace(LOCK_PLACEHOLDER, lock_version))


def first_cue(step) -> str:
    """What a step's compact row quotes: its own cue, else its technique's first cue, else
    (an exercise, an assessment, a rest, a talk) the first line of its words."""
    if step.cue:
        return step.cue
    if step.technique_id:
        return next(iter(step.technique.cues or []), "")
    return next(iter(step.text.splitlines()), "")


def last_used_section(sections):
    """The section the panel's "Add" puts a technique into: the section of the step added
    last (so a run of adds stays where it started), else the main work (the third) of an
    empty plan, else the first."""
    newest = max(
        ((step.pk, section) for section in sections for step in section.steps.all()),
        default=None,
        key=lambda pair: pair[0],
    )
    if newest is not None:
        return newest[1]
    return sections[2] if len(sections) > 2 else (sections[0] if sections else None)


def section_add_forms(plan, sections, other_form) -> dict:
    """One "add an exercise, assessment, rest or talk" form per section, each with its own
    ids; a form that came back with errors stays beside its section, open. A class starts
    by arriving and assessing and ends at rest: the first section's form offers an
    assessment first, the last one a rest, the others a custom exercise."""
    forms = {}
    for index, section in enumerate(sections):
        kind = Step.Kind.EXERCISE
        if len(sections) > 2 and index == 0:
            kind = Step.Kind.ASSESSMENT
        elif len(sections) > 2 and index == len(sections) - 1:
            kind = Step.Kind.REST
        forms[section.pk] = OtherStepForm(
            routine=plan.routine,
            initial={"section": section.pk, "kind": kind},
            auto_id=f"id_s{section.pk}-%s",
        )
    if other_form is not None and other_form.is_bound and forms:
        posted = parse_id(other_form.data.get(other_form.add_prefix("section")))
        at = posted if posted in forms else next(iter(forms))
        other_form.auto_id = f"id_s{at}-%s"
        forms[at] = other_form
    return forms


def builder_body_context(
    request, plan, state, *, step_forms=None, plan_form=None, other_form=None
) -> dict:
    """What the builder's plan (`_builder_body.html`) and its header bar
    (`_builder_header.html`) show. The roster, the library and the plan's sections are read
    here, so a cached body reads none of them."""
    sections = load_sections(plan.routine)
    snapshot = localize_snapshot(services.plan_snapshot(plan, sections))
    findings = plan_findings(
        snapshot,
        plan=plan,
        course=state.course,
        snapshot_name=("draft", plan.pk, plan.lock_version, plan.updated_at),
        state=state,
    )
    conflicts = {c.step.step_id: c for c in findings["conflicts"]}
    adapted = {}
    for modification in findings["modifications"]:
        adapted.setdefault(modification.step_id, []).append(modification)
    avoid_query = findings["avoid"].as_query()
    steps_html(
        request,
        plan,
        [step for section in sections for step in section.steps.all()],
        conflicts=conflicts,
        adapted=adapted,
        forms=step_forms or {},
        avoid_query=avoid_query,
        library=state.library,
    )
    add_forms = section_add_forms(plan, sections, other_form)
    for section in sections:
        section.add_form = add_forms[section.pk]
    versions = list(plan.versions.menu().order_by("-number"))
    return {
        "avoid_query": avoid_query,
        "plan": plan,
        "sections": sections,
        "snapshot": snapshot,
        "findings": findings,
        "add_section": last_used_section(sections),
        "over_target": snapshot["total_seconds"] > plan.target_minutes * 60,
        "plan_form": plan_form or PlanForm(instance=plan),
        "section_form": SectionForm(),
        "versions": versions,
        "latest_version": versions[0] if versions else None,
        "share_url": request.build_absolute_uri(reverse("classes:share", args=[plan.share_token]))
        if plan.share_token
        else "",
    }


class BuilderParts(NamedTuple):
    """The builder's plan as HTML, its header bar (Publish, Print, PDF, Teach, Share: kept
    in view above the plan and the panel), and the sections for the library panel's menu
    with the one a technique goes into by default (the last one used)."""

    header: str
    body: str
    sections: list[SectionChoice]
    add_section: int | None


def builder_body(request, plan, state, **forms) -> BuilderParts:
    """The builder's plan and header bar as HTML, and its sections for the panel's menu.

    Cached per state of all it shows: the plan's lock version (every edit, publish and
    detail change moves it), its share link, the checks' inputs (roster, notes,
    modifications, library, today, language: CheckState), the dismissals, the host the
    share link is written for and the time zone of the version dates. A page that shows
    a form's errors is rendered, not cached."""
    key = None
    if not any(forms.values()):
        key = state.key(
            "builder",
            ("draft", plan.pk, plan.lock_version, plan.updated_at),
            plan.share_token,
            request.scheme,
            request.get_host(),
            timezone.get_current_timezone_name(),
        )

    def build() -> BuilderParts:
        context = builder_body_context(request, plan, state, **forms)
        return BuilderParts(
            header=render_fragment(request, "classes/_builder_header.html", context),
            body=render_fragment(request, "classes/_builder_body.html", context),
            sections=[SectionChoice(s.pk, s.title) for s in context["sections"]],
            add_section=context["add_section"].pk if context["add_section"] else None,
        )

    parts = build() if key is None else BuilderParts(*cached(key, build))
    return parts._replace(
        header=fill_csrf(request, parts.header), body=fill_csrf(request, parts.body)
    )


def render_builder(request, plan, *, status=200, removed_step=None, swapped=None, **forms):
    """The builder page, or only its editor region for an htmx request. Never cached by
    the browser: its findings come from the roster's health notes."""
    state = CheckState.of(plan, plan.check_course)
    parts = builder_body(request, plan, state, **forms)
    context = {
        "plan": plan,
        "builder_header": parts.header,
        "builder_body": parts.body,
        "sections": parts.sections,
        "add_section": parts.add_section,
        "removed_step": removed_step,
        "swapped": swapped,
    }
    if request.headers.get("HX-Request"):
        return no_store(render(request, "classes/_builder.html", context, status=status))
    context["panel_html"] = builder_panel(
        request, plan, parts.sections, state.library, add_section=parts.add_section
    )
    return no_store(render(request, "classes/plan_builder.html", context, status=status))


def panel_filters(request, version: int) -> tuple[LibraryFilterForm, tuple]:
    """The library panel's filter form (words, region, action, equipment, position), and
    what it was asked, as a cache key part."""
    form = LibraryFilterForm(request.GET or None, version=version)
    if form.is_bound:
        form.is_valid()
    asked = tuple((name, tuple(request.GET.getlist(name))) for name in sorted(form.fields))
    return form, asked


def panel_results(request, form, asked, version) -> str:
    """The panel's list of techniques for a filter: cached per library version, filter and
    language (it shows no plan, user or roster)."""

    def build() -> str:
        techniques = form.filter(Technique.objects.published())
        q = form.cleaned_data.get("q", "") if form.is_bound else ""
        found = search_library(q, techniques if form.active_filters() else None)
        lists = ("regions", "equipment", "actions")
        if found is None:
            total = techniques.count()
            results = list(techniques.order_by("name").prefetch_related(*lists)[:PANEL_SIZE])
        else:
            total = len(found.pks)
            shown = found.pks[:PANEL_SIZE]
            by_pk = Technique.objects.filter(pk__in=shown).prefetch_related(*lists).in_bulk()
            results = [by_pk[pk] for pk in shown if pk in by_pk]
        return render_to_string(
            "classes/_library_panel_results.html",
            {"form": form, "results": results, "total": total, "search": results_summary(found)},
            request,
        )

    html = cached(make_key("panel-results", version, asked, get_language()), build)
    return mark_safe(html)  # rendered and escaped by the template; no token in it


def builder_panel(request, plan, sections, version: int, *, add_section=None) -> str:
    """The builder's library panel: filter form (words, region, action, equipment,
    position), add form and results, cached per plan state (its forms carry the lock
    version and the sections), the section "Add" puts techniques into (the last one used,
    or `?add_to=` from a section's "From the library" link), library version, filter and
    language; the CSRF token is filled in per request."""
    form, asked = panel_filters(request, version)
    chosen = form.data if form.is_bound else {}
    add_to = parse_id(request.GET.get("add_to"))
    if add_to in {s.pk for s in sections}:
        add_section = add_to

    def context() -> dict:
        vocabulary = filter_choices(version)  # cached per library state
        return {
            "plan": plan,
            "sections": sections,
            "add_section": add_section,
            "panel": {
                "form": form,
                "results_html": panel_results(request, form, asked, version),
                "filters": [
                    (name, form.fields[name].label, any_label, choices, chosen.get(name, ""))
                    for name, any_label, choices in (
                        ("region", _("Any region"), vocabulary["region"]),
                        ("action", _("Any action"), vocabulary["action"]),
                        ("equipment", _("Any equipment"), vocabulary["equipment"]),
                        ("position", _("Any position"), Position.choices),
                    )
                ],
            },
        }

    key = make_key(
        "builder-panel",
        plan.pk,
        plan.lock_version,
        tuple(sections),
        add_section,
        version,
        asked,
        get_language(),
    )
    return cached_fragment(request, key, "classes/_builder_panel.html", context)


@plan_user_required
@require_GET
def plan_builder(request, pk):
    plan = get_plan_for_editor(request, pk)
    removed = swapped = None
    if removed_pk := parse_id(request.GET.get("removed")):
        removed = plan.routine.steps.filter(pk=removed_pk, removed=True).first()
    old_pk, _sep, new_pk = request.GET.get("swapped", "").partition("-")
    old_pk, new_pk = parse_id(old_pk), parse_id(new_pk)
    if old_pk and new_pk:
        steps = {s.pk: s for s in plan.routine.steps.filter(pk__in=[old_pk, new_pk])}
        old, new = steps.get(old_pk), steps.get(new_pk)
        if old and new and old.removed and not new.removed:
            swapped = (old, new)
    return render_builder(request, plan, removed_step=removed, swapped=swapped)


@plan_user_required
@require_GET
def builder_library(request, pk):
    get_plan_for_editor(request, pk)
    version = library_version()
    form, asked = panel_filters(request, version)
    return HttpResponse(panel_results(request, form, asked, version))


def after_change(request, plan, message=None, *, anchor="", **extra):
    """Where a builder action ends: the fresh editor region (htmx) or a redirect (plain POST),
    to `#anchor` (the step just moved or saved) where given."""
    if request.headers.get("HX-Request"):
        if message:
            messages.success(request, message)
        plan.refresh_from_db()
        return render_builder(request, plan, **extra)
    if message:
        messages.success(request, message)
    url = plan.get_absolute_url()
    if extra.get("removed_step"):
        url += f"?removed={extra['removed_step'].pk}"
    if extra.get("swapped"):
        old, new = extra["swapped"]
        url += f"?swapped={old.pk}-{new.pk}"
    if anchor:
        url += f"#{anchor}"
    return redirect(url)


def apply_change(request, plan, change, *, message=None, on_stale=None, **extra):
    """Run one builder change under the plan's version lock: `change(version)` with the
    version the page was drawn on. A stale change is refused (409) and an impossible one
    (PlanError) explained (422), each with the plan as it is now. `message` may be a
    function of the change's result."""
    try:
        result = change(request.POST.get("version"))
    except services.StalePlan:
        return refused(request, plan, STALE, status=409, **(on_stale or {}))
    except services.PlanError as error:
        return refused(request, plan, str(error), status=422)
    return after_change(request, plan, message(result) if callable(message) else message, **extra)


def refused(request, plan, message, *, status, **extra):
    messages.error(request, message)
    plan.refresh_from_db()
    return render_builder(request, plan, status=status, **extra)


@plan_user_required
@require_POST
def plan_edit(request, pk):
    plan = get_plan_for_editor(request, pk)
    form = PlanForm(request.POST, instance=plan)
    if not form.is_valid():
        plan.refresh_from_db()
        return render_builder(request, plan, status=422, plan_form=form)
    try:
        with services.transaction.atomic():
            services.plan_lock(plan, request.POST.get("version"))
            form.save()
            if "language" in form.changed_data:  # its stored PDFs were in the old one
                plan.versions.update(pdf="", pdf_letter="")
            plan.routine.transition_seconds = form.cleaned_data["transition_seconds"]
            plan.routine.save(update_fields=["transition_seconds"])
    except services.StalePlan:
        return refused(
            request, plan, STALE, status=409, plan_form=PlanForm(request.POST, instance=plan)
        )
    return after_change(request, plan, _("Plan details saved."))


@plan_user_required
@require_POST
def step_add(request, pk):
    plan = get_plan_for_editor(request, pk)
    section_pk = parse_id(request.POST.get("section"))
    section = plan.routine.sections.filter(pk=section_pk).first() if section_pk else None
    technique = Technique.objects.with_slug(request.POST.get("technique")).first()
    if section is None or technique is None:
        return refused(
            request, plan, _("Choose a technique and a section to add it to."), status=422
        )
    return apply_change(
        request,
        plan,
        lambda version: services.step_add(
            plan=plan, expected_version=version, section=section, technique=technique
        ),
        message=_("Added “%(name)s” to %(section)s.")
        % {"name": technique.name, "section": section.title},
    )


@plan_user_required
@require_POST
def step_add_other(request, pk):
    plan = get_plan_for_editor(request, pk)
    form = OtherStepForm(request.POST, routine=plan.routine)
    if not form.is_valid():
        plan.refresh_from_db()
        return render_builder(request, plan, status=422, other_form=form)
    data = form.cleaned_data
    return apply_change(
        request,
        plan,
        lambda version: services.step_add(
            plan=plan,
            expected_version=version,
            section=data["section"],
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            duration_seconds=data["duration_seconds"],
            side=data["side"],
        ),
        message=_("Added “%(title)s”.") % {"title": data["title"]},
        on_stale={"other_form": form},
    )


def get_step(plan, step_pk, *, removed=False) -> Step:
    return get_object_or_404(
        Step.objects.select_related("technique", "section"),
        pk=step_pk,
        routine=plan.routine,
        removed=removed,
    )


@plan_user_required
@require_POST
def step_update(request, pk, step_pk):
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk)
    form = StepForm(request.POST, instance=step)
    if not form.is_valid():
        plan.refresh_from_db()
        return render_builder(request, plan, status=422, step_forms={step.pk: form})
    try:
        services.step_update(
            plan=plan, expected_version=request.POST.get("version"), step=step, **form.cleaned_data
        )
    except services.StalePlan:
        # What was typed stays in the form, beside the refusal.
        form.add_error(None, _("Not saved yet: the plan changed elsewhere. Check and save again."))
        return refused(request, plan, STALE, status=409, step_forms={step.pk: form})
    return after_change(request, plan, anchor=f"step-{step.pk}")


@plan_user_required
@require_POST
def step_move(request, pk, step_pk):
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return refused(request, plan, _("Move a step up or down."), status=422)
    return apply_change(
        request,
        plan,
        lambda version: services.step_move(
            plan=plan, expected_version=version, step=step, direction=direction
        ),
        anchor=f"step-{step.pk}",  # without JavaScript, the page opens at the moved step
    )


@plan_user_required
@require_POST
def steps_reorder(request, pk):
    """The order after a drag and drop: one field per section, `section-<id>` = "id,id,…"."""
    plan = get_plan_for_editor(request, pk)
    order = {}
    try:
        for key, value in request.POST.items():
            if key.startswith("section-"):
                ids = [v.strip() for v in value.split(",") if v.strip()]
                order[id_or_404(key.removeprefix("section-"))] = [id_or_404(v) for v in ids]
    except Http404:
        return refused(
            request, plan, _("The new order could not be read; nothing was moved."), status=422
        )
    return apply_change(
        request,
        plan,
        lambda version: services.steps_reorder(plan=plan, expected_version=version, order=order),
    )


@plan_user_required
@require_POST
def step_remove(request, pk, step_pk):
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk)
    return apply_change(
        request,
        plan,
        lambda version: services.step_remove(plan=plan, expected_version=version, step=step),
        removed_step=step,
    )


@plan_user_required
@require_POST
def step_undo(request, pk, step_pk):
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk, removed=True)
    return apply_change(
        request,
        plan,
        lambda version: services.step_remove(
            plan=plan, expected_version=version, step=step, removed=False
        ),
        message=_("“%(title)s” is back.") % {"title": step.display_title},
    )


@plan_user_required
@require_POST
def step_swap(request, pk, step_pk):
    """Replace a conflicting step with an alternative, in place, under the version lock.
    Refused when the alternative works anything the checked roster must avoid."""
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk)
    technique = Technique.objects.with_slug(request.POST.get("technique")).first()
    if technique is None or step.technique_id is None:
        return refused(request, plan, _("Choose a technique to swap this step for."), status=422)
    if not course_avoid(plan.check_course).allows(info_of(technique)):
        return refused(
            request,
            plan,
            _(
                "“%(name)s” works something a health note on the roster asks to avoid: "
                "choose another technique."
            )
            % {"name": technique.name},
            status=422,
        )
    try:
        new = services.step_swap(
            plan=plan,
            expected_version=request.POST.get("version"),
            step=step,
            technique=technique,
        )
    except services.StalePlan:
        return refused(request, plan, STALE, status=409)
    except services.PlanError as error:
        return refused(request, plan, str(error), status=422)
    message = _("Swapped “%(old)s” for “%(new)s”.") % {
        "old": step.display_title,
        "new": new.display_title,
    }
    return after_change(request, plan, message, swapped=(step, new))


@plan_user_required
@require_POST
def step_unswap(request, pk, step_pk):
    """Undo a swap: `step_pk` is the step that was swapped out, `new` the one that came in."""
    plan = get_plan_for_editor(request, pk)
    old = get_step(plan, step_pk, removed=True)
    new_pk = parse_id(request.POST.get("new"))
    if new_pk is None:
        return refused(request, plan, _("That swap can no longer be undone."), status=422)
    new = get_step(plan, new_pk)
    return apply_change(
        request,
        plan,
        lambda version: services.step_unswap(plan=plan, expected_version=version, old=old, new=new),
        message=_("“%(title)s” is back.") % {"title": old.display_title},
    )


@plan_user_required
@require_POST
def step_modify(request, pk, step_pk):
    """ "For Sam: do X instead": a technique from the library or the teacher's own words."""
    plan = get_plan_for_editor(request, pk)
    step = get_step(plan, step_pk)
    form = StepModificationForm(request.POST, course=plan.check_course, today=timezone.localdate())
    if not form.is_valid():
        return refused(request, plan, form.first_error(), status=422)
    student = form.cleaned_data["student"]
    services.modification_save(
        plan=plan,
        step=step,
        student=student,
        technique=form.cleaned_data["technique"],
        text=form.cleaned_data["text"],
        by=request.user,
    )
    return after_change(
        request,
        plan,
        _("Noted for %(name)s at “%(step)s”.") % {"name": student, "step": step.display_title},
    )


@plan_user_required
@require_POST
def modification_delete(request, pk, modification_pk):
    plan = get_plan_for_editor(request, pk)
    modification = get_object_or_404(StepModification, pk=modification_pk, plan=plan)
    modification.delete()
    return after_change(request, plan, _("The modification is removed."))


@plan_user_required
@require_POST
def section_save(request, pk):
    plan = get_plan_for_editor(request, pk)
    section = None
    if request.POST.get("section"):
        section_pk = id_or_404(request.POST["section"])
        section = get_object_or_404(Section, pk=section_pk, routine=plan.routine)
    form = SectionForm(request.POST, instance=section)
    if not form.is_valid():
        return refused(
            request, plan, _("Give the section a title (up to 80 characters)."), status=422
        )
    return apply_change(
        request,
        plan,
        lambda version: services.section_save(
            plan=plan, expected_version=version, section=section, title=form.cleaned_data["title"]
        ),
    )


@plan_user_required
@require_POST
def section_delete(request, pk, section_pk):
    plan = get_plan_for_editor(request, pk)
    section = get_object_or_404(Section, pk=section_pk, routine=plan.routine)
    return apply_change(
        request,
        plan,
        lambda version: services.section_delete(
            plan=plan, expected_version=version, section=section
        ),
    )


@plan_user_required
@require_POST
def plan_publish(request, pk):
    plan = get_plan_for_editor(request, pk)
    return apply_change(
        request,
        plan,
        lambda version: services.plan_publish(plan=plan, expected_version=version),
        message=lambda published: (
            _("Published as version %(n)s. It will not change, whatever you edit next.")
            % {"n": published.number}
        ),
    )


@plan_user_required
@require_POST
def plan_share(request, pk):
    plan = get_plan_for_editor(request, pk)
    if request.POST.get("action") == "revoke":
        plan.share_token = None
        message = _("The share link is revoked: it no longer opens the plan.")
    else:
        if not plan.is_published:
            return refused(request, plan, _("Publish the plan before sharing it."), status=422)
        plan.share_token = ClassPlan.new_share_token()
        message = _("Anyone with the share link can now read the latest published version.")
    ClassPlan.objects.filter(pk=plan.pk).update(share_token=plan.share_token)
    return after_change(request, plan, message)


@plan_user_required
@require_POST
def finding_dismiss(request, pk):
    """Set a finding aside for this plan, with a reason; it stays listed as dismissed."""
    plan = get_plan_for_editor(request, pk)
    form = FindingDismissalForm(request.POST)
    if not form.is_valid():
        return refused(request, plan, form.first_error(), status=422)
    FindingDismissal.objects.update_or_create(
        plan=plan,
        key=form.cleaned_data["key"],
        defaults={"reason": form.cleaned_data["reason"], "dismissed_by": request.user},
    )
    return after_change(request, plan, _("Dismissed; it stays listed under “dismissed”."))


@plan_user_required
@require_POST
def finding_restore(request, pk):
    plan = get_plan_for_editor(request, pk)
    form = FindingDismissalForm(request.POST, restoring=True)
    if not form.is_valid():
        return refused(request, plan, form.first_error(), status=422)
    FindingDismissal.objects.filter(plan=plan, key=form.cleaned_data["key"]).delete()
    return after_change(request, plan)


# --- Published versions: print, PDF, teach, share ------------------------------


def chosen_version(request, plan) -> PlanVersion | None:
    """The version asked for (`?version=`), else the newest. Its snapshot is loaded only
    when used: a page served from the cache, or a stored PDF, never reads it."""
    versions = plan.versions.defer("snapshot")
    number = request.GET.get("version")
    if number:
        return get_object_or_404(versions, number=id_or_404(number))
    return versions.order_by("-number").first()


def version_snapshot(plan, version) -> tuple[dict, str]:
    """The snapshot to print and its label: a version's, or the draft's before publishing."""
    if version is None:
        return localize_snapshot(services.plan_snapshot(plan)), _("Draft — not published")
    return localize_snapshot(version.snapshot), _("Version %(n)s") % {"n": version.number}


def snapshot_name(plan, version) -> tuple:
    """What names a snapshot for good, for cache keys: a published version never changes;
    a draft changes with its lock version (the library's version is in every check key)."""
    if version is None:
        return ("draft", plan.pk, plan.lock_version, plan.updated_at)
    return ("version", version.pk)


def paper_of(request) -> str:
    paper = request.GET.get("paper", "a4")
    return paper if paper in PAPER_SIZES else "a4"


@plan_user_required
@require_GET
def plan_print(request, pk):
    """The teacher's print page. Cached per snapshot, checks' inputs (CheckState), paper,
    language and time zone, and whether the reader is a curator (the back link)."""
    plan = get_plan_for_reader(request, pk)
    with translation.override(plan.print_language(get_language())):
        return _plan_print(request, plan)


def _plan_print(request, plan):
    version = chosen_version(request, plan)
    paper = paper_of(request)
    checked = not plan.is_template  # teacher-only: never in PDFs or shares
    course = checked_course(request, plan) if checked else None
    state = CheckState.of(plan, course)
    name = snapshot_name(plan, version)

    def context() -> dict:
        snapshot, label = version_snapshot(plan, version)
        findings = None
        if checked:
            findings = plan_findings(
                snapshot, plan=plan, course=course, snapshot_name=name, state=state
            )
        return print_context(
            snapshot,
            label=label,
            version=version,
            plan=plan,
            teacher_view=True,
            paper=paper,
            findings=findings,
            body_map=findings["body_map"] if findings else None,
        )

    key = state.key(
        "print",
        name,
        checked,
        paper,
        request.user.is_curator,
        timezone.get_current_timezone_name(),
        get_language(),
    )
    response = HttpResponse(cached_fragment(request, key, "classes/plan_print.html", context))
    return no_store(response) if checked else response


@plan_user_required
@require_GET
def plan_pdf(request, pk):
    plan = get_plan_for_reader(request, pk)
    version = chosen_version(request, plan)
    if version is None:
        messages.error(request, _("Publish the plan to download its PDF."))
        return redirect(
            plan
            if plan.owner_id == request.user.pk or request.user.is_curator
            else "classes:plan-list"
        )
    # Within the PDF budget, or sent to the print page with why (classes/pdf_gate.py).
    refused = pdf_refusal(request, plan, version, paper_of(request))
    if refused is not None:
        return refused
    try:
        pdf, _created = version_pdf(version, paper_of(request))
        handle = open_stored(pdf)
    except StorageUnavailable:
        logger.exception("The PDF of plan version %s could not be stored or read", version.pk)
        message = _(
            "The PDF cannot be made just now: the file storage did not answer. "
            "Try again in a few minutes."
        )
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    filename = f"{plan.title[:60]} v{version.number}.pdf".replace("/", "-")
    return FileResponse(
        handle, content_type="application/pdf", filename=filename, as_attachment=True
    )


@plan_user_required
@require_GET
def plan_teach(request, pk):
    """Teach mode: cached per version, the checks' inputs, language and time zone."""
    plan = get_plan_for_reader(request, pk)
    version = chosen_version(request, plan)
    if version is None:
        messages.error(request, _("Teach mode plays a published version: publish the plan first."))
        return redirect(plan)
    course = checked_course(request, plan)
    state = CheckState.of(plan, course)

    def context() -> dict:
        steps = play_order(localize_snapshot(version.snapshot))
        if course is not None:
            # On the teacher's device only: who to adapt a step for, and how.
            alerts = teach_alerts(conflicting_steps(version.snapshot, plan=plan, course=course))
            for step in steps:
                step["alerts"] = alerts.get(step["number"], [])
        return {
            "plan": plan,
            "version": version,
            "steps": steps,
        }

    key = state.key("teach", ("version", version.pk), timezone.get_current_timezone_name())
    html = cached_fragment(request, key, "classes/plan_teach.html", context)
    return no_store(HttpResponse(html))


def checked_course(request, plan):
    """The roster that teach mode and the teacher's print copy check against: the
    session's course for a session (`?session=`), else the plan's check course. None for
    starter plans."""
    if plan.is_template or plan.owner_id != request.user.pk:
        return None
    session_id = parse_id(request.GET.get("session"))
    if session_id:
        session = (
            Session.objects.filter(pk=session_id, course__teacher=request.user)
            .select_related("course")
            .first()
        )
        if session is not None:
            return session.course
    return plan.check_course


def teach_alerts(conflicts) -> dict:
    """step number → the discreet reminders teach mode shows at that step: first names
    only, and what they do instead where the teacher recorded it."""
    alerts = {}
    for conflict in conflicts:
        lines = [
            _("%(name)s: %(instead)s instead") % {"name": s.first_name, "instead": m.instead}
            for s, m in conflict.adapted
        ]
        lines += [
            _("%(name)s: adapt this step (health note)") % {"name": s.first_name}
            for s in conflict.students
        ]
        alerts[conflict.step.index] = lines
    return alerts


@require_GET
def share(request, token):
    """A plan's newest published version, for anyone with the link: the same for every
    reader, so cached per version, paper and language."""
    plan = get_object_or_404(ClassPlan.objects.select_related("owner"), share_token=token)
    version = plan.versions.defer("snapshot").order_by("-number").first()
    if version is None:
        raise Http404
    paper = paper_of(request)

    def context() -> dict:
        return print_context(
            version.snapshot,
            label=version_snapshot(plan, version)[1],
            version=version,
            plan=plan,
            paper=paper,
        )

    with translation.override(plan.print_language(get_language())):
        key = make_key("share", version.pk, paper, get_language(), library_version())
        html = cached_fragment(request, key, "classes/plan_print.html", context)
    return HttpResponse(html)


@never_cache
@role_required(Role.STUDENT)
@require_GET
def handout(request, pk):
    """A published plan of a class the student attends, read-only, with their own
    reminder of what to avoid."""
    version = get_object_or_404(
        PlanVersion.objects.filter(
            sessions__course__enrolments__student__account=request.user,
            sessions__course__enrolments__status=Enrolment.Status.ENROLLED,
        ).distinct(),
        pk=pk,
    )
    today = user_today(request.user)
    reminders = []
    for entry in Student.objects.filter(account=request.user):
        reminders += [r for r in own_reminders(entry, today=today) if r not in reminders]
    context = print_context(
        version.snapshot,
        label=_("Version %(n)s") % {"n": version.number},
        reminders=reminders,
    )
    context["back_url"] = reverse("me")  # on screen only: the toolbar is not printed
    return render(request, "classes/plan_print.html", context)
