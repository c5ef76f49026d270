from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .forms import (
    PhotoField,
    SearchSynonymForm,
    language_name,
    translation_field_name,
    vocabulary_form,
)
from .models import (
    Action,
    EditProposal,
    Equipment,
    Progression,
    Region,
    SearchSynonym,
    Technique,
    TechniqueRevision,
)
from .translations import missing, target_languages


class TranslatedAdmin(admin.ModelAdmin):
    """A vocabulary model whose name and description curators translate: plain fields
    per language ("Name (FR)", "Description (FR)") in a fieldset of their own, kept in
    the model's `translations` (forms.vocabulary_form), and a column saying whether the
    entry is translated."""

    exclude = ["translations"]

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.form = vocabulary_form(model)

    def get_fieldsets(self, request, obj=None):
        by_language = {
            language: [
                translation_field_name(field, language) for field in self.form.translated_texts
            ]
            for language in target_languages()
        }
        translated = {name for names in by_language.values() for name in names}
        own = [f for f in self.get_fields(request, obj) if f not in translated]
        return [
            (None, {"fields": own}),
            *(
                (language_name(language), {"fields": names})
                for language, names in by_language.items()
            ),
        ]

    @admin.display(description=_("translated"), boolean=True)
    def translated(self, entry):
        texts = self.form.translated_texts
        return not any(missing(entry, language, fields=texts) for language in target_languages())


@admin.register(Region)
class RegionAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "view", "partner", "order", "translated"]
    list_filter = ["view"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["neighbours"]
    list_select_related = ["partner"]


@admin.register(Equipment, Action)
class VocabularyAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "order", "translated"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class LevelInline(admin.TabularInline):
    model = Technique
    fields = ["progression_level", "name", "status"]
    readonly_fields = ["name", "status"]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["progression_level"]


@admin.register(Progression)
class ProgressionAdmin(TranslatedAdmin):
    list_display = ["name", "slug", "translated"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LevelInline]


class RevisionInline(admin.TabularInline):
    model = TechniqueRevision
    fields = ["created_at", "kind", "author", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Technique)
class TechniqueAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "level",
        "intensity",
        "position",
        "duration_seconds",
        "per_side",
    ]
    list_filter = ["status", "level", "intensity", "position", "regions", "actions", "equipment"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["regions", "actions", "equipment"]
    list_select_related = ["progression"]
    readonly_fields = ["author", "created_at", "updated_at"]
    # Translations are edited on the curation page, field by field beside the English and
    # recorded in the history; not as raw JSON here.
    exclude = ["translations"]
    inlines = [RevisionInline]
    # Photos uploaded here get the curation form's checks: bytes, pixels (read from the
    # header), format, and a name and type that do not lie.
    formfield_overrides = {models.ImageField: {"form_class": PhotoField}}


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The search's synonyms and aliases (routines/search.py), kept by curators."""

    form = SearchSynonymForm
    list_display = ["term", "language", "meanings"]
    list_filter = ["language"]
    search_fields = ["term"]

    @admin.display(description=_("means"))
    def meanings(self, synonym):
        return ", ".join(synonym.means)


@admin.register(TechniqueRevision)
class TechniqueRevisionAdmin(admin.ModelAdmin):
    list_display = ["technique", "kind", "author", "created_at"]
    list_filter = ["kind"]
    search_fields = ["technique__name"]
    list_select_related = ["technique", "author"]
    readonly_fields = [
        "technique",
        "author",
        "kind",
        "created_at",
        "changes",
        "snapshot",
        "comment",
    ]


@admin.register(EditProposal)
class EditProposalAdmin(admin.ModelAdmin):
    list_display = ["technique", "author", "status", "created_at", "reviewer"]
    list_filter = ["status"]
    search_fields = ["technique__name", "author__email"]
    list_select_related = ["technique", "author", "reviewer"]
