"""Curation: curators keep the library; teachers submit techniques and propose edits."""

import logging
import uuid

from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.params import parse_id
from accounts.permissions import role_required
from accounts.text import storable, strip_control
from accounts.versioning import form_status

from .caching import cached, cached_fragment, make_key
from .fields import technique_to_dict
from .forms import (
    PHOTO_FIELDS,
    ProposalNoteForm,
    ReviewForm,
    TechniqueForm,
    TranslationStatusForm,
    language_name,
    photo_extension,
    translated_field_labels,
)
from .models import EditProposal, Technique, TechniqueRevision
from .picture_sheet import FILTERS, sheet_context
from .search import clean_query
from .services import diff, technique_apply, technique_set_status
from .state import library_version
from .translations import TECHNIQUE_FIELDS as TRANSLATED_FIELDS
from .translations import TECHNIQUE_LISTS, missing, name_in

curator_required = role_required(Role.CURATOR)
teacher_required = role_required(Role.TEACHER)
Kind = TechniqueRevision.Kind
logger = logging.getLogger(__name__)


def _fresh(technique: Technique) -> Technique:
    """Re-read a technique: a bound ModelForm has written its input onto the instance."""
    return Technique.objects.with_lists().get(pk=technique.pk)


def _store_photo(photo, slug: str, name: str) -> str:
    # Within the field's 100 characters, however long the slug.
    stem = f"{slug[:60]}{'-end' if name == 'image_end' else ''}-{uuid.uuid4().hex[:8]}"
    return default_storage.save(f"techniques/{stem}{photo_extension(photo)}", photo)


def _photos_stored(form: TechniqueForm, slug: str) -> bool:
    """Store a valid form's new photos, before anything else is saved. When the storage
    fails (object storage unreachable, a full disk), the photo's field says so, nothing is
    saved, and the rest of the input stays in the form: False."""
    form.new_photo_names = {}
    for name in PHOTO_FIELDS:
        photo = form.cleaned_data.get(name)
        if photo and hasattr(photo, "image"):  # a new upload, checked by PhotoField
            try:
                form.new_photo_names[name] = _store_photo(photo, slug, name)
            except Exception:
                logger.exception("Storing the photo %s of %s failed", name, slug)
                form.add_error(
                    name,
                    _(
                        "The photo could not be stored just now: the file storage did not "
                        "answer. Nothing was saved; try again in a few minutes."
                    ),
                )
                return False
    return True


def _form_data(form: TechniqueForm, slug: str) -> dict:
    """The form's data in the exchange format, with new photos stored first.

    Each upload is stored under a new, unique name and no photo is ever deleted: a
    published plan version or an earlier revision keeps pointing at the photo it had.
    """
    data = form.to_data()
    stored = getattr(form, "new_photo_names", {})
    for name in PHOTO_FIELDS:
        photo = form.cleaned_data.get(name)
        if photo is False:  # "clear" ticked
            data[name] = ""
        elif photo and hasattr(photo, "image"):  # a new upload, checked by PhotoField
            data[name] = stored.get(name) or _store_photo(photo, slug, name)
    return data


def readable_changes(changes: dict) -> dict:
    """Changes as the history and the proposal review show them: a change to the
    translations as one row per language and text that changed ("summary (fr)"), beside
    the English fields' rows, rather than two whole objects."""
    shown = {}
    for field, values in changes.items():
        if field != "translations" or not (isinstance(values, list) and len(values) == 2):
            shown[field] = values
            continue
        before, after = (value if isinstance(value, dict) else {} for value in values)
        for language in sorted(set(before) | set(after), key=str):
            old = before.get(language) if isinstance(before.get(language), dict) else {}
            new = after.get(language) if isinstance(after.get(language), dict) else {}
            names = [*TRANSLATED_FIELDS, *sorted((set(old) | set(new)) - set(TRANSLATED_FIELDS))]
            for name in names:
                if old.get(name) != new.get(name):
                    shown[f"{name} ({language})"] = [old.get(name), new.get(name)]
    return shown


# --- Curators -----------------------------------------------------------------


