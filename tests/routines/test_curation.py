import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from routines.models import EditProposal, Technique, TechniqueRevision
from tests.factories import TechniqueFactory


def form_data(vocab, **overrides):
    data = {
        "name": "Shoulder blade pin at the wall",
        "summary": "Pin the inner edge of the shoulder blade against a wall.",
        "regions": [vocab["region"].pk],
        "tissues": "rhomboids\nmiddle trapezius",
        "actions": [vocab["action"].pk],
        "equipment": [vocab["equipment"].pk],
        "position": "wall",
        "duration_seconds": "90",
        "per_side": "on",
        "level": "beginner",
        "intensity": "gentle",
        "instructions": (
            "Stand with your back to the wall.\n"
            "Place the ball beside the shoulder blade.\n"
            "Lean in and breathe."
        ),
        "cues": "Let the ball sink in.\nKeep breathing.",
        "mistakes": "Rolling on the spine.",
        "cautions": "",
        "contraindications": "Recent injury or surgery: stay away from the site.",
        "progression": "",
        "progression_level": "",
        "video_url": "",
    }
    data.update(overrides)
    return data


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
class TestCuratorEditing:
    def test_curator_creates_and_publishes_a_technique(self, client, curator, vocab):
        client.force_login(curator)
        response = client.post("/curate/new/", {**form_data(vocab), "publish": "1"})
        technique = Technique.objects.get(slug="shoulder-blade-pin-at-the-wall")
        assert response.status_code == 302 and response.url == technique.get_absolute_url()
        assert technique.status == Technique.Status.PUBLISHED
        assert technique.tissues == ["rhomboids", "middle trapezius"]
        assert len(technique.instructions) == 3
        assert [r.name for r in technique.regions.all()] == ["Upper back"]
        revision = technique.revisions.get()
        assert revision.kind == TechniqueRevision.Kind.CREATED and revision.author == curator

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("instructions", "Only one step.", "Give at least 3"),
            ("cues", "", "This field is required"),
            ("duration_seconds", "0", "greater than or equal to 5"),
            ("duration_seconds", "5000", "less than or equal to 1800"),
            ("duration_seconds", "ten", "Enter a whole number"),
            ("regions", [], "This field is required"),
            ("name", "x" * 300, "at most 160 characters"),
        ],
    )
    def test_bad_input_is_refused_beside_the_field(
        self, client, curator, vocab, field, value, message
    ):
        client.force_login(curator)
        response = client.post("/curate/new/", {**form_data(vocab), field: value})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Technique.objects.exists()

    def test_a_close_name_warns_and_names_the_existing_technique(self, client, curator, vocab):
        TechniqueFactory(name="Shoulder blade pin at a wall")
        client.force_login(curator)
        response = client.post("/curate/new/", form_data(vocab))
        body = response.content.decode()
        assert response.status_code == 200
        assert "close to an existing technique" in body and "Shoulder blade pin at a wall" in body
        assert Technique.objects.count() == 1
        confirmed = client.post("/curate/new/", {**form_data(vocab), "confirm_distinct": "on"})
        assert confirmed.status_code == 302
        assert Technique.objects.count() == 2

    def test_image_upload_is_stored(self, client, curator, vocab):
        client.force_login(curator)
        image = SimpleUploadedFile("pin.png", png_bytes(), content_type="image/png")
        client.post("/curate/new/", {**form_data(vocab), "image": image})
        technique = Technique.objects.get()
        assert technique.image.name.startswith("techniques/shoulder-blade-pin-at-the-wall-")
        assert technique.image.storage.exists(technique.image.name)

    def test_a_file_that_is_not_an_image_is_refused(self, client, curator, vocab):
        client.force_login(curator)
        fake = SimpleUploadedFile("notes.png", b"%PDF-1.4 not an image", content_type="image/png")
        response = client.post("/curate/new/", {**form_data(vocab), "image": fake})
        assert "Upload a valid image" in response.content.decode()
        assert not Technique.objects.exists()

    def test_a_20_mb_image_is_refused(self, client, curator, vocab):
        client.force_login(curator)
        big = png_bytes() + b"\0" * (20 * 1024 * 1024)  # a valid PNG header, padded to 20 MB
        upload = SimpleUploadedFile("huge.png", big, content_type="image/png")
        response = client.post("/curate/new/", {**form_data(vocab), "image": upload})
        assert "the limit is 5 MB" in response.content.decode()
        assert not Technique.objects.exists()

    def test_edit_records_who_changed_which_fields(self, client, curator, vocab):
        technique = TechniqueFactory(
            regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
        )
        client.force_login(curator)
        page = client.get(f"/curate/{technique.slug}/edit/")
        version = page.context["form"]["version"].value()
        response = client.post(
            f"/curate/{technique.slug}/edit/",
            form_data(vocab, name=technique.name, summary="A clearer summary.", version=version),
        )
        assert response.status_code == 302
        technique.refresh_from_db()
        assert technique.summary == "A clearer summary."
        revision = technique.revisions.first()
        assert revision.author == curator
        assert revision.changes["summary"] == [
            "A short summary of the technique.",
            "A clearer summary.",
        ]

    def test_a_stale_save_is_refused_and_nothing_is_lost(self, client, curator, vocab):
        technique = TechniqueFactory(
            regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
        )
        client.force_login(curator)
        stale_version = (
            client.get(f"/curate/{technique.slug}/edit/").context["form"]["version"].value()
        )
        # Meanwhile, in another tab:
        fresh_version = (
            client.get(f"/curate/{technique.slug}/edit/").context["form"]["version"].value()
        )
        client.post(
            f"/curate/{technique.slug}/edit/",
            form_data(vocab, name=technique.name, summary="Saved first.", version=fresh_version),
        )
        response = client.post(
            f"/curate/{technique.slug}/edit/",
            form_data(
                vocab, name=technique.name, summary="Typed in the old tab.", version=stale_version
            ),
        )
        assert response.status_code == 409  # refused as stale, like the plan builder
        body = response.content.decode()
        assert "Someone else changed this technique" in body
        assert "Typed in the old tab." in body  # the user's text is still in the form
        technique.refresh_from_db()
        assert technique.summary == "Saved first."

    def test_history_and_restore(self, client, curator, vocab):
        technique = TechniqueFactory(
            regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
        )
        client.force_login(curator)
        for summary in ["First wording.", "Second wording."]:
            version = (
                client.get(f"/curate/{technique.slug}/edit/").context["form"]["version"].value()
            )
            client.post(
                f"/curate/{technique.slug}/edit/",
                form_data(vocab, name=technique.name, summary=summary, version=version),
            )
        history = client.get(f"/curate/{technique.slug}/history/")
        assert "First wording." in history.content.decode()
        first = technique.revisions.get(changes__summary__1="First wording.")
        response = client.post(f"/curate/{technique.slug}/restore/{first.pk}/")
        assert response.status_code == 302
        technique.refresh_from_db()
        assert technique.summary == "First wording."
        assert technique.revisions.first().kind == TechniqueRevision.Kind.RESTORED

    def test_retire_takes_a_technique_out_of_search(self, client, curator):
        technique = TechniqueFactory(name="Calf sweep")
        client.force_login(curator)
        client.post(f"/curate/{technique.slug}/status/", {"action": "retire"})
        technique.refresh_from_db()
        assert technique.status == Technique.Status.RETIRED
        client.logout()
        listed = client.get("/library/", {"q": "calf"}).context["page"].object_list
        assert technique not in listed

    def test_an_unused_technique_can_be_deleted(self, client, curator):
        technique = TechniqueFactory()
        client.force_login(curator)
        response = client.post(f"/curate/{technique.slug}/delete/")
        assert response.status_code == 302
        assert not Technique.objects.filter(pk=technique.pk).exists()

    def test_unknown_status_action_changes_nothing(self, client, curator):
        technique = TechniqueFactory()
        client.force_login(curator)
        client.post(f"/curate/{technique.slug}/status/", {"action": "explode"})
        technique.refresh_from_db()
        assert technique.status == Technique.Status.PUBLISHED


