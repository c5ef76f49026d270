"""The roster: a teacher's students, their consent-gated health notes and invitations.

Health notes are health data. They are shown only in answer to a deliberate request
(a POST "Show health notes"), which is written to the audit log, so that no GET ever
writes and every look at them is recorded; every response showing them is no-store.
"""

from collections import defaultdict

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.contrib.auth import login
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role, User
from accounts.permissions import role_required
from accounts.versioning import form_status
from routines.caching import cached, make_key
from routines.search import clean_query

from . import services
from .access import get_student_for_teacher
from .forms import AcceptInvitationForm, ConsentForm, HealthNoteForm, StudentForm
from .homework import count_of, roster_adherence, url_maker
from .models import AuditEntry, HealthNote, Student
from .reminders import VALID_DAYS, Expired, masked_email, user_from_token
from .safety import consented_notes, homework_flags, info_with_notes

teacher_required = role_required(Role.TEACHER)
ENROLLED = "enrolled"  # classes.Enrolment.Status.ENROLLED, the value stored on that side
ATTENDANCE = ("present", "absent", "late-cancel")  # classes.Attendance.Status, likewise
student_required = role_required(Role.STUDENT)


def no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def student_rows(rows) -> str:
    """The roster's rows, built here rather than in a template loop (50 to a page)."""
    student_url = url_maker("students:student-detail")
    new = format_html(' <span class="badge text-bg-info">{}</span>', _("new"))
    account = format_html(
        ' <span class="badge text-bg-light border">{}</span>', _("has an account")
    )
    former = escape(_("Former student"))
    notes = {0: ""}  # the badge for each number of notes shown, made once
    html = []
    for row in rows:
        if row.note_count not in notes:
            notes[row.note_count] = format_html(
                '<span class="badge text-bg-warning">{}</span>',
                ngettext("%(n)s health note", "%(n)s health notes", row.note_count)
                % {"n": row.note_count},
            )
        html.append(
            f'<tr><td><a href="{student_url(row.pk)}">{escape(row.name) if row.name else former}'
            f"</a>{new if row.new_to_ball_work else ''}{account if row.account_id else ''}</td>"
            f'<td class="small">{escape(row.email)}</td><td>{row.course_count:d}</td>'
            f"<td>{notes[row.note_count]}</td></tr>"
        )
    # Safe: names and emails are escaped, the badges made by format_html, the rest numbers.
    return mark_safe("".join(html))


@teacher_required
@require_GET
def student_list(request):
    students = Student.objects.for_teacher(request.user)
    q = clean_query(request.GET.get("q", ""))
    if q:
        students = students.filter(Q(name__icontains=q) | Q(email__icontains=q))
    if request.GET.get("new") == "1":
        students = students.filter(new_to_ball_work=True)
    rows = (
        students.order_by("name", "pk")
        .annotate(
            # Enrolments are kept by the courses' app, on its side of the relation.
            course_count=count_of(
                Student.objects.filter(pk=OuterRef("pk"), enrolments__status=ENROLLED)
            ),
            note_count=count_of(HealthNote.objects.filter(student=OuterRef("pk"))),
        )
        .values_list(
            "pk",
            "name",
            "email",
            "new_to_ball_work",
            "account_id",
            "course_count",
            "note_count",
            named=True,
        )
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "students/student_list.html",
        {
            "page": page,
            "rows": student_rows(page.object_list),
            "q": q,
            "new": request.GET.get("new"),
        },
    )


@teacher_required
def student_create(request):
    form = StudentForm(request.POST or None, teacher=request.user)
    if request.method == "POST" and form.is_valid():
        student = form.save(commit=False)
        student.teacher = request.user
        student.save()
        messages.success(request, _("%(name)s is on your roster.") % {"name": student.name})
        return redirect(student)
    return render(request, "students/student_form.html", {"form": form})


@teacher_required
def student_edit(request, pk):
    student = get_student_for_teacher(request, pk)
    form = StudentForm(request.POST or None, instance=student, teacher=request.user)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, _("Saved."))
        return redirect(student)
    return render(
        request,
        "students/student_form.html",
        {"form": form, "student": student},
        status=form_status(form, invalid=200),
    )


def consent_form() -> str:
    """The consent form, empty as this page always shows it: rendered by crispy-forms once
    per language and version of the code (its CSRF token is outside it, in the page)."""
    return mark_safe(
        cached(make_key("consent-form", get_language()), lambda: str(as_crispy_form(ConsentForm())))
    )


