"""Issue 18, part 3: curators edit a technique's French beside its English in the curation
form; the French reaches technique_apply (so the revision history records it), and teachers'
proposed edits carry it too."""

import pytest
from django import forms

from routines.models import EditProposal, Technique, TechniqueRevision
from tests.factories import ActionFactory, EquipmentFactory, RegionFactory, TechniqueFactory

INSTRUCTIONS_FR = "Placez la balle.\nPenchez-vous.\nRespirez."


@pytest.fixture
def technique(db):
    return TechniqueFactory(
        regions=[RegionFactory(slug="upper-back", name="Upper back")],
        actions=[ActionFactory(slug="pin", name="Pin")],
        equipment=[EquipmentFactory(slug="therapy-ball", name="Therapy ball")],
        translations={"fr": {"name": "Épinglage du haut du dos"}},
    )


def edit_url(technique) -> str:
    return f"/curate/{technique.slug}/edit/"


def page_data(client, url: str, **changes) -> dict:
    """What the form page posts when nothing is touched, with `changes` typed in."""
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def state(technique) -> tuple:
    technique.refresh_from_db()
    return technique.translations, technique.summary, technique.revisions.count()


@pytest.mark.django_db
class TestCuratorTranslates:
    def test_french_summary_and_instructions_are_saved_with_a_revision(
        self, client, curator, technique
    ):
        client.force_login(curator)
        data = page_data(
            client,
            edit_url(technique),
            summary_fr="Un résumé en français.",
            instructions_fr=INSTRUCTIONS_FR,
        )
        response = client.post(edit_url(technique), data)
        assert response.status_code == 302
        technique.refresh_from_db()
        assert technique.translations == {
            "fr": {
                "name": "Épinglage du haut du dos",
                "summary": "Un résumé en français.",
                "instructions": ["Placez la balle.", "Penchez-vous.", "Respirez."],
            }
        }
        revision = technique.revisions.first()
        assert revision.author == curator
        assert revision.snapshot["translations"] == technique.translations
        before, after = revision.changes["translations"]
        assert before == {"fr": {"name": "Épinglage du haut du dos"}}
        assert after["fr"]["instructions"] == ["Placez la balle.", "Penchez-vous.", "Respirez."]
        # The English stays as it was: the French is beside it, not instead of it.
        assert technique.summary == "A short summary of the technique."

    def test_the_history_shows_each_french_text_that_changed(self, client, curator, technique):
        client.force_login(curator)
        data = page_data(client, edit_url(technique), summary_fr="Un résumé.", name_fr="Nom")
        client.post(edit_url(technique), data)
        history = client.get(f"/curate/{technique.slug}/history/")
        shown = history.context["revisions"][0].shown_changes
        assert shown == {
            "name (fr)": ["Épinglage du haut du dos", "Nom"],
            "summary (fr)": [None, "Un résumé."],
        }
        assert "summary (fr)" in history.content.decode()

    def test_an_empty_french_field_drops_that_text_and_the_english_shows(
        self, client, curator, technique
    ):
        client.force_login(curator)
        data = page_data(client, edit_url(technique), name_fr="", summary_fr="Résumé.")
        assert client.post(edit_url(technique), data).status_code == 302
        technique.refresh_from_db()
        assert technique.translations == {"fr": {"summary": "Résumé."}}
        # The technique page, in French, shows the English name for want of a French one.
        page = client.get(technique.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
        assert technique.name in page.content.decode()

    def test_a_page_without_the_french_fields_keeps_the_stored_french(
        self, client, curator, technique
    ):
        client.force_login(curator)
        data = page_data(client, edit_url(technique), summary="A clearer summary.")
        data = {k: v for k, v in data.items() if not k.endswith("_fr")}
        assert client.post(edit_url(technique), data).status_code == 302
        technique.refresh_from_db()
        assert technique.summary == "A clearer summary."
        assert technique.translations == {"fr": {"name": "Épinglage du haut du dos"}}

    def test_an_untouched_form_records_no_revision(self, client, curator, technique):
        client.force_login(curator)
        before = technique.revisions.count()
        assert (
            client.post(edit_url(technique), page_data(client, edit_url(technique))).status_code
            == 302
        )
        assert technique.revisions.count() == before

    def test_french_indications_are_lowercased_like_the_english(self, client, curator, technique):
        Technique.objects.filter(pk=technique.pk).update(indications=["desk workers"])
        client.force_login(curator)
        data = page_data(client, edit_url(technique), indications_fr="Travail  de BUREAU")
        assert client.post(edit_url(technique), data).status_code == 302
        technique.refresh_from_db()
        assert technique.translations["fr"]["indications"] == ["travail de bureau"]

    def test_french_station_instructions_follow_the_stations(self, client, curator, technique):
        client.force_login(curator)
        data = page_data(
            client,
            edit_url(technique),
            stations="30 | Upper back | Roll across\n30 | | Breathe",
            stations_fr="Roulez en travers\nRespirez",
        )
        assert client.post(edit_url(technique), data).status_code == 302
        technique.refresh_from_db()
        assert technique.translations["fr"]["stations"] == ["Roulez en travers", "Respirez"]


@pytest.mark.django_db
class TestWrongLengths:
    @pytest.mark.parametrize(
        ("typed", "english", "french"),
        [
            ("Placez la balle.\nRespirez.", 3, 2),  # a step would be dropped
            (INSTRUCTIONS_FR + "\nEncore une.", 3, 4),
        ],
    )
    def test_a_french_list_of_another_length_is_refused_beside_it(
        self, client, curator, technique, typed, english, french
    ):
        client.force_login(curator)
        before = state(technique)
        data = page_data(client, edit_url(technique), summary_fr="Résumé.", instructions_fr=typed)
        response = client.post(edit_url(technique), data)
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["instructions_fr"] == [
            f"The English has {english} lines and this has {french}: give one line for each "
            "English line, in the same order, or leave this empty and the English shows."
        ]
        assert set(form.errors) == {"instructions_fr"}
        body = response.content.decode()
        assert f"The English has {english} lines and this has {french}" in body
        assert 'id="translation-fr" open' in body  # the section with the message is open
        assert state(technique) == before

    def test_changing_the_english_length_alone_is_refused_on_the_french(
        self, client, curator, technique
    ):
        Technique.objects.filter(pk=technique.pk).update(
            translations={"fr": {"instructions": ["Placez.", "Penchez.", "Respirez."]}}
        )
        client.force_login(curator)
        before = state(technique)
        data = page_data(
            client,
            edit_url(technique),
            instructions="Place the ball.\nLean in.\nBreathe.\nRoll away.",
        )
        response = client.post(edit_url(technique), data)
        assert "The English has 4 lines and this has 3" in response.content.decode()
        assert state(technique) == before

    def test_french_for_an_empty_english_list_is_refused(self, client, curator, technique):
        client.force_login(curator)
        before = state(technique)
        data = page_data(client, edit_url(technique), cautions_fr="Attention au cou.")
        response = client.post(edit_url(technique), data)
        assert "The English has 0 lines and this has 1" in response.content.decode()
        assert state(technique) == before


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("summary_fr", "Résumé\x00", "control character"),
            ("instructions_fr", "Un\x00\nDeux\nTrois", "control character"),
            ("name_fr", "x" * 10_000, "at most 160 characters"),
            ("summary_fr", "x" * 10_000, "at most 240 characters"),
            ("instructions_fr", "x" * 10_000 + "\nDeux\nTrois", "under 1000 characters"),
            ("cues_fr", "\u202eÉtape\u202c\nDeux\nTrois", "The English has 2 lines"),
        ],
    )
    def test_is_refused_beside_the_field_and_changes_nothing(
        self, client, curator, technique, field, value, message
    ):
        client.force_login(curator)
        before = state(technique)
        response = client.post(
            edit_url(technique), page_data(client, edit_url(technique), **{field: value})
        )
        assert response.status_code < 500 and response.status_code != 302
        assert field in response.context["form"].errors
        assert message in " ".join(response.context["form"].errors[field])
        assert state(technique) == before

    def test_odd_unicode_of_the_right_length_is_kept_as_typed(self, client, curator, technique):
        client.force_login(curator)
        name = "Épinglage 🎾 \u200fהגב\u200f"
        data = page_data(client, edit_url(technique), name_fr=name)
        assert client.post(edit_url(technique), data).status_code == 302
        technique.refresh_from_db()
        assert technique.translations["fr"]["name"] == name


