"""Starter plans (curated templates): loaded from classes/library/starter_plans.json."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from routines.models import Step, Technique

from . import services
from .models import ClassPlan

STARTER_PLANS = Path(settings.BASE_DIR) / "classes" / "library" / "starter_plans.json"


@transaction.atomic
def load_starter_plans(path: Path = STARTER_PLANS) -> dict[str, list[str]]:
    """Create the starter plans that do not exist yet (by slug) and publish them as version 1.

    Existing starter plans are left alone: curators may have edited them since.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    techniques = {t.slug: t for t in Technique.objects.published()}
    report = {"created": [], "unchanged": []}
    for entry in data["plans"]:
        if ClassPlan.objects.filter(slug=entry["slug"]).exists():
            report["unchanged"].append(entry["slug"])
            continue
        plan = services.plan_create(
            owner=None,
            is_template=True,
            slug=entry["slug"],
            title=entry["title"],
            focus=entry["focus"],
            level=entry["level"],
            target_minutes=entry["target_minutes"],
            notes=entry["notes"],
            purpose=entry.get("purpose", ClassPlan.Purpose.CLASS),
            transition_seconds=entry["transition_seconds"],
            sections=[section["title"] for section in entry["sections"]],
        )
        sections = list(plan.routine.sections.order_by("position"))
        for section, section_data in zip(sections, entry["sections"], strict=True):
            Step.objects.bulk_create(
                Step(
                    routine=plan.routine,
                    section=section,
                    position=i,
                    kind=step["kind"],
                    technique=techniques[step["technique"]] if step["technique"] else None,
                    title=step["title"],
                    text=step["text"],
                    duration_seconds=step["duration_seconds"],
                    side=step["side"],
                    cue=step["cue"],
                )
                for i, step in enumerate(section_data["steps"], start=1)
            )
        plan.refresh_from_db()
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        report["created"].append(entry["slug"])
    return report