def student_context(request, student, **extra):
    today = timezone.localdate()
    # The student's courses and attendance, read through the relations the courses' app
    # keeps to the roster: the roster itself knows nothing of courses.
    enrolments = list(student.enrolments.select_related("course"))
    # The attendance totals and the name of whoever recorded the consent, in one query.
    row = (
        Student.objects.filter(pk=student.pk)
        .values("consent_recorded_by__name", "consent_recorded_by__email")
        .annotate(
            **{
                f"attended_{n}": Count("attendance", filter=Q(attendance__status=status))
                for n, status in enumerate(ATTENDANCE)
            }
        )
        .get()
    )
    # Health notes exist only with consent; their lists are read only when there are some.
    notes, regions, names = consented_notes([student.pk]) if student.has_consent else ({}, {}, {})
    mine = notes.get(student.pk, [])
    assignments = student.assignments.all()
    if not mine:  # nothing to check the frozen routines against
        assignments = assignments.defer("snapshot", "message")
    assignments = list(assignments)
    summary = roster_adherence([student.pk], today=today, assignments=assignments)[student.pk]
    flagged = defaultdict(list)
    if mine:
        roster = {student.pk: info_with_notes(student, mine)}
        for conflict in homework_flags(
            assignments, roster, today=today, regions=regions, names=names
        ):
            flagged[conflict.assignment.pk].append(conflict)
    for assignment in assignments:
        assignment.conflicts = flagged.get(assignment.pk, [])
    return {
        "student": student,
        "enrolments": enrolments,
        "totals": {status: row[f"attended_{n}"] for n, status in enumerate(ATTENDANCE)},
        "consent_recorder": row["consent_recorded_by__name"] or row["consent_recorded_by__email"],
        "note_count": len(mine),
        # An invitation matters only until the student has an account.
        "invitation": None if student.account_id else student.invitations.first(),
        "adherence": summary,
        "assignments": assignments,
        "consent_form": consent_form() if not student.has_consent else None,
        "health_form": None,
        "notes": None,
        **extra,
    }


@never_cache
@teacher_required
@require_GET
def student_detail(request, pk):
    student = get_student_for_teacher(request, pk)
    return no_store(
        render(request, "students/student_detail.html", student_context(request, student))
    )


def render_with_notes(request, student, *, health_form=None, note_form=None, status=200):
    """The student page with their health notes open: logged, and never cached. A note's
    edit form refused (`note_form`) is shown open, with what was typed in it."""
    notes = list(
        student.health_notes.prefetch_related("affected_regions", "avoid_regions", "avoid_actions")
    )
    services.audit(student=student, actor=request.user, action=AuditEntry.Action.VIEWED)
    for note in notes:
        if note_form is not None and note_form.instance.pk == note.pk:
            note.form = note_form
        else:
            note.form = HealthNoteForm(instance=note, prefix=f"note-{note.pk}")
    context = student_context(
        request, student, notes=notes, health_form=health_form or HealthNoteForm(prefix="new")
    )
    return no_store(render(request, "students/student_detail.html", context, status=status))


@teacher_required
@require_POST
def health_show(request, pk):
    student = get_student_for_teacher(request, pk)
    return render_with_notes(request, student)


