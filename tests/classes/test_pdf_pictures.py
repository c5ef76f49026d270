"""A plan's PDF carries a picture beside each technique step (issue 13)."""

import pytest

from classes.pdf import version_pdf_context
from routines import printing
from tests.classes.test_publishing import plan_with_steps


@pytest.mark.django_db
def test_a_36_step_pdf_has_a_picture_per_technique_step(teacher, monkeypatch):
    plan = plan_with_steps(teacher, 36)
    version = plan.versions.get()
    rendered = []
    real = printing.render_to_string

    def capture(template, context):
        html = real(template, context)
        rendered.append(html)
        return html

    monkeypatch.setattr(printing, "render_to_string", capture)
    pdf = printing.render_pdf(version_pdf_context(version, "a4"))
    assert pdf.startswith(b"%PDF")
    [html] = rendered
    steps = [s for section in version.snapshot["sections"] for s in section["steps"]]
    assert len(steps) == 36 and all(step["technique"] for step in steps)
    assert html.count('class="step-picture"') == 36
    assert html.count('class="technique-picture') == 36