@curator_required
def queue(request):
    """The review queue, then the whole library by status.

    The queue is read on every request (its forms carry the CSRF token; proposals are not
    library data). The library table is the same for every curator, so it is rendered once
    per library state, language, time zone (its dates) and query string.
    """
    submitted = (
        Technique.objects.filter(status=Technique.Status.SUBMITTED)
        .select_related("author")
        .only("slug", "name", "author__name", "author__email")
        .annotate(shown_name=name_in())
    )
    proposals = EditProposal.objects.filter(status=EditProposal.Status.PENDING).select_related(
        "technique", "author"
    )
    proposals = proposals.only(
        "technique__slug", "technique__name", "author__name", "author__email"
    )
    table = cached_fragment(
        request,
        make_key(
            "curate-table",
            library_version(),
            get_language(),
            timezone.get_current_timezone_name(),
            request.GET.urlencode(),
        ),
        "routines/curate/_all_techniques.html",
        lambda: library_table_context(request),
    )
    return render(
        request,
        "routines/curate/queue.html",
        {"submitted": list(submitted), "proposals": list(proposals), "table": table},
    )


def library_table_context(request) -> dict:
    status = request.GET.get("status", "")
    techniques = (
        Technique.objects.only("slug", "name", "status", "updated_at")
        .annotate(shown_name=name_in())  # the reader's language; the table is cached per one
        .order_by("name")
    )
    if status in Technique.Status.values:
        techniques = techniques.filter(status=status)
    q = clean_query(request.GET.get("q", ""))
    if q:
        techniques = techniques.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    counts = dict(Technique.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "page": Paginator(techniques, 50).get_page(request.GET.get("page")),
        "status": status,
        "q": q,
        "statuses": [
            (value, label, counts.get(value, 0)) for value, label in Technique.Status.choices
        ],
    }


SHEET_CHOICES = (
    ("", gettext_lazy("All")),
    ("drawn", gettext_lazy("Drawn only")),
    ("photo", gettext_lazy("Has photo")),
    ("generic", gettext_lazy("Drawing fell back to generic")),
)


@curator_required
@require_GET
def picture_sheet(request):
    """Every technique's picture on one page, to review them at a glance: the same for
    every curator, so each page of it is rendered once per library state, language and
    filter. A value of ?show= or ?page= that means nothing shows the first page of all."""
    version = library_version()
    show = request.GET.get("show", "")
    show = show if show in FILTERS else ""
    page = parse_id(request.GET.get("page"))
    page = page if page and page < 100_000 else 1

    def context() -> dict:
        sheet = sheet_context(version, show, page)
        choices = [(value, label, sheet["counts"][value]) for value, label in SHEET_CHOICES]
        return {**sheet, "choices": choices}

    sheet = cached_fragment(
        request,
        make_key("picture-sheet", version, get_language(), show, page),
        "routines/curate/_picture_sheet.html",
        context,
    )
    return render(request, "routines/curate/pictures.html", {"sheet": sheet})


def translation_rows(version: int, language: str) -> list[dict]:
    """Every technique (slug, name, status) with the fields it lacks in `language`
    (routines.translations.missing), in name order: one query per library state."""
    return cached(
        make_key("translation-status", version, language),
        lambda: _load_translation_rows(language),
    )


def _load_translation_rows(language: str) -> list[dict]:
    texts = ("slug", "name", "summary", "status", "stations", "translations", *TECHNIQUE_LISTS)
    return [
        {"slug": t.slug, "name": t.name, "status": t.status, "missing": missing(t, language)}
        for t in Technique.objects.only(*texts).order_by("name")
    ]


@curator_required
@require_GET
def translation_status(request):
    """The techniques that lack a complete translation, with the fields each one lacks,
    linked to their edit page: filtered by field, status and name, most missing first or by
    name. A filter that means nothing is named beside its field and ignored."""
    form = TranslationStatusForm(request.GET or None)
    chosen = form.filters()
    language = chosen["language"]
    rows = translation_rows(library_version(), language) if language else []
    listed = [row for row in rows if row["missing"]]
    if chosen["field"]:
        listed = [row for row in listed if chosen["field"] in row["missing"]]
    if chosen["status"]:
        listed = [row for row in listed if row["status"] == chosen["status"]]
    if chosen["q"]:
        q = chosen["q"].lower()
        listed = [row for row in listed if q in row["name"].lower() or q in row["slug"]]
    if chosen["sort"] == "missing":
        listed.sort(key=lambda row: -len(row["missing"]))  # stable: by name within a count
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    labels = translated_field_labels()
    statuses = dict(Technique.Status.choices)
    page.object_list = [
        {
            **row,
            "status_label": statuses.get(row["status"], row["status"]),
            "missing_labels": [labels[field] for field in row["missing"]],
        }
        for row in page.object_list
    ]
    return render(
        request,
        "routines/curate/translations.html",
        {
            "form": form,
            "page": page,
            "language": language,
            "language_name": language_name(language) if language else "",
            "total": len(rows),
            "complete": sum(1 for row in rows if not row["missing"]),
            "listed": len(listed),
        },
    )


