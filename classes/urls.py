from django.urls import path, re_path

from . import calendar_views, course_views, homework_views, join_views, views

app_name = "classes"

urlpatterns = [
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_builder, name="plan-builder"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/library/", views.builder_library, name="builder-library"),
    path("plans/<int:pk>/steps/add/", views.step_add, name="step-add"),
    path("plans/<int:pk>/steps/add-other/", views.step_add_other, name="step-add-other"),
    path("plans/<int:pk>/steps/reorder/", views.steps_reorder, name="steps-reorder"),
    path("plans/<int:pk>/steps/<int:step_pk>/", views.step_update, name="step-update"),
    path("plans/<int:pk>/steps/<int:step_pk>/move/", views.step_move, name="step-move"),
    path("plans/<int:pk>/steps/<int:step_pk>/remove/", views.step_remove, name="step-remove"),
    path("plans/<int:pk>/steps/<int:step_pk>/undo/", views.step_undo, name="step-undo"),
    path("plans/<int:pk>/steps/<int:step_pk>/swap/", views.step_swap, name="step-swap"),
    path("plans/<int:pk>/steps/<int:step_pk>/unswap/", views.step_unswap, name="step-unswap"),
    path("plans/<int:pk>/steps/<int:step_pk>/modify/", views.step_modify, name="step-modify"),
    path(
        "plans/<int:pk>/modifications/<int:modification_pk>/delete/",
        views.modification_delete,
        name="modification-delete",
    ),
    path("plans/<int:pk>/sections/", views.section_save, name="section-save"),
    path(
        "plans/<int:pk>/sections/<int:section_pk>/delete/",
        views.section_delete,
        name="section-delete",
    ),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan-publish"),
    path("plans/<int:pk>/findings/dismiss/", views.finding_dismiss, name="finding-dismiss"),
    path("plans/<int:pk>/findings/restore/", views.finding_restore, name="finding-restore"),
    path("plans/<int:pk>/share/", views.plan_share, name="plan-share"),
    path("plans/<int:pk>/duplicate/", views.plan_duplicate, name="plan-duplicate"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan-delete"),
    path("plans/<int:pk>/print/", views.plan_print, name="plan-print"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
    path("plans/<int:pk>/teach/", views.plan_teach, name="plan-teach"),
    path("courses/", course_views.course_list, name="course-list"),
    path("courses/new/", course_views.course_create, name="course-create"),
    path("courses/<int:pk>/", course_views.course_detail, name="course-detail"),
    path("courses/<int:pk>/edit/", course_views.course_edit, name="course-edit"),
    path("courses/<int:pk>/sessions/add/", course_views.session_add, name="session-add"),
    path(
        "courses/<int:pk>/sessions/generate/",
        course_views.sessions_generate,
        name="sessions-generate",
    ),
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/",
        course_views.session_detail,
        name="session-detail",
    ),
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/edit/",
        course_views.session_update,
        name="session-update",
    ),
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/attendance/",
        course_views.session_attendance,
        name="session-attendance",
    ),
    # Attendance first on the phone (issue 15): mark everyone not yet marked present.
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/attendance/all-present/",
        course_views.session_attendance_all,
        name="session-attendance-all",
    ),
    path("courses/<int:pk>/enrol/", course_views.course_enrol, name="course-enrol"),
    path(
        "courses/<int:pk>/enrolments/<int:enrolment_pk>/remove/",
        course_views.course_unenrol,
        name="course-unenrol",
    ),
    path(
        "courses/<int:pk>/attendance.csv", course_views.attendance_export, name="attendance-export"
    ),
    path(
        "courses/<int:pk>/calendar/regenerate/",
        calendar_views.course_calendar_regenerate,
        name="course-calendar-regenerate",
    ),
    path(
        "calendar/regenerate/",
        calendar_views.teacher_calendar_regenerate,
        name="teacher-calendar-regenerate",
    ),
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendar_views.feed,
        name="calendar-feed",
    ),
    # Home routines, from the teacher's side; and a class's handout for its students.
    path("students/<int:pk>/assign/", homework_views.assign_student, name="assign-student"),
    path("courses/<int:pk>/assign/", homework_views.assign_course, name="assign-course"),
    path("courses/<int:pk>/adherence/", homework_views.course_adherence, name="course-adherence"),
    path("assignments/<int:pk>/", homework_views.assignment_detail, name="assignment-detail"),
    path(
        "assignments/<int:pk>/action/", homework_views.assignment_action, name="assignment-action"
    ),
    path("assignments/<int:pk>/edit/", homework_views.assignment_edit, name="assignment-edit"),
    path("me/handouts/<int:pk>/", views.handout, name="handout"),
    # Join links (sign-up): the teacher's switch, and the student's side.
    path("courses/<int:pk>/join-link/", join_views.join_link, name="course-join-link"),
    path("join/confirm/<str:signed>/", join_views.join_confirm, name="join-confirm"),
    path("join/<str:token>/", join_views.join, name="join"),
    path("join/<str:token>/sent/", join_views.join_sent, name="join-sent"),
    # Share tokens are URL-safe base64; anything else is simply not found.
    re_path(r"^share/(?P<token>[A-Za-z0-9_-]{20,64})/$", views.share, name="share"),
]
