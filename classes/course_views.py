"""Courses, their sessions, enrolment and attendance: a teacher's own, and nobody else's."""

import csv
import datetime
from collections import Counter
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.dates import local_format
from accounts.models import Role
from accounts.params import parse_ids
from accounts.permissions import role_required
from accounts.versioning import form_status
from routines.caching import cached_fragment, make_key
from routines.search import clean_query
from routines.snapshots import localize_snapshot
from students.date_bounds import displayable, today_in, zone_or_utc
from students.homework import url_maker
from students.imports import safe_cell
from students.models import HealthNote, Student

from . import calendar, services
from .access import get_course_for_teacher, get_session_for_teacher
from .findings import CheckState, no_store, plan_findings
from .forms import AttendanceForm, CourseForm, SeriesForm, SessionForm, SessionPlanForm
from .models import Attendance, Course, Enrolment, Session

teacher_required = role_required(Role.TEACHER)

# A roster or an attendance list offers a search past a screenful of rows, and pages past
# PAGE_SIZE. Rows of lists are built here in Python, every value escaped, rather than in a
# template loop: a row rendered through template tags cost about 0.13 ms, times 300.
PAGE_SIZE = 50
SEARCH_FROM = 10
SHOW_CHOICES = [
    ("", gettext_lazy("Everyone")),
    ("unmarked", gettext_lazy("Not marked yet")),
    *Attendance.Status.choices,
]
PRESSED = {
    Attendance.Status.PRESENT: "btn-success",
    Attendance.Status.ABSENT: "btn-secondary",
    Attendance.Status.LATE_CANCEL: "btn-warning",
}


def display_name(name: str) -> str:
    """A roster entry's name from a values() row, as Student.__str__ shows it."""
    return name or _("Former student")


def csrf_input(request) -> str:
    """What {% csrf_token %} renders, for forms built in Python."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


def matching(rows, q: str, name_at: int) -> list:
    """The rows whose name (at index `name_at`) contains the search, ignoring case."""
    if not q:
        return rows
    q = q.casefold()
    return [row for row in rows if q in row[name_at].casefold()]


def pager(request, rows, base_url: str, filters: dict, anchor: str) -> dict:
    """One page of `rows`, and links to its neighbours that keep the filters. The links
    go to `base_url`, since a form re-shown after a failed POST lives at another address."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))

    def link(number):
        return f"{base_url}?{urlencode({**filters, 'page': number})}#{anchor}"

    return {
        "page": page,
        "previous_url": link(page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page.next_page_number()) if page.has_next() else "",
    }


def session_rows(course, sessions, *, now) -> str:
    """The course's sessions as list items: when (in the course's time zone), whether
    cancelled, the plan taught, and how many of those marked were present. Sessions over
    by `now` are dimmed. Markup by hand, as roster_rows: the plan's title is escaped."""
    session_url = url_maker("classes:session-detail", course.pk)
    tz = course.tz
    cancelled = format_html(
        ' <span class="badge text-bg-danger">{}</span>', pgettext("a session", "Cancelled")
    )
    # Stored before dates were bounded, too near the year 1 or 9999 to convert: in UTC.
    out_of_range = format_html(
        ' <span class="badge text-bg-warning">{}</span>', _("Date out of range, shown in UTC")
    )
    no_plan, present = escape(_("No plan yet")), _("%(p)s/%(m)s present")
    when_format = local_format("SHORT_DAY_DATE_YEAR_TIME_FORMAT")  # the language's order
    rows = []
    for session in sessions:
        local = zone_or_utc(session.starts_at, tz)
        version = session.plan_version
        plan = f"{escape(version.title)} (v{version.number})" if version else no_plan
        marked = present % {"p": session.present, "m": session.marked} if session.marked else ""
        rows.append(
            '<li class="list-group-item d-flex justify-content-between align-items-center gap-2'
            f'{" text-body-secondary" if session.ends_at <= now else ""}">'
            f'<div><a href="{session_url(session.pk)}"><time datetime="{local.isoformat()}">'
            f"{escape(dateformat.format(local, when_format))}</time></a>"
            f"{'' if displayable(session.starts_at) else out_of_range}"
            f"{cancelled if session.cancelled else ''}"
            f'<div class="small">{plan}</div></div>'
            f'<span class="small text-nowrap">{escape(marked)}</span></li>'
        )
    return mark_safe("".join(rows))