@curator_required
def technique_create(request):
    form = TechniqueForm(request.POST or None, request.FILES or None)
    valid = request.method == "POST" and form.is_valid()
    if valid and _photos_stored(form, form.cleaned_data["slug"]):
        data = _form_data(form, form.cleaned_data["slug"])
        data["slug"] = form.cleaned_data["slug"]
        publish = "publish" in request.POST
        data["status"] = Technique.Status.PUBLISHED if publish else Technique.Status.DRAFT
        technique, _changes = technique_apply(data=data, author=request.user, kind=Kind.CREATED)
        messages.success(request, _("“%(name)s” was saved.") % {"name": technique.name})
        return redirect(technique)
    return render(
        request,
        "routines/curate/form.html",
        {"form": form, "mode": "create"},
    )


@curator_required
def technique_edit(request, slug):
    technique = get_object_or_404(Technique.objects.with_lists(), slug=slug)
    form = TechniqueForm(request.POST or None, request.FILES or None, instance=technique)
    if request.method == "POST" and form.is_valid() and _photos_stored(form, slug):
        technique_apply(
            data=_form_data(form, slug), technique=_fresh(technique), author=request.user
        )
        messages.success(request, _("Your changes were saved."))
        return redirect(technique)
    return render(
        request,
        "routines/curate/form.html",
        # ?translate=fr opens that language's fields (the missing-translations page links so).
        {
            "form": form,
            "mode": "edit",
            "technique": technique,
            "translate": request.GET.get("translate"),
        },
        status=form_status(form, invalid=200),
    )


@curator_required
def technique_history(request, slug):
    technique = get_object_or_404(Technique, slug=slug)
    revisions = list(technique.revisions.select_related("author"))
    for revision in revisions:
        revision.shown_changes = readable_changes(revision.changes)
    return render(
        request, "routines/curate/history.html", {"technique": technique, "revisions": revisions}
    )


STATUS_ACTIONS = {
    "publish": (
        Technique.Status.PUBLISHED,
        Kind.PUBLISHED,
        gettext_lazy("“%(name)s” is published."),
    ),
    "retire": (
        Technique.Status.RETIRED,
        Kind.RETIRED,
        gettext_lazy("“%(name)s” is retired: it left search but stays in existing plans."),
    ),
    "return": (
        Technique.Status.DRAFT,
        Kind.RETURNED,
        gettext_lazy("“%(name)s” went back to its author with your comment."),
    ),
}


@curator_required
@require_POST
def technique_status(request, slug):
    technique = get_object_or_404(Technique.objects.with_lists(), slug=slug)
    action = request.POST.get("action")
    if action not in STATUS_ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("routines:curate")
    status, kind, message = STATUS_ACTIONS[action]
    comment = strip_control(request.POST.get("comment", "")).strip()[:2000]
    if action == "return" and not comment:
        messages.error(request, _("Write a comment so the teacher knows what to change."))
        return redirect("routines:curate")
    with transaction.atomic():
        technique = technique_set_status(
            technique=technique, status=status, author=request.user, kind=kind, comment=comment
        )
        if action == "return":
            Technique.objects.filter(pk=technique.pk).update(review_comment=comment)
        elif action == "publish":
            Technique.objects.filter(pk=technique.pk).update(review_comment="")
    messages.success(request, message % {"name": technique.name})
    if request.POST.get("next") == "queue":
        return redirect("routines:curate")
    return redirect(technique)


