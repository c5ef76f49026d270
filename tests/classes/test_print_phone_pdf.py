"""A long plan's PDF has no orphan last page, on A4 or on US Letter (issue 15, part 3).

An orphan page is a last page that holds only a few lines run over from the page before:
the issue found a fourth Letter page with six stray bullets. The criterion, read from the
PDF itself with pypdf: the last page's text reaches at least a third of the way down the
page, and it holds at least twelve lines of text besides the page number."""

import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from classes import pdf as pdf_module
from classes import services
from classes.pdf import version_pdf, version_pdf_context
from routines.models import Side, Step
from tests.factories import EquipmentFactory, RegionFactory, TechniqueFactory

MIN_FILL = 1 / 3
MIN_LINES = 12

CUES = [
    "Let the arm dangle like a wet towel while the ball finds the ridge of the shoulder.",
    "Pressure around 5 or 6 out of 10: you can still breathe easily and talk.",
    "Small, slow sways only, as far as the ball stays beside the spine.",
]
CAUTION_SETS = [
    [
        "Pregnancy raises the risk of clots in the legs: keep calf work light, and leave it "
        "out if a calf is swollen, warm or painful.",
        "Varicose veins: do not roll over them.",
        "Keep off the back of the knee, where nerves and vessels run close to the surface.",
    ],
    [
        "Pregnancy raises the risk of clots in the legs: keep thigh work light, and leave it "
        "out if a leg is swollen, warm or painful.",
        "Open wounds, rashes, burns or a skin infection here: keep the ball off the area "
        "until the skin has healed.",
    ],
    [
        "Pregnancy raises the risk of clots in the legs: keep lower-leg work light, and leave "
        "it out if a leg is swollen, warm or painful.",
        "Open wounds, rashes, burns or a skin infection here: keep the roller off the area "
        "until the skin has healed.",
    ],
]

# Cautions that are not alike: each is printed, once.
DISTINCT = [
    "If the ball slides forward toward the collarbone, move it back onto the muscle.",
    "Never press on the front of the neck (throat and carotid arteries).",
    "Whiplash or acute neck injury: leave out neck work until a clinician has cleared it.",
    "Deep work around the shoulder blades can stir up emotion; pause or sit up any time.",
    "Do not roll directly on the spine; keep the ball to either side of it.",
    "Osteoporosis: no deep pressure over bone; use a softer ball and gentle load.",
    "Blood thinners or a bleeding disorder: keep the pressure light, stop if bruises appear.",
    "A rib fracture in the last three months: keep off the ribs until a clinician clears it.",
    "Fever or an infection, or skin here that is hot, red or swollen: skip this for now.",
    "Dizziness, visual changes or nausea with neck movement: stop, and have it checked.",
    "Lymph nodes removed from the neck: leave side-of-neck work out unless cleared.",
    "Many people with tension headaches find this soothing; stop if a headache gets worse.",
    "Keep out of the armpit, where nerves and lymph nodes lie close to the surface.",
    "Breast implants or recent breast surgery: avoid pressure on the chest.",
    "Hernia (abdominal, umbilical or inguinal): do not press a ball into the belly.",
    "Wait at least an hour after a meal before belly work, and come up slowly.",
    "Stay out of the groin crease, where the main artery, vein and nerve run.",
    "Hip replacement: ask your surgeon or physio before crossing the ankle over the knee.",
    "Poor balance or a history of falls: do this sitting on a chair rather than standing.",
    "With reduced sensation in the feet, keep the pressure light and check the skin after.",
    "A known or suspected stress fracture: no rolling here until a clinician has cleared it.",
    "The sciatic nerve runs close by: electric or burning sensations mean move the ball.",
    "Stiff or sore knees may not tolerate deep kneeling; sit back only part of the way.",
    "If lying face down strains the low back, place a folded blanket under the belly.",
]