def roster_rows(request, course, enrolments, totals, *, waitlist=False) -> str:
    """The rows of a course's roster (table rows) or waitlist (list items), from
    (enrolment id, student id, name, new to ball work) each: the student, their attendance
    totals on the roster, and a button to remove them from the course.

    Markup by hand, for speed (format_html costs 30 µs a row here): ids and totals are
    ints, the name and the label are escaped, everything else is fixed markup."""
    student_url = url_maker("students:student-detail")
    remove_url = url_maker("classes:course-unenrol", course.pk)
    csrf = csrf_input(request)
    new = format_html(' <span class="badge text-bg-info">{}</span>', _("new"))
    remove, remove_label = escape(_("Remove")), _("Remove %(name)s from the course")
    form_class = ' class="d-inline"' if waitlist else ""
    button_class = "btn btn-sm btn-link text-danger p-0" + (" align-baseline" if waitlist else "")
    present, absent, late = (
        Attendance.Status.PRESENT,
        Attendance.Status.ABSENT,
        Attendance.Status.LATE_CANCEL,
    )
    rows = []
    for enrolment_id, student_id, name, is_new in enrolments:
        label = escape(remove_label % {"name": name})
        form = (
            f'<form method="post" action="{remove_url(enrolment_id)}"{form_class}>{csrf}'
            f'<button class="{button_class}" aria-label="{label}">{remove}</button></form>'
        )
        if waitlist:
            rows.append(f"<li>{escape(name)} {form}</li>")
            continue
        counts = totals.get(student_id, {})
        rows.append(
            f'<tr><td><a href="{student_url(student_id)}">{escape(name)}</a>'
            f"{new if is_new else ''}</td>"
            f'<td class="text-center small">{counts.get(present, 0)} / {counts.get(absent, 0)}'
            f" / {counts.get(late, 0)}</td>"
            f'<td class="text-end">{form}</td></tr>'
        )
    return mark_safe("".join(rows))


@teacher_required
@require_GET
def course_list(request):
    now = timezone.now()
    courses = (
        Course.objects.for_teacher(request.user)
        .annotate(
            enrolled=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True
            ),
            waitlisted=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.WAITLISTED),
                distinct=True,
            ),
            upcoming=Count("sessions", filter=Q(sessions__starts_at__gte=now), distinct=True),
        )
        .order_by("status", "title")
    )
    next_sessions = {}
    for session in Session.objects.filter(
        course__teacher=request.user, starts_at__gte=now, cancelled=False
    ).order_by("starts_at"):
        next_sessions.setdefault(session.course_id, session)

    feed = calendar.teacher_calendar_for(request.user)
    return render(
        request,
        "classes/course_list.html",
        {
            "courses": courses,
            "next_sessions": next_sessions,
            "calendar_url": request.build_absolute_uri(
                reverse("classes:calendar-feed", args=[feed.token])
            ),
        },
    )


@teacher_required
def course_create(request):
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.save(commit=False)
        course.teacher = request.user
        course.save()
        messages.success(request, _("Course created. Add its sessions below."))
        return redirect(course)
    return render(request, "classes/course_form.html", {"form": form})


@teacher_required
def course_edit(request, pk):
    course = get_course_for_teacher(request, pk)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid() and form.save_if_current():
        messages.success(request, _("Course saved."))
        return redirect(course)
    return render(
        request,
        "classes/course_form.html",
        {"form": form, "course": course},
        status=form_status(form, invalid=200),
    )


