from django.urls import path, re_path

from . import import_views, me_views, views

app_name = "students"

urlpatterns = [
    path("students/", views.student_list, name="student-list"),
    path("students/new/", views.student_create, name="student-create"),
    path("students/import/", import_views.roster_import, name="student-import"),
    path("students/export.csv", import_views.roster_export, name="student-export"),
    path("students/<int:pk>/", views.student_detail, name="student-detail"),
    path("students/<int:pk>/edit/", views.student_edit, name="student-edit"),
    path("students/<int:pk>/health/", views.health_show, name="health-show"),
    path("students/<int:pk>/health/new/", views.health_note_create, name="health-create"),
    path("students/<int:pk>/health/<int:note_pk>/", views.health_note_edit, name="health-edit"),
    path(
        "students/<int:pk>/health/<int:note_pk>/delete/",
        views.health_note_delete,
        name="health-delete",
    ),
    path("students/<int:pk>/consent/", views.consent_record, name="consent-record"),
    path("students/<int:pk>/consent/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("students/<int:pk>/audit/", views.audit_log, name="audit-log"),
    path("students/<int:pk>/invite/", views.invitation_send, name="invitation-send"),
    path("students/<int:pk>/invite/revoke/", views.invitation_revoke, name="invitation-revoke"),
    re_path(
        r"^invite/(?P<token>[A-Za-z0-9_:.-]{10,400})/$",
        views.invitation_accept,
        name="invitation-accept",
    ),
    path("me/health/", views.my_health_notes, name="my-health"),
    path("me/routines/<int:pk>/", me_views.routine_play, name="routine-play"),
    path("me/routines/<int:pk>/log/", me_views.routine_log, name="routine-log"),
    path("me/routines/<int:pk>/print/", me_views.routine_print, name="routine-print"),
    path("me/routines/<int:pk>/pdf/", me_views.routine_pdf, name="routine-pdf"),
    path("me/history/", me_views.history, name="history"),
    path("me/data/", me_views.data_export, name="data-export"),
    path("me/delete/", me_views.account_delete, name="account-delete"),
    path("reminders/stop/<str:token>/", views.reminders_stop, name="reminders-stop"),
]