@teacher_required
@require_POST
def consent_record(request, pk):
    student = get_student_for_teacher(request, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the student agreed, and say how."))
        return redirect(student)
    services.consent_record(
        student=student, recorded_by=request.user, method=form.cleaned_data["method"]
    )
    messages.success(
        request,
        _("Consent recorded. You can now keep health notes for %(name)s.") % {"name": student.name},
    )
    return redirect(student)


@teacher_required
@require_POST
def consent_withdraw(request, pk):
    student = get_student_for_teacher(request, pk)
    deleted = services.consent_withdraw(student=student, actor=request.user)
    messages.success(request, _("Consent withdrawn; %(n)d health notes deleted.") % {"n": deleted})
    return redirect(student)


@teacher_required
@require_POST
def health_note_create(request, pk):
    student = get_student_for_teacher(request, pk)
    form = HealthNoteForm(request.POST, prefix="new")
    if not student.has_consent:
        messages.error(
            request,
            _("Record the student's consent before keeping health notes. Nothing was saved."),
        )
        return redirect(student)
    if not form.is_valid():
        return render_with_notes(request, student, health_form=form, status=422)
    services.health_note_save(form=form, student=student, actor=request.user)
    messages.success(request, _("Health note saved."))
    return render_with_notes(request, student)


@teacher_required
@require_POST
def health_note_edit(request, pk, note_pk):
    student = get_student_for_teacher(request, pk)
    note = get_object_or_404(HealthNote, pk=note_pk, student=student)
    form = HealthNoteForm(request.POST, instance=note, prefix=f"note-{note.pk}")
    if not student.has_consent:
        messages.error(request, _("Consent has been withdrawn; health notes cannot be kept."))
        return redirect(student)
    saved = form.is_valid() and form.save_if_current(
        lambda: services.health_note_save(form=form, student=student, actor=request.user)
    )
    if not saved:
        messages.error(request, _("The note was not saved: see the message beside the field."))
        return render_with_notes(request, student, note_form=form, status=form_status(form))
    messages.success(request, _("Health note saved."))
    return render_with_notes(request, student)


@teacher_required
@require_POST
def health_note_delete(request, pk, note_pk):
    student = get_student_for_teacher(request, pk)
    note = get_object_or_404(HealthNote, pk=note_pk, student=student)
    services.health_note_delete(note=note, actor=request.user)
    messages.success(request, _("Health note deleted."))
    return render_with_notes(request, student)


@never_cache
@teacher_required
@require_GET
def audit_log(request, pk):
    student = get_student_for_teacher(request, pk)
    entries = Paginator(student.audit_entries.select_related("actor"), 100).get_page(
        request.GET.get("page")
    )
    return render(request, "students/audit_log.html", {"student": student, "entries": entries})


@teacher_required
@require_POST
def invitation_send(request, pk):
    student = get_student_for_teacher(request, pk)
    if not request.user.email_verified:  # sign-up: nothing goes to students before that
        messages.error(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _(
                    "Confirm your email address before inviting students: open the link we "
                    "emailed to you."
                ),
                reverse("verify-status"),
                _("Email me a new link"),
            ),
        )
        return redirect(student)
    if not student.email:
        messages.error(request, _("Add %(name)s's email address first.") % {"name": student.name})
        return redirect("students:student-edit", pk=student.pk)
    if student.account_id:
        messages.info(request, _("%(name)s already has an account.") % {"name": student.name})
        return redirect(student)
    services.invitation_send(
        student=student,
        sent_by=request.user,
        build_url=lambda token: request.build_absolute_uri(
            reverse("students:invitation-accept", args=[token])
        ),
    )
    messages.success(
        request,
        _("Invitation sent to %(email)s. The link works for 7 days.") % {"email": student.email},
    )
    return redirect(student)


@teacher_required
@require_POST
def invitation_revoke(request, pk):
    from django.utils import timezone

    student = get_student_for_teacher(request, pk)
    revoked = student.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect(student)


def invitation_accept(request, token):
    """A student claims their account from the emailed link: GET shows the form, POST acts."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationProblem as problem:
        return render(
            request, "students/invitation_problem.html", {"problem": str(problem)}, status=410
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # The email has an account already: only its owner, signed in, may link it.
        if not request.user.is_authenticated or request.user.pk != existing.pk:
            return render(
                request,
                "students/invitation_existing.html",
                {"invitation": invitation, "token": token},
            )
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, name=existing.name, password="")
            messages.success(
                request,
                _("You are now on %(teacher)s's roster.") % {"teacher": invitation.student.teacher},
            )
            return redirect("home")
        return render(
            request,
            "students/invitation_existing.html",
            {"invitation": invitation, "token": token, "confirm": True},
        )
    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"name": invitation.student.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationProblem as problem:
            return render(
                request, "students/invitation_problem.html", {"problem": str(problem)}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome to Rollcall, %(name)s.") % {"name": user.get_short_name()}
        )
        return redirect("home")
    return render(
        request,
        "students/invitation_accept.html",
        {"form": form, "invitation": invitation},
    )


@never_cache
@student_required
def my_health_notes(request):
    """A student's own health notes, across their teachers' rosters; showing them is logged."""
    entries = list(Student.objects.filter(account=request.user).select_related("teacher"))
    notes = None
    if request.method == "POST":
        notes = list(
            HealthNote.objects.filter(student__in=entries)
            .select_related("student__teacher")
            .prefetch_related("avoid_regions", "avoid_actions", "affected_regions")
        )
        for entry in entries:
            services.audit(student=entry, actor=request.user, action=AuditEntry.Action.VIEWED)
    return no_store(
        render(request, "students/my_health_notes.html", {"entries": entries, "notes": notes})
    )


def reminders_stop(request, token):
    """The opt-out link of every reminder email: GET asks, POST stops them (no sign-in).
    The link works for 60 days; the page shows the address only masked ("s•••@example.test")."""
    try:
        user = get_object_or_404(User, pk=user_from_token(token))
    except Expired:
        context = {"expired": True, "days": VALID_DAYS}
        return render(request, "students/reminders_stop.html", context, status=410)
    except signing.BadSignature:
        return render(request, "students/reminders_stop.html", {"invalid": True}, status=404)
    if request.method == "POST":
        User.objects.filter(pk=user.pk).update(email_reminders=False)
        return render(request, "students/reminders_stop.html", {"done": True})
    return render(request, "students/reminders_stop.html", {"email": masked_email(user.email)})