def course_context(request, course, *, session_form=None, series_form=None):
    # How many were present, absent and late to cancel, per session (as `present`,
    # `absent`, `late_cancel`), and in all.
    counted = {status: status.replace("-", "_") for status in Attendance.Status.values}
    sessions = list(
        course.sessions.select_related("plan_version")
        .defer("plan_version__snapshot")  # a list never loads the frozen snapshots
        .annotate(
            marked=Count("attendance"),
            **{
                name: Count("attendance", filter=Q(attendance__status=status))
                for status, name in counted.items()
            },
        )
        .order_by("starts_at", "pk")  # Meta.ordering does not apply to a GROUP BY
    )
    course_totals = {
        status: sum(getattr(session, name) for session in sessions)
        for status, name in counted.items()
    }
    # Upcoming sessions first, soonest first (the one under way among them); those over,
    # most recent first, folded away and paged (`?past=`).
    now = timezone.now()
    upcoming = [session for session in sessions if session.ends_at > now]
    past = [session for session in reversed(sessions) if session.ends_at <= now]
    past_page = Paginator(past, PAGE_SIZE).get_page(request.GET.get("past"))
    enrolled, waitlisted = [], []
    for enrolment_id, status, student_id, name, is_new in course.enrolments.values_list(
        "pk", "status", "student_id", "student__name", "student__new_to_ball_work"
    ):
        row = (enrolment_id, student_id, display_name(name), is_new)
        (enrolled if status == Enrolment.Status.ENROLLED else waitlisted).append(row)
    q = clean_query(request.GET.get("q", ""))
    filters = {"q": q} if q else {}
    roster = pager(request, matching(enrolled, q, 2), course.get_absolute_url(), filters, "roster")
    kept = {**filters, "page": roster["page"].number} if roster["page"].number > 1 else filters

    def past_link(number):
        return f"{course.get_absolute_url()}?{urlencode({**kept, 'past': number})}#past-sessions"

    past_pager = {
        "page": past_page,
        "previous_url": past_link(past_page.previous_page_number())
        if past_page.has_previous()
        else "",
        "next_url": past_link(past_page.next_page_number()) if past_page.has_next() else "",
    }
    totals = {}  # of the students on this page of the roster
    for student_id, status, n in (
        Attendance.objects.filter(
            session__course=course, student__in=[row[1] for row in roster["page"]]
        )
        .order_by()  # without Meta.ordering, which joins the students for nothing
        .values_list("student_id", "status")
        .annotate(n=Count("pk"))
    ):
        totals.setdefault(student_id, {})[status] = n
    candidates = (
        Student.objects.for_teacher(request.user)
        .exclude(pk__in=course.enrolments.values("student_id"))
        .values_list("pk", "name")
    )
    # The forms to add sessions are the same for everyone until they show errors.
    forms_key = None
    if session_form is None and series_form is None:
        # The date pickers offer five years either side of the course's today.
        forms_key = make_key(
            "course-session-forms", course.pk, course.time_zone, today_in(course.tz), get_language()
        )
    session_forms = cached_fragment(
        request,
        forms_key,
        "classes/_course_session_forms.html",
        lambda: {
            "course": course,
            "session_form": session_form or SessionForm(prefix="one", time_zone=course.tz),
            "series_form": series_form or SeriesForm(prefix="series", time_zone=course.tz),
        },
    )
    return {
        "course": course,
        "session_count": len(sessions),
        "session_rows": session_rows(course, upcoming, now=now),
        "past_count": len(past),
        "past_rows": session_rows(course, past_page, now=now),
        "past_pager": past_pager,
        "past_open": "past" in request.GET,
        "enrolled_count": len(enrolled),
        "roster": roster,
        "roster_rows": roster_rows(request, course, roster["page"], totals),
        "waitlist_rows": roster_rows(request, course, waitlisted, totals, waitlist=True),
        "q": q,
        "show_search": bool(q) or len(enrolled) > SEARCH_FROM,
        "candidate_options": mark_safe(
            "".join(
                f'<option value="{pk}">{escape(display_name(name))}</option>'
                for pk, name in candidates
            )
        ),
        "course_totals": course_totals,
        "session_forms": session_forms,
        "calendar_url": request.build_absolute_uri(
            reverse("classes:calendar-feed", args=[course.calendar_token])
        ),
    }


@teacher_required
@require_GET
def course_detail(request, pk):
    course = get_course_for_teacher(request, pk)
    return render(request, "classes/course_detail.html", course_context(request, course))