@pytest.mark.django_db
class TestThePage:
    def test_the_edit_page_names_the_missing_french_fields(self, client, curator, technique):
        client.force_login(curator)
        body = client.get(edit_url(technique)).content.decode()
        assert "missing: One-line summary · Target tissues · Instructions, in order" in body
        assert 'lang="fr"' in body and 'name="instructions_fr"' in body

    def test_a_text_with_no_english_and_no_french_is_not_offered(self, client, curator, technique):
        Technique.objects.filter(pk=technique.pk).update(
            contraindications=["Recent injury."],
            translations={"fr": {"cautions": ["Un reste."]}},
        )
        client.force_login(curator)
        body = client.get(edit_url(technique)).content.decode()
        assert 'name="contraindications_fr"' in body
        assert 'name="cautions_fr"' in body  # a leftover French text, to clear
        assert 'name="indications_fr"' not in body and 'name="stations_fr"' not in body

    def test_the_section_opens_when_asked_and_stays_closed_otherwise(
        self, client, curator, technique
    ):
        client.force_login(curator)
        assert 'id="translation-fr">' in client.get(edit_url(technique)).content.decode()
        opened = client.get(edit_url(technique) + "?translate=fr").content.decode()
        assert 'id="translation-fr" open>' in opened

    def test_a_complete_technique_says_so(self, client, curator, technique):
        technique.translations = {
            "fr": {
                "name": "Nom",
                "summary": "Résumé.",
                "tissues": ["trapèze supérieur"],
                "instructions": ["Un.", "Deux.", "Trois."],
                "cues": ["Lentement.", "Respirez."],
                "mistakes": ["Se presser."],
            }
        }
        technique.save()
        client.force_login(curator)
        body = client.get(edit_url(technique)).content.decode()
        assert "— complete" in body and "missing:" not in body


