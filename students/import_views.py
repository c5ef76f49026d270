"""Roster import (upload, preview, confirm) and CSV export.

The preview carries every row in the form itself, so nothing is kept on the server
between the upload and the confirmation, and nothing is written before it.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from accounts.models import Role
from accounts.permissions import role_required

from .imports import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    ImportConflict,
    RosterUploadForm,
    import_rows,
    roster_csv,
    roster_formset,
)
from .models import Student

teacher_required = role_required(Role.TEACHER)


def _preview(request, formset, *, status=200, source="", ignored_columns=()):
    formset.is_valid()
    forms = formset.forms
    skipped = sum(form.skipped for form in forms)
    with_problems = sum(1 for form in forms if not form.skipped and form.errors)
    context = {
        "formset": formset,
        "source": source,
        "ignored_columns": ignored_columns,
        "ready": len(forms) - skipped - with_problems,
        "with_problems": with_problems,
        "skipped": skipped,
        "to_import": len(forms) - skipped,
    }
    return render(request, "students/import_preview.html", context, status=status)


def _upload(request, form, status=200):
    return render(
        request,
        "students/import_upload.html",
        {"form": form, "max_rows": MAX_ROWS, "max_size": MAX_UPLOAD_BYTES},
        status=status,
    )


@teacher_required
def roster_import(request):
    if request.method != "POST":
        return _upload(request, RosterUploadForm())

    step = request.POST.get("step")
    if step is None:
        form = RosterUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return _upload(request, form, status=422)
        formset = roster_formset(teacher=request.user, rows=form.parsed.rows)
        return _preview(
            request,
            formset,
            source=form.cleaned_data["file"].name,
            ignored_columns=form.parsed.ignored_columns,
        )

    formset = roster_formset(teacher=request.user, data=request.POST)
    if step != "confirm" or not formset.is_valid():
        return _preview(request, formset, status=200 if step != "confirm" else 422)
    rows = formset.cleaned_rows()
    if not rows:
        messages.error(request, _("Every row is left out: there is nothing to import."))
        return _preview(request, formset, status=422)
    try:
        students = import_rows(teacher=request.user, rows=rows)
    except ImportConflict:
        messages.error(
            request,
            _(
                "Nothing was imported: one of these emails was added to your roster "
                "meanwhile. Check the rows again."
            ),
        )
        formset = roster_formset(teacher=request.user, data=request.POST)
        return _preview(request, formset, status=409)
    count = len(students)
    messages.success(
        request,
        ngettext("Imported %(count)d student.", "Imported %(count)d students.", count)
        % {"count": count},
    )
    return redirect("students:student-list")


@teacher_required
@require_GET
def roster_export(request):
    students = Student.objects.for_teacher(request.user).order_by("name", "pk")
    response = HttpResponse(roster_csv(students), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster.csv"'
    return response