@teacher_required
@require_POST
def session_add(request, pk):
    course = get_course_for_teacher(request, pk)
    form = SessionForm(request.POST, prefix="one", time_zone=course.tz)
    if not form.is_valid():
        return render(
            request,
            "classes/course_detail.html",
            course_context(request, course, session_form=form),
            status=422,
        )
    data = form.cleaned_data
    start = datetime.datetime.combine(data["date"], data["time"], tzinfo=course.tz)
    Session.objects.create(
        course=course, starts_at=start, duration_minutes=data["duration_minutes"]
    )
    messages.success(request, _("Session added."))
    return redirect(course)


@teacher_required
@require_POST
def sessions_generate(request, pk):
    course = get_course_for_teacher(request, pk)
    form = SeriesForm(request.POST, prefix="series", time_zone=course.tz)
    if not form.is_valid():
        return render(
            request,
            "classes/course_detail.html",
            course_context(request, course, series_form=form),
            status=422,
        )
    data = form.cleaned_data
    created = services.sessions_generate(
        course=course,
        first_date=data["date"],
        start_time=data["time"],
        duration_minutes=data["duration_minutes"],
        count=data["count"],
        skip=data["skip"],
    )
    messages.success(
        request,
        ngettext("%(n)d weekly session added.", "%(n)d weekly sessions added.", len(created))
        % {"n": len(created)},
    )
    return redirect(course)


@teacher_required
@require_POST
def course_enrol(request, pk):
    course = get_course_for_teacher(request, pk)
    ids = parse_ids(request.POST.getlist("students"))
    students = list(Student.objects.for_teacher(request.user).filter(pk__in=ids).order_by("name"))
    if not students:
        messages.error(request, _("Choose one or more students from your roster to enrol."))
        return redirect(course)
    result = services.enrol(course=course, students=students)
    if result["enrolled"]:
        messages.success(
            request,
            _("Enrolled: %(names)s.") % {"names": ", ".join(s.name for s in result["enrolled"])},
        )
    if result["waitlisted"]:
        messages.warning(
            request,
            _("The course is full (%(capacity)d places), so these joined the waitlist: %(names)s.")
            % {
                "capacity": course.capacity,
                "names": ", ".join(s.name for s in result["waitlisted"]),
            },
        )
    return redirect(course)


@teacher_required
@require_POST
def course_unenrol(request, pk, enrolment_pk):
    course = get_course_for_teacher(request, pk)
    enrolment = get_object_or_404(course.enrolments.select_related("student"), pk=enrolment_pk)
    promoted = services.unenrol(enrolment=enrolment)
    messages.success(request, _("%(name)s left the course.") % {"name": enrolment.student.name})
    if promoted:
        messages.info(
            request, _("%(name)s moved up from the waitlist.") % {"name": promoted.student.name}
        )
    return redirect(course)


