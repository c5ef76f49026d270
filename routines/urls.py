from django.urls import path

from . import curation, views

app_name = "routines"

urlpatterns = [
    path("library/", views.library, name="library"),
    # Teachers' submissions come before <slug> so their paths are not read as slugs.
    path("library/submissions/", curation.my_submissions, name="my-submissions"),
    path("library/submissions/new/", curation.submission_create, name="submission-create"),
    path("library/submissions/<slug:slug>/edit/", curation.submission_edit, name="submission-edit"),
    path("library/<slug:slug>/", views.technique_detail, name="technique-detail"),
    path("library/<slug:slug>/propose/", curation.proposal_create, name="proposal-create"),
    path("curate/", curation.queue, name="curate"),
    path("curate/new/", curation.technique_create, name="curate-create"),
    path("curate/pictures/", curation.picture_sheet, name="curate-pictures"),
    path("curate/translations/", curation.translation_status, name="curate-translations"),
    path("curate/proposals/<int:pk>/", curation.proposal_review, name="proposal-review"),
    path("curate/<slug:slug>/edit/", curation.technique_edit, name="curate-edit"),
    path("curate/<slug:slug>/history/", curation.technique_history, name="curate-history"),
    path("curate/<slug:slug>/status/", curation.technique_status, name="curate-status"),
    path(
        "curate/<slug:slug>/restore/<int:revision_id>/",
        curation.technique_restore,
        name="curate-restore",
    ),
    path("curate/<slug:slug>/delete/", curation.technique_delete, name="curate-delete"),
]
