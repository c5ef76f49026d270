from django.urls import path, re_path

from . import views

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
    path("plans/<int:pk>/sections/", views.section_save, name="section-save"),
    path(
        "plans/<int:pk>/sections/<int:section_pk>/delete/",
        views.section_delete,
        name="section-delete",
    ),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan-publish"),
    path("plans/<int:pk>/share/", views.plan_share, name="plan-share"),
    path("plans/<int:pk>/duplicate/", views.plan_duplicate, name="plan-duplicate"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan-delete"),
    path("plans/<int:pk>/print/", views.plan_print, name="plan-print"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="plan-pdf"),
    path("plans/<int:pk>/teach/", views.plan_teach, name="plan-teach"),
    # Share tokens are URL-safe base64; anything else is simply not found.
    re_path(r"^share/(?P<token>[A-Za-z0-9_-]{20,64})/$", views.share, name="share"),
]
