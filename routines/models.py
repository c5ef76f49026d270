import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .translations import (
    TECHNIQUE_LISTS,
    TECHNIQUE_TEXTS,
    VOCABULARY_TEXTS,
    text,
    translation_errors,
)

MAX_STEP_SECONDS = 30 * 60


class LibraryState(models.Model):
    """One row whose `version` changes with every change to the shared library (techniques,
    regions, equipment, actions, progressions, search synonyms and their links), in the same
    transaction as the change: routines/state.py. Cached pages and checks built from the
    library are keyed on it, so an edit anywhere makes them new, in every process, with no
    timed expiry."""

    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("library state")

    def __str__(self) -> str:
        return f"library v{self.version}"


class Translated(models.Model):
    """A name and a description that curators may translate (routines.translations):
    ``{"fr": {"name": "…", "description": "…"}}``; English is the model's own fields."""

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude=exclude)
        if "translations" not in (exclude or ()):
            problems = translation_errors(self.translations, texts=VOCABULARY_TEXTS)
            if problems:
                raise ValidationError({"translations": problems})


class Vocabulary(Translated):
    """Shared shape of the curated word lists: a slug, a name and an order."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return text(self, "name")


class Region(Vocabulary):
    class View(models.TextChoices):
        FRONT = "front", _("Front")
        BACK = "back", _("Back")

    view = models.CharField(
        _("body map view"), max_length=5, choices=View.choices, default=View.FRONT
    )
    partner = models.ForeignKey(
        "self",
        verbose_name=_("partner region"),
        help_text=_("Worked for balance: upper back ↔ chest, back of thigh ↔ front of thigh…"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    neighbours = models.ManyToManyField(
        "self",
        verbose_name=_("connected regions"),
        help_text=_("Neighbours along fascial lines: a local action has a global effect."),
        blank=True,
        symmetrical=True,
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("body region")
        verbose_name_plural = _("body regions")


class Equipment(Vocabulary):
    description = models.TextField(_("description"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")


class Action(Vocabulary):
    description = models.TextField(_("description"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("action")
        verbose_name_plural = _("actions")


class Position(models.TextChoices):
    SUPINE = "supine", _("Supine (lying on the back)")
    PRONE = "prone", _("Prone (lying face down)")
    SIDE_LYING = "side-lying", _("Side-lying")
    SEATED = "seated", _("Seated")
    STANDING = "standing", _("Standing")
    WALL = "wall", _("Standing at a wall")
    KNEELING = "kneeling", _("Kneeling")
    ALL_FOURS = "all-fours", _("On all fours")
    CHAIR = "chair", _("Seated on a chair")


# Positions a student need not get down to the floor for (the library's "floor-free" filter).
FLOOR_FREE = (Position.STANDING, Position.WALL, Position.CHAIR)


class Suits(models.TextChoices):
    """Whether a technique suits a condition: the structured part of its contraindications."""

    YES = "yes", _("Yes")
    CARE = "care", _("With care")
    NO = "no", _("No")


# What a technique states it suits or not (Technique.suitability): pregnancy per trimester,
# osteoporosis and a risk of blood clots. Keys as the exchange format writes them.
TRIMESTERS = ("first", "second", "third")
SUITABILITY_CONDITIONS = {
    "pregnancy": _("Pregnancy"),
    "osteoporosis": _("Osteoporosis"),
    "clot_risk": _("Blood clot risk"),
}
TRIMESTER_NAMES = {
    "first": _("first trimester"),
    "second": _("second trimester"),
    "third": _("third trimester"),
}
# Each statement as one flat key ("pregnancy-second", "osteoporosis", "clot_risk"), the way
# a health note names its condition and the filters and checks compare them.
SUITABILITY_KEYS = (
    *(f"pregnancy-{t}" for t in TRIMESTERS),
    "osteoporosis",
    "clot_risk",
)
MAX_INDICATIONS = 12
INDICATION = re.compile(r"[^\W_](?:[\w' ,/()+-]*[^\W_)])?\)?")
INDICATION_LENGTH = 80


def flat_suitability(value) -> dict[str, str]:
    """{"pregnancy-first": "yes", …, "osteoporosis": "care", "clot_risk": "no"} from the
    stored form; keys not stated are left out. Assumes a value that passed
    suitability_errors (anything else gives what can be read of it)."""
    flat = {}
    if not isinstance(value, dict):
        return flat
    pregnancy = value.get("pregnancy")
    if isinstance(pregnancy, dict):
        for t in TRIMESTERS:
            if pregnancy.get(t) in Suits.values:
                flat[f"pregnancy-{t}"] = pregnancy[t]
    for key in ("osteoporosis", "clot_risk"):
        if value.get(key) in Suits.values:
            flat[key] = value[key]
    return flat


def nested_suitability(flat: dict[str, str]) -> dict:
    """The stored form from flat keys (the inverse of flat_suitability), empty parts left out."""
    value: dict = {}
    pregnancy = {t: flat[f"pregnancy-{t}"] for t in TRIMESTERS if flat.get(f"pregnancy-{t}")}
    if pregnancy:
        value["pregnancy"] = pregnancy
    for key in ("osteoporosis", "clot_risk"):
        if flat.get(key):
            value[key] = flat[key]
    return value


def suitability_errors(value) -> list[ValidationError]:
    """What is wrong with a technique's suitability, each message naming the condition;
    empty when it is fine. The shape: {"pregnancy": {"first": v, "second": v, "third": v},
    "osteoporosis": v, "clot_risk": v}, each v "yes", "care" or "no"; a condition may be
    left out (not stated yet), a trimester may not."""
    allowed = ", ".join(f"“{v}”" for v in Suits.values)
    if not isinstance(value, dict):
        return [
            ValidationError(
                _("Give the suitability as pregnancy, osteoporosis and clot_risk."),
                code="suitability",
            )
        ]
    errors = []
    for key in sorted(set(value) - set(SUITABILITY_CONDITIONS)):
        errors.append(
            ValidationError(
                _("Unknown condition “%(key)s” (one of pregnancy, osteoporosis, clot_risk)."),
                code="suitability_key",
                params={"key": str(key)[:60]},
            )
        )
    pregnancy = value.get("pregnancy")
    if "pregnancy" in value:
        if not isinstance(pregnancy, dict) or set(pregnancy) != set(TRIMESTERS):
            errors.append(
                ValidationError(
                    _("Pregnancy: give each trimester (first, second, third) as %(allowed)s."),
                    code="suitability_pregnancy",
                    params={"allowed": allowed},
                )
            )
        else:
            for t in TRIMESTERS:
                if pregnancy[t] not in Suits.values:
                    errors.append(
                        ValidationError(
                            _("Pregnancy, %(trimester)s: “%(value)s” is not one of %(allowed)s."),
                            code="suitability_value",
                            params={
                                "trimester": t,
                                "value": str(pregnancy[t])[:60],
                                "allowed": allowed,
                            },
                        )
                    )
    for key in ("osteoporosis", "clot_risk"):
        if key in value and value[key] not in Suits.values:
            errors.append(
                ValidationError(
                    _("%(condition)s: “%(value)s” is not one of %(allowed)s."),
                    code="suitability_value",
                    params={"condition": key, "value": str(value[key])[:60], "allowed": allowed},
                )
            )
    return errors


def indication_errors(value) -> list[ValidationError]:
    """What is wrong with a technique's indications: a list of short lowercase phrases
    ("plantar fasciitis", "desk workers", "before sleep"), each a searchable phrase rather
    than a sentence."""
    if not isinstance(value, list):
        return [
            ValidationError(_("Give the indications as a list of phrases."), code="indications")
        ]
    errors = []
    if len(value) > MAX_INDICATIONS:
        errors.append(
            ValidationError(
                _("At most %(max)d indications; there are %(count)d."),
                code="too_many_indications",
                params={"max": MAX_INDICATIONS, "count": len(value)},
            )
        )
    seen = set()
    for n, phrase in enumerate(value, start=1):
        if not isinstance(phrase, str) or not phrase.strip():
            errors.append(
                ValidationError(
                    _("Indication %(n)d: give a short phrase."), code="indication", params={"n": n}
                )
            )
        elif (
            len(phrase) > INDICATION_LENGTH
            or phrase != phrase.lower()
            or "  " in phrase
            or not INDICATION.fullmatch(phrase)
        ):
            errors.append(
                ValidationError(
                    _(
                        "Indication %(n)d (“%(phrase)s”): a short lowercase phrase of at most "
                        "%(max)d characters, words only, like “plantar fasciitis” or "
                        "“desk workers”."
                    ),
                    code="indication_format",
                    params={"n": n, "phrase": phrase[:60], "max": INDICATION_LENGTH},
                )
            )
        elif phrase in seen:
            errors.append(
                ValidationError(
                    _("Indication %(n)d (“%(phrase)s”) is given twice."),
                    code="indication_twice",
                    params={"n": n, "phrase": phrase[:60]},
                )
            )
        if isinstance(phrase, str):
            seen.add(phrase)
    return errors


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Intensity(models.TextChoices):
    GENTLE = "gentle", _("Gentle")
    MODERATE = "moderate", _("Moderate")
    DEEP = "deep", _("Deep")


class Progression(Translated):
    """An ordered ladder of techniques; the last level is the threshold."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("progression")
        verbose_name_plural = _("progressions")

    def __str__(self) -> str:
        return self.name


SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# Timed stations within a technique (Technique.stations): how many, and how long each may be.
MAX_STATIONS = 12
STATION_INSTRUCTION_LENGTH = 200
STATION_KEYS = ("region", "instruction", "seconds")


def station_errors(stations, *, region_slugs, own=None) -> list[ValidationError]:
    """What is wrong with a technique's stations, each message naming the station (counted
    from 1) and its field; empty when they are fine. `region_slugs` are the regions that
    exist; `own`, where known, the technique's own regions, the only ones a station may
    name: the plan checks and the body map read a technique's regions, so a station
    elsewhere would be worked without any check seeing it. Seconds need not add up to the
    technique's duration: the player scales them to the step's time
    (routines.snapshots.scale_seconds)."""
    if not isinstance(stations, list):
        return [ValidationError(_("Give the stations as a list."), code="stations")]
    errors = []
    if len(stations) > MAX_STATIONS:
        errors.append(
            ValidationError(
                _("At most %(max)d stations; there are %(count)d."),
                code="too_many_stations",
                params={"max": MAX_STATIONS, "count": len(stations)},
            )
        )
    for n, station in enumerate(stations, start=1):
        if not isinstance(station, dict):
            errors.append(
                ValidationError(
                    _("Station %(n)d: give its region, instruction and seconds."),
                    code="station",
                    params={"n": n},
                )
            )
            continue
        for key in sorted(set(station) - set(STATION_KEYS)):
            errors.append(
                ValidationError(
                    _(
                        "Station %(n)d: unknown field “%(key)s” (a station has a region, "
                        "an instruction and seconds)."
                    ),
                    code="station_key",
                    params={"n": n, "key": key},
                )
            )
        region = station.get("region")
        if not isinstance(region, str):
            errors.append(
                ValidationError(
                    _("Station %(n)d, region: give a body region, or leave it empty."),
                    code="station_region",
                    params={"n": n},
                )
            )
        elif region and region not in region_slugs:
            errors.append(
                ValidationError(
                    _("Station %(n)d, region: “%(region)s” is not a body region."),
                    code="station_region",
                    params={"n": n, "region": region[:60]},
                )
            )
        elif region and own is not None and region not in own:
            errors.append(
                ValidationError(
                    _(
                        "Station %(n)d, region: “%(region)s” is not one of this technique's "
                        "regions. Add it to the technique's regions, or choose one of them."
                    ),
                    code="station_own_region",
                    params={"n": n, "region": region[:60]},
                )
            )
        instruction = station.get("instruction")
        if not isinstance(instruction, str) or not instruction.strip():
            errors.append(
                ValidationError(
                    _("Station %(n)d, instruction: say in a few words what to do there."),
                    code="station_instruction",
                    params={"n": n},
                )
            )
        elif len(instruction) > STATION_INSTRUCTION_LENGTH:
            errors.append(
                ValidationError(
                    _(
                        "Station %(n)d, instruction: keep it to %(max)d characters "
                        "(it has %(length)d)."
                    ),
                    code="station_instruction",
                    params={"n": n, "max": STATION_INSTRUCTION_LENGTH, "length": len(instruction)},
                )
            )
        seconds = station.get("seconds")
        whole = isinstance(seconds, int) and not isinstance(seconds, bool)
        if not whole or not 1 <= seconds <= MAX_STEP_SECONDS:
            errors.append(
                ValidationError(
                    _("Station %(n)d, seconds: give whole seconds from 1 to %(max)d."),
                    code="station_seconds",
                    params={"n": n, "max": MAX_STEP_SECONDS},
                )
            )
    return errors