@teacher_required
@require_GET
def session_detail(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    return no_store(
        render(request, "classes/session_detail.html", session_context(request, session))
    )


def attendance_url(session) -> str:
    """Reversed once per page, not once per row of a roster of 300."""
    return reverse("classes:session-attendance", args=[session.course_id, session.pk])


def attendance_filters(request) -> dict:
    """The search and the attendance state a session's list is filtered by, as the query
    string carries them: only what is set, and only known states."""
    q = clean_query(request.GET.get("q", ""))
    show = request.GET.get("show", "")
    return {
        key: value
        for key, value in (("q", q), ("show", show if show in dict(SHOW_CHOICES) else ""))
        if value
    }


def list_query(filters: dict, page_number: int) -> str:
    """The query string that brings a list back with its filters and page."""
    kept = {**filters, "page": page_number} if page_number != 1 else filters
    return f"?{urlencode(kept)}" if kept else ""


# A health note's flag: a small cross, drawn inline (no icon font), hidden from screen
# readers, which read the words beside it.
HEALTH_ICON = mark_safe(
    '<svg aria-hidden="true" focusable="false" width="10" height="10" viewBox="0 0 10 10">'
    '<path fill="currentColor" d="M3.5 0h3v3.5H10v3H6.5V10h-3V6.5H0v-3h3.5z"/></svg>'
)

HEALTH_BADGE = "text-danger-emphasis bg-danger-subtle border border-danger-subtle"


def attendance_badges() -> tuple[str, str]:
    """The two flags a teacher sees beside a name: new to ball work, and a health note
    (an icon; what the note says stays on the student's page)."""
    new = format_html(
        '<span class="badge text-bg-info ms-2 attendance-new">'
        '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></span>',
        _("New"),
        _("new to ball work"),
    )
    health = format_html(
        '<span class="badge ms-1 attendance-health {}">{}<span class="visually-hidden">{}</span>'
        "</span>",
        HEALTH_BADGE,
        HEALTH_ICON,
        _("health note"),
    )
    return new, health


def attendance_rows(request, rows, action: str) -> str:
    """Rows of the attendance list, from (student id, name, state, new to ball work, has a
    health note to heed) each: a fieldset per student with a button per state. The buttons
    have ids, so that htmx gives the focus back to the one pressed when it swaps the row.

    Markup by hand, for speed (as roster_rows): the student id is an int, the states are
    fixed choices, the name, the labels and the address are escaped."""
    csrf = csrf_input(request)
    action = escape(action)
    labels = [(value, escape(label)) for value, label in Attendance.Status.choices]
    new_badge, health_badge = attendance_badges()
    html = []
    for pk, name, status, new, health in rows:
        buttons = "".join(
            f'<button type="submit" name="status" value="{value}" id="attendance-{pk}-{value}"'
            f' aria-pressed="{"true" if value == status else "false"}"'
            f' class="btn {PRESSED[value] if value == status else "btn-outline-secondary"}">'
            f"{label}</button>"
            for value, label in labels
        )
        html.append(
            f'<li class="attendance-row card mb-2" id="attendance-{pk}">'
            f'<form method="post" action="{action}" class="card-body py-2" hx-post="{action}"'
            f' hx-target="#attendance-{pk}" hx-swap="outerHTML">'
            f'{csrf}<input type="hidden" name="student" value="{pk}">'
            f'<fieldset><legend class="fs-6 fw-semibold mb-1">{escape(name)}'
            f"{new_badge if new else ''}{health_badge if health else ''}</legend>"
            f'<div class="btn-group w-100" role="group">{buttons}</div>'
            "</fieldset></form></li>"
        )
    return mark_safe("".join(html))


def select_options(field) -> str:
    """The options of a bound select field, built here: Django renders each option through
    a template of its own, and a menu of 20 plan versions took 5 ms."""
    chosen = str(field.value() or "")
    return mark_safe(
        "".join(
            f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(label)}</option>"
            for value, label in field.field.choices
        )
    )


def status_counts(statuses) -> dict:
    """How many of each attendance state, zeros included."""
    counts = Counter(statuses)
    return {status: counts[status] for status in Attendance.Status.values}


def counts_text(counts: dict) -> str:
    """The totals, "2 present · 1 absent · 1 late cancel": each with its plural form."""
    present = counts[Attendance.Status.PRESENT]
    absent = counts[Attendance.Status.ABSENT]
    late = counts[Attendance.Status.LATE_CANCEL]
    return _("%(present)s · %(absent)s · %(late)s") % {
        "present": ngettext("%(n)s present", "%(n)s present", present) % {"n": present},
        "absent": ngettext("%(n)s absent", "%(n)s absent", absent) % {"n": absent},
        "late": ngettext("%(n)s late cancel", "%(n)s late cancels", late) % {"n": late},
    }


def unmarked_text(unmarked: int) -> str:
    """Beside "All present": whom it would mark."""
    if not unmarked:
        return _("Everyone is marked.")
    return ngettext("%(n)s not marked yet", "%(n)s not marked yet", unmarked) % {"n": unmarked}


def health_flag(today):
    """Whether a roster student has a current health note (with consent) that asks to avoid
    something: a region, an action, or a condition the library rates techniques for. One
    subquery, for annotate(): never a query per student."""
    notes = (
        HealthNote.objects.filter(student=OuterRef("pk"), student__consent_given_at__isnull=False)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .filter(
            Q(avoid_regions__isnull=False)
            | Q(avoid_actions__isnull=False)
            | ~Q(suitability_condition="")
        )
    )
    return Exists(notes)