def long_plan(owner, *, steps=36, techniques=12, notes=3):
    """A published plan as a teacher writes one: real-length names, cues and cautions,
    steps spread over the five sections, a note on some steps, and the plan's notes."""
    regions = [RegionFactory(slug=f"region-{i}", name=f"Region {i}") for i in range(4)]
    equipment = EquipmentFactory(slug="tote", name="Pair of therapy balls in a tote")
    library = [
        TechniqueFactory(
            name=f"Upper trapezius pin on the tote with arm reaches, variation {i + 1}",
            per_side=bool(i % 2),
            cues=CUES,
            regions=[regions[i % 4]],
            equipment=[equipment],
            cautions=[*CAUTION_SETS[i % 3], DISTINCT[(2 * i) % len(DISTINCT)]],
            contraindications=[
                "Recent injury or surgery: stay away from the site until it is cleared by a "
                "clinician.",
                DISTINCT[(2 * i + 1) % len(DISTINCT)],
            ],
        )
        for i in range(techniques)
    ]
    plan = services.plan_create(
        owner=owner,
        title="Thirty-six steps: the whole body, slowly",
        focus="Upper back and neck after computer work",
        notes=(
            "Each student needs a tote with two therapy balls, a yoga block and a clear "
            "patch of wall. Ask about neck injuries, whiplash and arm symptoms before class. "
            * notes
        ),
    )
    sections = list(plan.routine.sections.all())
    Step.objects.bulk_create(
        Step(
            routine=plan.routine,
            section=sections[min(i * len(sections) // steps, len(sections) - 1)],
            position=i,
            technique=library[i % techniques],
            duration_seconds=60 + 30 * (i % 3),
            side=Side.EACH if i % 2 else Side.BOTH,
            note="First-timers keep their hips on the floor: no bridge." if i % 4 == 0 else "",
        )
        for i in range(steps)
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan


def page_lines(page) -> list[tuple[float, str]]:
    """(distance from the top of the page in points, text) for each line of text."""
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            # The text matrix's origin, through the current transformation matrix.
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((round(height - y, 1), text.strip()))

    page.extract_text(visitor_text=visit)
    lines = {}
    for top, text in found:
        lines.setdefault(top, []).append(text)
    return sorted((top, " ".join(parts)) for top, parts in lines.items())


def orphan_report(pdf: bytes) -> dict:
    reader = PdfReader(io.BytesIO(pdf))
    last = reader.pages[-1]
    height = float(last.mediabox.height)
    total = len(reader.pages)
    # The page number, bottom right ("4 / 4"), is not content.
    lines = [
        (top, text) for top, text in page_lines(last) if text.replace(" ", "") != f"{total}/{total}"
    ]
    return {
        "pages": total,
        "lines": len(lines),
        "fill": max((top for top, _ in lines), default=0) / height,
        "text": [text for _, text in lines],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("techniques", [6, 12])
def test_a_36_step_plan_has_no_orphan_last_page(teacher, paper, techniques):
    """Two plans of 36 steps whose cautions lists differ in length, so the list runs over
    a page break at a different place. Before issue 15 their A4 PDFs ended on a last page
    of 8 lines (15% of the page) and of 20 lines (32%)."""
    version = long_plan(teacher, techniques=techniques).versions.get()
    field, created = version_pdf(version, paper)
    assert created
    with field.open("rb") as stored:
        report = orphan_report(stored.read())
    assert report["pages"] > 1
    assert report["fill"] >= MIN_FILL, report
    assert report["lines"] >= MIN_LINES, report


def test_the_orphan_criterion_tells_a_few_stray_lines_from_a_page():
    """The measure itself: a page and a few lines is an orphan, two full pages are not."""

    def pdf(lines: int) -> bytes:
        body = "".join(f"<p>Line {i} of the cautions list.</p>" for i in range(lines))
        return HTML(string=f"<html><body style='font-size: 10pt'>{body}</body></html>").write_pdf()

    per_page = len(page_lines(PdfReader(io.BytesIO(pdf(200))).pages[0]))  # a full page
    stray = orphan_report(pdf(per_page + 6))
    assert stray["pages"] == 2 and stray["lines"] == 6 and stray["fill"] < MIN_FILL
    full = orphan_report(pdf(2 * per_page - 2))
    assert full["pages"] == 2 and full["fill"] > MIN_FILL and full["lines"] >= MIN_LINES


@pytest.mark.django_db
def test_a_plan_that_fits_on_one_page_is_rendered_once(teacher, monkeypatch):
    """The fallback layouts cost a render each only when the last page is an orphan."""
    version = long_plan(teacher, steps=1, techniques=1, notes=0).versions.get()
    layouts = []
    real = pdf_module.printing.render_to_string

    def capture(template, context):
        layouts.append(context["pdf_layout"])
        return real(template, context)

    monkeypatch.setattr(pdf_module.printing, "render_to_string", capture)
    pdf = pdf_module.render_pdf(version_pdf_context(version, "a4"))
    assert PdfReader(io.BytesIO(pdf)).pages and layouts == [""]