@curator_required
@require_POST
def technique_restore(request, slug, revision_id):
    technique = get_object_or_404(Technique.objects.with_lists(), slug=slug)
    revision = get_object_or_404(technique.revisions, pk=revision_id)
    data = {k: v for k, v in revision.snapshot.items() if k != "slug"}
    technique_apply(
        data=data,
        technique=technique,
        author=request.user,
        kind=Kind.RESTORED,
        comment=_("Restored the version of %(when)s")
        % {"when": timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")},
    )
    messages.success(
        request, _("The earlier version is back; the restore is itself in the history.")
    )
    return redirect("routines:curate-history", slug=slug)


@curator_required
@require_POST
def technique_delete(request, slug):
    technique = get_object_or_404(Technique, slug=slug)
    name = technique.name
    try:
        technique.delete()
    except ProtectedError:
        messages.error(
            request,
            _("“%(name)s” is used in routines, so it cannot be deleted. Retire it instead.")
            % {"name": name},
        )
        return redirect(technique)
    messages.success(request, _("“%(name)s” was deleted.") % {"name": name})
    return redirect("routines:curate")


@curator_required
def proposal_review(request, pk):
    proposal = get_object_or_404(EditProposal.objects.select_related("technique", "author"), pk=pk)
    technique = _fresh(proposal.technique)
    current = technique_to_dict(technique)
    changes = diff(current, {k: v for k, v in proposal.data.items() if k in current})
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and proposal.status != EditProposal.Status.PENDING:
        messages.error(request, _("This proposal was already reviewed."))
        return redirect("routines:curate")
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"].strip()
        with transaction.atomic():
            if form.cleaned_data["decision"] == "approve":
                technique_apply(
                    data={k: v for k, v in proposal.data.items() if k != "slug"},
                    technique=technique,
                    author=request.user,
                    kind=Kind.PROPOSAL_APPROVED,
                    comment=_("Proposed by %(who)s. %(comment)s")
                    % {"who": proposal.author, "comment": comment},
                )
                proposal.status = EditProposal.Status.APPROVED
                messages.success(request, _("The proposed edit is published."))
            else:
                proposal.status = EditProposal.Status.RETURNED
                messages.success(
                    request, _("The proposal went back to the teacher with your comment.")
                )
            proposal.review_comment = comment
            proposal.reviewer = request.user
            proposal.reviewed_at = timezone.now()
            proposal.save()
        return redirect("routines:curate")
    return render(
        request,
        "routines/curate/proposal_review.html",
        {
            "proposal": proposal,
            "technique": technique,
            "changes": readable_changes(changes),
            "form": form,
        },
    )


# --- Teachers -----------------------------------------------------------------


@teacher_required
def my_submissions(request):
    techniques = Technique.objects.filter(author=request.user).order_by("-updated_at")
    proposals = request.user.technique_proposals.select_related("technique").order_by("-created_at")
    return render(
        request, "routines/my_submissions.html", {"techniques": techniques, "proposals": proposals}
    )


@teacher_required
def submission_create(request):
    form = TechniqueForm(request.POST or None, request.FILES or None)
    valid = request.method == "POST" and form.is_valid()
    if valid and _photos_stored(form, form.cleaned_data["slug"]):
        data = _form_data(form, form.cleaned_data["slug"])
        data["slug"] = form.cleaned_data["slug"]
        data["status"] = Technique.Status.SUBMITTED
        technique_apply(data=data, author=request.user, kind=Kind.SUBMITTED)
        messages.success(request, _("Thank you: your technique is waiting for a curator's review."))
        return redirect("routines:my-submissions")
    return render(
        request,
        "routines/curate/form.html",
        {"form": form, "mode": "submit"},
    )


@teacher_required
def submission_edit(request, slug):
    """A teacher revises their own submission (waiting or returned) and sends it again."""
    technique = get_object_or_404(
        Technique.objects.with_lists(),
        slug=slug,
        author=request.user,
        status__in=[Technique.Status.DRAFT, Technique.Status.SUBMITTED],
    )
    form = TechniqueForm(request.POST or None, request.FILES or None, instance=technique)
    if request.method == "POST" and form.is_valid() and _photos_stored(form, slug):
        data = _form_data(form, slug)
        data["status"] = Technique.Status.SUBMITTED
        technique_apply(
            data=data, technique=_fresh(technique), author=request.user, kind=Kind.SUBMITTED
        )
        messages.success(request, _("Sent again for review."))
        return redirect("routines:my-submissions")
    return render(
        request,
        "routines/curate/form.html",
        {"form": form, "mode": "resubmit", "technique": technique},
        status=form_status(form, invalid=200),
    )


@teacher_required
def proposal_create(request, slug):
    technique = get_object_or_404(Technique.objects.with_lists().published(), slug=slug)
    form = TechniqueForm(request.POST or None, request.FILES or None, instance=technique)
    note_form = ProposalNoteForm(request.POST or None)
    valid = request.method == "POST" and form.is_valid() and note_form.is_valid()
    if valid and _photos_stored(form, slug):
        data = storable(_form_data(form, slug))  # JSON PostgreSQL accepts, whatever came in
        if data == {k: v for k, v in technique_to_dict(_fresh(technique)).items() if k in data}:
            messages.info(
                request, _("You did not change anything, so there is nothing to propose.")
            )
        else:
            EditProposal.objects.create(
                technique=technique,
                author=request.user,
                data=data,
                note=note_form.cleaned_data["note"],
            )
            messages.success(request, _("Your proposed edit is waiting for a curator's review."))
            return redirect("routines:my-submissions")
    return render(
        request,
        "routines/curate/form.html",
        {"form": form, "note_form": note_form, "mode": "propose", "technique": technique},
        status=form_status(form, invalid=200),
    )
