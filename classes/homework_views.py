"""Home routines from the teacher's side: assign a published plan as homework (checked
against each recipient's health notes first), follow an assignment, and a course's
adherence. Here, above the roster, because a routine comes from a published plan."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.params import parse_id
from accounts.permissions import role_required
from accounts.versioning import form_status, next_version
from routines.models import Technique
from routines.snapshots import technique_data
from students import services as roster_services
from students.access import get_assignment_for_teacher, get_student_for_teacher
from students.forms import AssignmentForm
from students.homework import (
    assignment_rows,
    class_adherence,
    roster_adherence,
    url_maker,
)
from students.models import Assignment, Student
from students.safety import flagged_homework, homework_review, roster_info

from . import services
from .access import get_course_for_teacher
from .forms import AssignForm

teacher_required = role_required(Role.TEACHER)


def chosen_keys(data, version):
    """The step keys ("section:step") the teacher ticked, or None for the whole plan."""
    if data.get("scope") != "chosen":
        return None
    return set(data.getlist("step"))


def assign_page(request, *, students, course=None, student=None):
    """Assign a routine to one student or a course. Every step is checked against each
    recipient's current health notes before anything is saved: a conflicting step is left
    out, swapped, or kept with a reason that stays on the assignment."""
    form = AssignForm(request.POST or None, teacher=request.user)
    version = review = None
    step_keys = None
    if form.is_bound and form.is_valid():
        version = form.cleaned_data["version"]
        step_keys = chosen_keys(request.POST, version)
        routine = roster_services.routine_from_version(version, step_keys)
        roster = roster_info(Student.objects.filter(pk__in=[s.pk for s in students]))
        review = homework_review(routine, roster, request.POST, today=timezone.localdate())
        if not routine["sections"]:
            form.add_error(None, _("Choose at least one step, or assign the whole plan."))
        elif review.resolved:
            keys = step_keys
            if review.omit:
                keys = (keys or all_keys(version)) - review.omit
            swaps = {
                key: technique_data(technique)
                for key, technique in techniques_by_key(review.swaps).items()
            }
            if keys is not None and not keys:
                form.add_error(None, _("Leaving those steps out leaves nothing to assign."))
            else:
                created = services.homework_assign(
                    students=students,
                    version=version,
                    step_keys=keys,
                    swaps=swaps,
                    acknowledgement=review.reason,
                    acknowledged_notes=review.acknowledged,
                    **form.assignment_fields(),
                )
                messages.success(
                    request,
                    ngettext(
                        "“%(title)s” assigned to %(n)d student.",
                        "“%(title)s” assigned to %(n)d students.",
                        len(created),
                    )
                    % {"title": version.title, "n": len(created)},
                )
                return redirect(course or student)
    elif version_pk := parse_id(request.GET.get("version")):
        version = form.fields["version"].queryset.filter(pk=version_pk).first()
    if version is None and not form.is_bound:
        # One picker, starting on the newest published version, with its steps shown.
        version = form.fields["version"].queryset.order_by("-published_at").first()
    return render(
        request,
        "classes/assign.html",
        {
            "form": form,
            "course": course,
            "student": student,
            "students": students,
            "version": version,
            "review": review,
            "scope": "chosen" if step_keys is not None else "all",
            "chosen": step_keys or set(),
        },
        status=422 if form.is_bound else 200,
    )


def all_keys(version) -> set:
    return {
        f"{s_index}:{t_index}"
        for s_index, section in enumerate(version.snapshot["sections"])
        for t_index, _step in enumerate(section["steps"])
    }


def techniques_by_key(swaps: dict) -> dict:
    """key → published Technique with what its snapshot needs, in 4 queries."""
    techniques = {
        t.slug: t
        for t in Technique.objects.published()
        .filter(slug__in=swaps.values())
        .prefetch_related("regions", "actions", "equipment")
    }
    return {key: techniques[slug] for key, slug in swaps.items() if slug in techniques}


@never_cache  # it shows what recipients' health notes ask to avoid
@teacher_required
def assign_student(request, pk):
    student = get_student_for_teacher(request, pk)
    return assign_page(request, students=[student], student=student)


@never_cache
@teacher_required
def assign_course(request, pk):
    course = get_course_for_teacher(request, pk)
    students = list(course.enrolled_students())
    if not students:
        messages.error(request, _("Enrol students before assigning them a routine."))
        return redirect(course)
    return assign_page(request, students=students, course=course)


@never_cache  # it shows what the student's health notes ask to avoid
@teacher_required
@require_GET
def assignment_detail(request, pk):
    assignment = get_assignment_for_teacher(request, pk)
    logs = assignment.logs.all()[:50]
    conflicts = [
        c
        for c in flagged_homework(
            Student.objects.filter(pk=assignment.student_id), today=timezone.localdate()
        )
        if c.assignment.pk == assignment.pk
    ]
    return render(
        request,
        "classes/assignment_detail.html",
        {"assignment": assignment, "logs": logs, "conflicts": conflicts},
    )


@teacher_required
def assignment_edit(request, pk):
    assignment = get_assignment_for_teacher(request, pk)
    form = AssignmentForm(request.POST or None, teacher=request.user, versioned=assignment)

    def save():
        for name, value in form.assignment_fields().items():
            setattr(assignment, name, value)
        assignment.save()

    if request.method == "POST" and form.is_valid() and form.save_if_current(save):
        messages.success(request, _("Routine changed."))
        return redirect("classes:assignment-detail", pk=assignment.pk)
    return render(
        request,
        "classes/assignment_edit.html",
        {"form": form, "assignment": assignment},
        status=form_status(form),
    )


ACTIONS = {
    "pause": Assignment.Status.PAUSED,
    "resume": Assignment.Status.ACTIVE,
    "end": Assignment.Status.ENDED,
}


@teacher_required
@require_POST
def assignment_action(request, pk):
    assignment = get_assignment_for_teacher(request, pk)
    action = request.POST.get("action")
    if action == "update":
        if services.assignment_push_update(assignment=assignment):
            messages.success(request, _("The student now has the newest published version."))
            if any(
                c.assignment.pk == assignment.pk
                for c in flagged_homework(
                    Student.objects.filter(pk=assignment.student_id), today=timezone.localdate()
                )
            ):
                messages.warning(
                    request,
                    _(
                        "The newest version works what a health note of this student asks "
                        "to avoid: check it below, or end it and assign a safer routine."
                    ),
                )
        else:
            messages.error(request, _("Its plan is gone, so there is nothing newer to send."))
    elif action in ACTIONS:
        assignment.status = ACTIONS[action]
        # An edit page opened before this is then refused rather than undoing it.
        assignment.lock_version = next_version()
        fields = ["status", "updated_at", "lock_version"]
        if action == "end" and (
            assignment.ends_on is None or assignment.ends_on > timezone.localdate()
        ):
            assignment.ends_on = max(timezone.localdate(), assignment.starts_on)
            fields.append("ends_on")
        assignment.save(update_fields=fields)
        messages.success(
            request, _("Routine %(status)s.") % {"status": assignment.get_status_display().lower()}
        )
    else:
        messages.error(request, _("Unknown action."))
    return redirect("classes:assignment-detail", pk=assignment.pk)


# The adherence table pages past this many students; its rows are built in Python (a row
# through template tags costs about 0.1 ms, times a class of 300).
ADHERENCE_PAGE_SIZE = 50


def adherence_rows(rows) -> str:
    """The adherence table's rows: (student id, name, Adherence) each."""
    student_url = url_maker("students:student-detail")
    quiet = format_html(' <span class="badge text-bg-warning">{}</span>', _("7+ days quiet"))
    rising = format_html(' <span class="badge text-bg-danger">{}</span>', _("rising"))
    former = escape(_("Former student"))
    # A page shows the same few days and figures many times: each is formatted once.
    days, figures = {None: "—"}, {}
    html = []
    for pk, name, a in rows:
        if a.last_practice not in days:
            days[a.last_practice] = escape(date_format(a.last_practice, "SHORT_DATE_FORMAT"))
        asked = "—"
        if a.expected:
            if a.expected not in figures:
                figures[a.expected] = escape(floatformat(a.expected, "-1"))
            asked = (
                f"{a.logged:d} / {figures[a.expected]} "
                f'<span class="text-body-secondary">({a.percent:d}%)</span>'
            )
        tension = "—"
        if a.first_before is not None:
            tension = f"{a.first_before:d} → {a.last_before:d}{rising if a.rising else ''}"
        html.append(
            f'<tr><td><a href="{student_url(pk)}">{escape(name) if name else former}</a></td>'
            f"<td>{asked}</td><td>{days[a.last_practice]}{quiet if a.quiet else ''}</td>"
            f"<td>{tension}</td></tr>"
        )
    # Safe: the names and formatted values are escaped above, the rest are numbers.
    return mark_safe("".join(html))


@teacher_required
@require_GET
def course_adherence(request, pk):
    """A class's home practice over the last four weeks, in the course's time zone: the
    class's figure over everyone, and a page of students with theirs."""
    course = get_course_for_teacher(request, pk)
    today = timezone.localdate(timezone.now(), course.tz)
    enrolled = course.enrolled_students()
    students = list(enrolled.order_by("name", "pk").values_list("pk", "name"))
    assignments = assignment_rows(enrolled.values("pk"), today=today, with_days=True)
    page = Paginator(students, ADHERENCE_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = {pk for pk, _name in page}
    summaries = roster_adherence(
        list(shown), today=today, assignments=[a for a in assignments if a.student_id in shown]
    )
    rows = [(pk, name, summaries[pk]) for pk, name in page]
    return render(
        request,
        "classes/course_adherence.html",
        {
            "course": course,
            "page": page,
            "rows": [{"pk": pk, "name": name, "a": a} for pk, name, a in rows],
            "rows_html": adherence_rows(rows),
            "overall": class_adherence(assignments, today=today),
        },
    )
