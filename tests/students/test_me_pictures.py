import pytest
from django.utils import timezone

from classes import services
from students.models import Student
from tests.factories import TechniqueFactory, make_plan


@pytest.mark.django_db
def test_each_routine_card_shows_the_pictures_of_its_first_techniques(client, teacher, student):
    techniques = [TechniqueFactory(name=f"Technique {n}") for n in range(5)]
    plan = make_plan(teacher, techniques=techniques, purpose="homework")
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    entry = Student.objects.create(teacher=teacher, name="Sam", account=student)
    services.homework_assign(
        students=[entry], version=version, frequency="daily", starts_on=timezone.localdate()
    )
    client.force_login(student)
    page = client.get("/me/").content.decode()
    card = page[page.index("routine-pictures") :]
    card = card[: card.index("</div>")]
    assert card.count('class="technique-picture') == 3
    assert card.count('role="img" aria-label="') == 3


@pytest.mark.django_db
def test_a_routine_whose_steps_change_shows_its_new_pictures(client, teacher, student):
    plan = make_plan(teacher, techniques=[TechniqueFactory(name="Calf roll")], purpose="homework")
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    entry = Student.objects.create(teacher=teacher, name="Sam", account=student)
    (assignment,) = services.homework_assign(
        students=[entry], version=version, frequency="daily", starts_on=timezone.localdate()
    )
    client.force_login(student)
    assert "routine-pictures" in client.get("/me/").content.decode()
    assignment.snapshot = {**assignment.snapshot, "sections": []}  # as a pushed update does
    assignment.save()
    assert "routine-pictures" not in client.get("/me/").content.decode()