def attendance_roster(course):
    """The students enrolled in a course, in the order they enrolled, each with `health`
    (health_flag, as of today where the course is)."""
    today = timezone.localdate(timezone=course.tz)
    return (
        course.enrolled_students()
        .annotate(health=health_flag(today))
        .order_by("enrolments__created_at", "pk")
    )


def attendance_totals(session) -> str:
    """The totals and what is left to mark, out of band into their places on the page,
    for an htmx answer. Two queries."""
    counts = status_counts(session.attendance.order_by().values_list("status", flat=True))
    unmarked = session.course.enrolled_students().exclude(attendance__session=session).count()
    return format_html(
        '<span id="attendance-counts" hx-swap-oob="innerHTML">{}</span>'
        '<span id="attendance-unmarked" hx-swap-oob="innerHTML">{}</span>',
        counts_text(counts),
        unmarked_text(unmarked),
    )


def page_number(request) -> int:
    """The list's page a POST came from (its query string); anything odd is page 1."""
    page = request.GET.get("page", "")
    return int(page) if page.isdecimal() and len(page) < 10 else 1


def session_findings(request, version, course) -> str:
    """The session's plan checks as HTML, cached per version and the checks' inputs
    (classes/findings.py CheckState); the CSRF token is filled in per request."""
    plan = version.plan
    state = CheckState.of(plan, course)
    name = ("version", version.pk)

    def context() -> dict:
        findings = plan_findings(
            lambda: localize_snapshot(version.snapshot),
            plan=plan,
            course=course,
            snapshot_name=name,
            state=state,
        )
        # Folded below the attendance on a phone; static/js/attendance.js opens it on wide
        # screens, where it sits beside the list.
        return {
            "findings": findings,
            "plan": plan,
            "findings_id": "session",
            "collapsible": True,
        }

    key = state.key("session-findings", name, plan.purpose)
    return cached_fragment(request, key, "classes/_findings.html", context)


def attendance_context(request, session) -> dict:
    """The attendance list of a session, filtered and paged as the query string says, its
    totals, and the newcomer and health flags beside the names: two queries whatever the
    size of the roster. The session page's first half, and what "All present" re-renders."""
    course = session.course
    # Without Meta.ordering, which joins the sessions and the students for nothing.
    marks = dict(session.attendance.order_by().values_list("student_id", "status"))
    rows = [
        (pk, display_name(name), marks.get(pk, ""), new, health)
        for pk, name, new, health in attendance_roster(course).values_list(
            "pk", "name", "new_to_ball_work", "health"
        )
    ]
    filters = attendance_filters(request)
    shown = matching(rows, filters.get("q", ""), 1)
    show = filters.get("show")
    if show:
        shown = [row for row in shown if row[2] == ("" if show == "unmarked" else show)]
    listing = pager(request, shown, session.get_absolute_url(), filters, "attendance")
    query = list_query(filters, listing["page"].number)
    counts = status_counts(marks.values())
    unmarked = sum(1 for row in rows if not row[2])
    return {
        "session": session,
        "course": course,
        "enrolled_count": len(rows),
        "listing": listing,
        "rows": attendance_rows(request, listing["page"], attendance_url(session) + query),
        "all_present_url": reverse("classes:session-attendance-all", args=[course.pk, session.pk])
        + query,
        "q": filters.get("q", ""),
        "show": filters.get("show", ""),
        "filtered": bool(filters),
        "show_search": bool(filters) or len(rows) > SEARCH_FROM,
        "show_choices": SHOW_CHOICES,
        "counts": counts,
        "counts_text": counts_text(counts),
        "unmarked": unmarked,
        "unmarked_text": unmarked_text(unmarked),
        "any_new": any(row[3] for row in rows),
        "any_health": any(row[4] for row in rows),
        "health_icon": HEALTH_ICON,
        "health_badge": HEALTH_BADGE,
    }


def session_context(request, session, *, plan_form=None):
    course = session.course
    plan_form = plan_form or SessionPlanForm(teacher=request.user, versioned=session)
    findings = None
    version = session.plan_version
    if version:
        # A published version never changes: its checks are cached under its name, and
        # its snapshot is needed only to work them out.
        findings = session_findings(request, version, course)
    return {
        **attendance_context(request, session),
        "findings": findings,
        "plan_form": plan_form,
        "plan_options": select_options(plan_form["plan_version"]),
    }