def technique_translation_errors(value) -> list[ValidationError]:
    return translation_errors(value, texts=TECHNIQUE_TEXTS, lists=TECHNIQUE_LISTS, stations=True)


class TechniqueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Technique.Status.PUBLISHED)

    def with_slug(self, value):
        """The technique with this slug, as a form or a query string sent it: anything that
        is not a slug (NUL bytes, 10,000 characters) finds nothing rather than an error."""
        value = str(value or "")
        if len(value) > self.model._meta.get_field("slug").max_length or not SLUG.fullmatch(value):
            return self.none()
        return self.filter(slug=value)

    def with_lists(self):
        """Everything a card or a detail page shows, in a fixed number of queries."""
        return self.select_related("progression").prefetch_related(
            "regions", "actions", "equipment"
        )


class Technique(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=160)
    summary = models.CharField(_("one-line summary"), max_length=240)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("body regions"), related_name="techniques"
    )
    tissues = models.JSONField(_("target tissues"), default=list, blank=True)
    actions = models.ManyToManyField(Action, verbose_name=_("actions"), related_name="techniques")
    equipment = models.ManyToManyField(
        Equipment, verbose_name=_("equipment"), related_name="techniques"
    )
    position = models.CharField(_("position"), max_length=12, choices=Position.choices)
    duration_seconds = models.PositiveIntegerField(
        _("default duration (seconds)"),
        validators=[MinValueValidator(5), MaxValueValidator(MAX_STEP_SECONDS)],
        help_text=_("Per side when the technique is done on each side."),
    )
    per_side = models.BooleanField(_("done on each side"), default=False)
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.BEGINNER
    )
    intensity = models.CharField(
        _("intensity"), max_length=10, choices=Intensity.choices, default=Intensity.GENTLE
    )
    instructions = models.JSONField(_("instructions"), default=list)
    cues = models.JSONField(_("teaching cues"), default=list)
    mistakes = models.JSONField(_("common mistakes"), default=list, blank=True)
    cautions = models.JSONField(_("cautions"), default=list, blank=True)
    contraindications = models.JSONField(_("contraindications"), default=list, blank=True)
    # What it helps with: conditions, goals and people ("plantar fasciitis", "runners",
    # "before sleep"), searched with the name and the tissues.
    indications = models.JSONField(_("helps with"), default=list, blank=True)
    # Whether it suits pregnancy (per trimester), osteoporosis and clot risk: see
    # suitability_errors for the shape; filters and the plan checks read it.
    suitability = models.JSONField(_("suits"), default=dict, blank=True)
    progression = models.ForeignKey(
        Progression,
        verbose_name=_("progression"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="techniques",
    )
    progression_level = models.PositiveSmallIntegerField(
        _("level in progression"), null=True, blank=True
    )
    image = models.ImageField(_("image"), upload_to="techniques/", blank=True)
    image_end = models.ImageField(
        _("end position photo"),
        upload_to="techniques/",
        blank=True,
        help_text=_("Optional: where the movement ends, beside the start photo."),
    )
    # Ordered places within the technique, each timed: [{"region": slug or "",
    # "instruction": text, "seconds": n}, …]; the player counts each one down.
    stations = models.JSONField(_("stations"), default=list, blank=True)
    video_url = models.URLField(_("video link"), blank=True)
    # The texts in other languages, English being the fields above: routines.translations.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_techniques",
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TechniqueQuerySet.as_manager()
    # The region slugs a station may name, when the caller knows them (validate_library sets
    # the file's and the database's); None reads them from the database.
    station_regions = None
    # The technique's own regions as the caller is about to save them (the curation form's
    # choice, a library file's entry); None reads the saved ones.
    own_regions = None

    class Meta:
        ordering = ["name"]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")
        constraints = [
            models.UniqueConstraint(
                fields=["progression", "progression_level"], name="unique_level_per_progression"
            ),
            models.CheckConstraint(
                condition=Q(progression__isnull=True, progression_level__isnull=True)
                | Q(progression__isnull=False, progression_level__gte=1),
                name="progression_and_level_together",
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__gte=5, duration_seconds__lte=MAX_STEP_SECONDS),
                name="technique_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return text(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("routines:technique-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean_fields(self, exclude=None):
        """Each field's own checks, and the stations' (station_errors: they need the
        regions), unless the caller leaves the stations out (a form that does not edit them,
        or one where they were already refused)."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, check in (
            ("indications", indication_errors),
            ("suitability", suitability_errors),
            ("translations", technique_translation_errors),
        ):
            if name not in (exclude or ()) and name not in errors:
                problems = check(getattr(self, name))
                if problems:
                    errors[name] = problems
        if "stations" not in (exclude or ()) and "stations" not in errors:
            stations = station_errors(
                self.stations,
                region_slugs=self.station_region_slugs(),
                own=self.station_own_regions(),
            )
            if stations:
                errors["stations"] = stations
        if errors:
            raise ValidationError(errors)

    def clean(self):
        # On a progression's ladder with a level, or on none (the constraint, said kindly).
        if self.progression is not None and not self.progression_level:
            raise ValidationError(
                {"progression_level": _("Give the level within the progression.")}
            )
        if self.progression_level and self.progression is None:
            raise ValidationError(
                {"progression": _("Choose the progression this level belongs to.")}
            )

    def station_own_regions(self) -> set[str] | None:
        """The regions a station may name: the technique's own (see station_errors). None
        for a technique not saved yet that nobody said the regions of."""
        if self.own_regions is not None:
            return set(self.own_regions)
        if self.pk is None:
            return None
        return set(self.regions.values_list("slug", flat=True))

    def station_region_slugs(self) -> set[str]:
        """The regions a station may name: `station_regions` where the caller knows them
        (a library file's own regions with the database's), else the database's. No query
        when no station names a region."""
        if self.station_regions is not None:
            return set(self.station_regions)
        named = {
            s.get("region")
            for s in (self.stations if isinstance(self.stations, list) else [])
            if isinstance(s, dict) and isinstance(s.get("region"), str) and s.get("region")
        }
        if not named:
            return set()
        return set(Region.objects.filter(slug__in=named).values_list("slug", flat=True))

    def suits(self) -> dict[str, str]:
        """What it states it suits, as flat keys: {"pregnancy-first": "yes", …}."""
        return flat_suitability(self.suitability)

    def suitability_rows(self) -> list[tuple[str, str, str]]:
        """(condition, code, what it says) for each condition, in a fixed order, for pages:
        code is "yes", "care", "no" or "" (not stated)."""
        stated = self.suits()
        labels = {
            **{
                f"pregnancy-{t}": _("Pregnancy, %(trimester)s") % {"trimester": TRIMESTER_NAMES[t]}
                for t in TRIMESTERS
            },
            "osteoporosis": SUITABILITY_CONDITIONS["osteoporosis"],
            "clot_risk": SUITABILITY_CONDITIONS["clot_risk"],
        }
        rows = []
        for key in SUITABILITY_KEYS:
            code = stated.get(key, "")
            said = Suits(code).label if code else _("Not stated")
            rows.append((str(labels[key]), code, str(said)))
        return rows

    def unsuited(self) -> frozenset[str]:
        """The conditions it must not be done with (stated "no"), as flat keys."""
        return frozenset(key for key, value in self.suits().items() if value == Suits.NO)


class SearchSynonym(models.Model):
    """A word or phrase people search with, and the library's words it means: "IT band" →
    "iliotibial band", "outer thigh"; "épaule" → "shoulder". Kept by curators; shipped with
    the starter library. A meaning may be another synonym's term (followed, never in a
    loop) or words that occur in the library: routines.search.synonym_problems."""

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        FRENCH = "fr", "Français"

    term = models.CharField(_("term"), max_length=80)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    means = models.JSONField(
        _("means"),
        default=list,
        help_text=_("One phrase per line: words of the library, or another synonym's term."),
    )

    class Meta:
        ordering = ["term", "language"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="unique_synonym_term")
        ]

    def __str__(self) -> str:
        return f"{self.term} → {', '.join(self.means)}"


class TechniqueRevision(models.Model):
    """One recorded change to a technique: who, when, what changed, and the full state after."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        IMPORTED = "imported", _("Imported")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned with a comment")
        RETIRED = "retired", _("Retired")
        RESTORED = "restored", _("Restored an earlier version")
        PROPOSAL_APPROVED = "proposal", _("Proposed edit approved")

    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # {field: [before, after]} in exchange-format values.
    changes = models.JSONField(default=dict, blank=True)
    # The whole technique after the change, in the exchange format: what "restore" brings back.
    snapshot = models.JSONField(default=dict)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("technique revision")
        verbose_name_plural = _("technique revisions")

    def __str__(self) -> str:
        return f"{self.technique} · {self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class EditProposal(models.Model):
    """A teacher's proposed edit to a published technique, waiting for a curator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with a comment")

    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="technique_proposals"
    )
    data = models.JSONField(help_text="The proposed technique in the exchange format.")
    note = models.TextField(_("note to the curator"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed edit")
        verbose_name_plural = _("proposed edits")

    def __str__(self) -> str:
        return f"{self.technique} · {self.author} · {self.get_status_display()}"


class Routine(models.Model):
    """An ordered sequence of steps, grouped in sections: a class plan's draft or a home routine."""

    transition_seconds = models.PositiveSmallIntegerField(
        _("transition time per step (seconds)"),
        default=0,
        validators=[MaxValueValidator(300)],
        help_text=_("Time to change position or equipment between steps."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("routine")
        verbose_name_plural = _("routines")

    def __str__(self) -> str:
        return _("Routine %(pk)s") % {"pk": self.pk}


class Section(models.Model):
    class Default(models.TextChoices):
        ARRIVE = "arrive", _("Arrive and assess")
        WARM_UP = "warm-up", _("Warm-up")
        MAIN = "main", _("Main work")
        INTEGRATION = "integration", _("Integration")
        REST = "rest", _("Rest")

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["routine", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the active language where it is still a default one (stored in
        English, as plans are created): "Warm-up" reads "Échauffement" in French."""
        return default_section_title(self.title)


def default_section_title(title: str) -> str:
    """A section title in the active language if it is one of the default titles in English;
    otherwise the title as the teacher wrote it."""
    label = _english_section_defaults().get(title)
    return str(label) if label is not None else title


@lru_cache(maxsize=1)
def _english_section_defaults() -> dict:
    with translation.override("en"):
        return {str(label): label for label in Section.Default.labels}


class Side(models.TextChoices):
    BOTH = "both", _("Both sides together")
    EACH = "each", _("Each side")
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")


class StepQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed=False)


class Step(models.Model):
    class Kind(models.TextChoices):
        TECHNIQUE = "technique", _("Technique")
        # A named exercise of the teacher's own (Pilates, a stretch): its title is its name,
        # its text its instructions, one per line. Timed, sided, printed and played like a
        # technique step, but no technique: the checks and the body map do not count it.
        EXERCISE = "exercise", _("Exercise")
        ASSESSMENT = "assessment", _("Assessment")
        REST = "rest", _("Rest / down-regulation")
        TALK = "talk", _("Talk")

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TECHNIQUE)
    # A technique used by any routine cannot be deleted, only retired.
    technique = models.ForeignKey(
        Technique, null=True, blank=True, on_delete=models.PROTECT, related_name="steps"
    )
    title = models.CharField(_("title"), max_length=160, blank=True)
    text = models.TextField(_("what to say or do"), blank=True)
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        validators=[MinValueValidator(5), MaxValueValidator(MAX_STEP_SECONDS)],
        help_text=_("Per side for each-side steps."),
    )
    side = models.CharField(_("side"), max_length=5, choices=Side.choices, default=Side.BOTH)
    cue = models.TextField(_("cue for this class"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # A removed step stays until the removal can no longer be undone.
    removed = models.BooleanField(default=False)

    objects = StepQuerySet.as_manager()

    class Meta:
        ordering = ["routine", "position", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="technique", technique__isnull=False)
                | (~Q(kind="technique") & Q(technique__isnull=True)),
                name="step_technique_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(duration_seconds__gte=5, duration_seconds__lte=MAX_STEP_SECONDS),
                name="step_duration_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """The step's name in the active language (a technique's translated name)."""
        if self.technique_id:
            return text(self.technique, "name")
        return self.title or self.get_kind_display()

    @property
    def total_seconds(self) -> int:
        """Time on the clock: each-side steps are done twice."""
        return self.duration_seconds * (2 if self.side == Side.EACH else 1)


def routine_total_seconds(routine: Routine, steps) -> int:
    """The routine's length: every step (each-side ones twice) plus a transition per step."""
    steps = list(steps)
    return sum(step.total_seconds for step in steps) + routine.transition_seconds * len(steps)