@pytest.mark.django_db
class TestProposals:
    def test_a_teachers_proposal_carries_the_french_and_approval_applies_it(
        self, client, teacher, curator, technique
    ):
        url = f"/library/{technique.slug}/propose/"
        client.force_login(teacher)
        data = page_data(client, url, summary_fr="Un meilleur résumé.", note="FR")
        assert client.post(url, data).status_code == 302
        proposal = EditProposal.objects.get()
        assert proposal.data["translations"]["fr"]["summary"] == "Un meilleur résumé."
        technique.refresh_from_db()
        assert "summary" not in technique.translations["fr"]  # not until a curator approves

        client.force_login(curator)
        review = client.get(f"/curate/proposals/{proposal.pk}/")
        assert review.context["changes"] == {"summary (fr)": [None, "Un meilleur résumé."]}
        assert "Un meilleur résumé." in review.content.decode()
        response = client.post(f"/curate/proposals/{proposal.pk}/", {"decision": "approve"})
        assert response.status_code == 302
        technique.refresh_from_db()
        assert technique.translations["fr"]["summary"] == "Un meilleur résumé."
        revision = technique.revisions.first()
        assert revision.kind == TechniqueRevision.Kind.PROPOSAL_APPROVED
        assert revision.snapshot["translations"]["fr"]["summary"] == "Un meilleur résumé."

    def test_an_untouched_proposal_proposes_nothing(self, client, teacher, technique):
        Technique.objects.filter(pk=technique.pk).update(
            translations={"fr": {"name": "Nom", "cues": ["Lentement.", "Respirez."]}}
        )
        url = f"/library/{technique.slug}/propose/"
        client.force_login(teacher)
        response = client.post(url, page_data(client, url))
        assert "nothing to propose" in response.content.decode()
        assert not EditProposal.objects.exists()

    def test_a_proposal_with_a_short_french_list_is_refused(self, client, teacher, technique):
        url = f"/library/{technique.slug}/propose/"
        client.force_login(teacher)
        response = client.post(url, page_data(client, url, mistakes_fr="Un.\nDeux."))
        assert "The English has 1 line and this has 2" in response.content.decode()
        assert not EditProposal.objects.exists()

    @pytest.mark.parametrize("url", ["/library/submissions/new/", "/curate/new/"])
    def test_a_new_technique_is_written_in_english_first(
        self, client, teacher, curator, technique, url
    ):
        """Its French is added on its edit page, once it exists (or proposed, once it is
        published): the creation pages stay as they were."""
        client.force_login(curator if url.startswith("/curate/") else teacher)
        body = client.get(url).content.decode()
        assert 'name="name_fr"' not in body and 'id="translation-fr"' not in body