@teacher_required
@require_POST
def session_update(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    form = SessionPlanForm(request.POST, teacher=request.user, versioned=session)
    saved = form.is_valid() and form.save_if_current(
        lambda: services.session_update(
            session=session,
            plan_version=form.cleaned_data["plan_version"],
            note=form.cleaned_data["note"],
            cancelled=form.cleaned_data["cancelled"],
        )
    )
    if not saved:
        return no_store(
            render(
                request,
                "classes/session_detail.html",
                session_context(request, session, plan_form=form),
                status=form_status(form),
            )
        )
    messages.success(request, _("Session saved."))
    return redirect(session)


@teacher_required
@require_POST
def session_attendance(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    form = AttendanceForm(request.POST, students=attendance_roster(session.course))
    if not form.is_valid():
        if "student" in form.errors:
            raise Http404  # not a number, or nobody enrolled in this course
        message = form.errors["status"][0]
        if request.headers.get("HX-Request"):
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, message)
        return redirect(session)
    student, status = form.cleaned_data["student"], form.cleaned_data["status"]
    services.attendance_mark(session=session, student=student, status=status)
    # The buttons post with the list's filters and page, to come back to them.
    query = list_query(attendance_filters(request), page_number(request))
    if request.headers.get("HX-Request"):
        # The row, and the totals above the list (out of band, into their live region).
        row = attendance_rows(
            request,
            [(student.pk, str(student), status, student.new_to_ball_work, student.health)],
            attendance_url(session) + query,
        )
        return HttpResponse(row + attendance_totals(session))
    return redirect(f"{session.get_absolute_url()}{query}#attendance-{student.pk}")


@teacher_required
@require_POST
def session_attendance_all(request, pk, session_pk):
    """All present: everyone enrolled and not marked yet is marked present, in one
    insert. Marks already made are kept, including one made meanwhile on another device."""
    session = get_session_for_teacher(request, pk, session_pk)
    unmarked = list(
        session.course.enrolled_students()
        .exclude(attendance__session=session)
        .values_list("pk", flat=True)
    )
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, student_id=student_id, status=Attendance.Status.PRESENT)
            for student_id in unmarked
        ],
        ignore_conflicts=True,
    )
    if request.headers.get("HX-Request"):
        # The list as it is now (same filters and page), and the totals out of band.
        context = attendance_context(request, session)
        return HttpResponse(
            render_to_string("classes/_attendance_results.html", context, request=request)
            + format_html(
                '<span id="attendance-counts" hx-swap-oob="innerHTML">{}</span>'
                '<span id="attendance-unmarked" hx-swap-oob="innerHTML">{}</span>',
                context["counts_text"],
                context["unmarked_text"],
            )
        )
    if unmarked:
        messages.success(
            request,
            ngettext(
                "%(n)s student marked present.", "%(n)s students marked present.", len(unmarked)
            )
            % {"n": len(unmarked)},
        )
    else:
        messages.info(request, _("Everyone was already marked."))
    query = list_query(attendance_filters(request), page_number(request))
    return redirect(f"{session.get_absolute_url()}{query}#attendance")


@teacher_required
@require_GET
def attendance_export(request, pk):
    course = get_course_for_teacher(request, pk)
    sessions = list(course.sessions.all())
    enrolments = list(course.enrolments.select_related("student"))
    marks = {
        (a.session_id, a.student_id): a.get_status_display()
        for a in Attendance.objects.filter(session__course=course)
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{course.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    local = [
        zone_or_utc(s.starts_at, course.tz).strftime("%Y-%m-%d %H:%M")
        + ("" if displayable(s.starts_at) else " UTC")
        for s in sessions
    ]
    writer.writerow([_("Student"), _("Email"), _("Enrolment"), *local])
    for enrolment in enrolments:
        student = enrolment.student
        writer.writerow(
            [
                safe_cell(student.name),
                safe_cell(student.email),
                enrolment.get_status_display(),
                *[marks.get((s.pk, student.pk), "") for s in sessions],
            ]
        )
    return response