@pytest.mark.django_db
class TestReviewWorkflow:
    def test_teacher_submission_waits_then_is_published_by_a_curator(
        self, client, teacher, curator, vocab
    ):
        client.force_login(teacher)
        response = client.post("/library/submissions/new/", form_data(vocab))
        assert response.status_code == 302
        technique = Technique.objects.get()
        assert technique.status == Technique.Status.SUBMITTED and technique.author == teacher
        client.logout()
        assert client.get(technique.get_absolute_url()).status_code == 404
        client.force_login(curator)
        assert technique.name in client.get("/curate/").content.decode()
        client.post(f"/curate/{technique.slug}/status/", {"action": "publish", "next": "queue"})
        technique.refresh_from_db()
        assert technique.status == Technique.Status.PUBLISHED
        client.logout()
        assert client.get(technique.get_absolute_url()).status_code == 200

    def test_returned_submission_shows_the_comment_and_can_be_sent_again(
        self, client, teacher, curator, vocab
    ):
        client.force_login(teacher)
        client.post("/library/submissions/new/", form_data(vocab))
        technique = Technique.objects.get()
        client.force_login(curator)
        refused = client.post(
            f"/curate/{technique.slug}/status/", {"action": "return", "comment": ""}
        )
        assert refused.status_code == 302
        technique.refresh_from_db()
        assert technique.status == Technique.Status.SUBMITTED  # a return needs a comment
        client.post(
            f"/curate/{technique.slug}/status/",
            {"action": "return", "comment": "Add a cue about breath."},
        )
        technique.refresh_from_db()
        assert technique.status == Technique.Status.DRAFT
        client.force_login(teacher)
        assert "Add a cue about breath." in client.get("/library/submissions/").content.decode()
        version = (
            client.get(f"/library/submissions/{technique.slug}/edit/")
            .context["form"]["version"]
            .value()
        )
        client.post(
            f"/library/submissions/{technique.slug}/edit/",
            form_data(vocab, cues="Breathe out as you lean.\nLet the ball sink.", version=version),
        )
        technique.refresh_from_db()
        assert technique.status == Technique.Status.SUBMITTED

    def test_proposed_edit_changes_nothing_until_approved(self, client, teacher, curator, vocab):
        technique = TechniqueFactory(
            regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
        )
        client.force_login(teacher)
        response = client.post(
            f"/library/{technique.slug}/propose/",
            form_data(
                vocab,
                name=technique.name,
                summary="Proposed summary.",
                note="Clearer.",
                version=technique.updated_at.isoformat(),
            ),
        )
        assert response.status_code == 302
        proposal = EditProposal.objects.get()
        technique.refresh_from_db()
        assert technique.summary == "A short summary of the technique."
        client.force_login(curator)
        review = client.get(f"/curate/proposals/{proposal.pk}/")
        assert "Proposed summary." in review.content.decode()
        client.post(f"/curate/proposals/{proposal.pk}/", {"decision": "approve"})
        technique.refresh_from_db()
        proposal.refresh_from_db()
        assert technique.summary == "Proposed summary."
        assert proposal.status == EditProposal.Status.APPROVED
        assert technique.revisions.first().kind == TechniqueRevision.Kind.PROPOSAL_APPROVED

    def test_returned_proposal_needs_a_comment_and_shows_it(self, client, teacher, curator, vocab):
        technique = TechniqueFactory(
            regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
        )
        proposal = EditProposal.objects.create(
            technique=technique, author=teacher, data={"summary": "Hmm."}
        )
        client.force_login(curator)
        response = client.post(
            f"/curate/proposals/{proposal.pk}/", {"decision": "return", "comment": ""}
        )
        assert "Say what needs to change" in response.content.decode()
        client.post(
            f"/curate/proposals/{proposal.pk}/", {"decision": "return", "comment": "Too vague."}
        )
        proposal.refresh_from_db()
        assert proposal.status == EditProposal.Status.RETURNED
        client.force_login(teacher)
        assert "Too vague." in client.get("/library/submissions/").content.decode()
        technique.refresh_from_db()
        assert technique.summary == "A short summary of the technique."

    def test_a_teacher_cannot_edit_another_teachers_submission(
        self, client, teacher, other_teacher, vocab
    ):
        technique = TechniqueFactory(status=Technique.Status.SUBMITTED, author=teacher)
        client.force_login(other_teacher)
        response = client.post(f"/library/submissions/{technique.slug}/edit/", form_data(vocab))
        assert response.status_code == 404
        technique.refresh_from_db()
        assert technique.status == Technique.Status.SUBMITTED


@pytest.mark.django_db
def test_a_technique_a_routine_uses_cannot_be_deleted_only_retired(client, curator, teacher):
    from tests.factories import make_plan

    technique = TechniqueFactory(name="Used roll")
    make_plan(teacher, techniques=[technique])
    client.force_login(curator)
    response = client.post(f"/curate/{technique.slug}/delete/", follow=True)
    assert "is used in routines, so it cannot be deleted" in response.content.decode()
    assert Technique.objects.filter(pk=technique.pk).exists()
    client.post(f"/curate/{technique.slug}/status/", {"action": "retire"})
    technique.refresh_from_db()
    assert technique.status == Technique.Status.RETIRED
