"""Programmes, packages and authorities are data that programme managers edit in the admin."""

from producers.models import Authority, ProgrammePackage
from tests.factories import LicenceFactory, category_root


def test_manager_adds_a_package_with_names_in_three_languages(
    client, manager, programme, authorities
):
    client.force_login(manager)
    root = category_root("Henna")

    response = client.post("/cms/packages/new/", {
        "programme": programme.pk, "code": "henna", "name_en": "Henna", "name_ar": "حناء",
        "name_fa": "حنا", "category": root.pk,
        "required_authorities": [authorities["municipality"].pk],
    })

    assert response.status_code == 302
    package = ProgrammePackage.objects.get(code="henna")
    assert (package.name_ar, package.name_fa) == ("حناء", "حنا")
    assert list(package.required_authorities.all()) == [authorities["municipality"]]


def test_a_package_on_a_sub_category_is_refused(client, manager, programme, bakhoor):
    client.force_login(manager)

    response = client.post("/cms/packages/new/", {
        "programme": programme.pk, "code": "bakhoor", "name_en": "Bakhoor",
        "category": bakhoor.pk,
    })

    assert response.status_code == 200
    assert "A package is tied to a root category" in response.content.decode()
    assert not ProgrammePackage.objects.filter(code="bakhoor").exists()


def test_manager_edits_an_authority_name(client, manager, authorities):
    client.force_login(manager)
    authority = authorities["food-control"]

    client.post(f"/cms/authorities/edit/{authority.pk}/", {
        "code": "food-control", "name_en": "Food Control", "name_ar": "الرقابة على الأغذية",
        "name_fa": "",
    })

    assert Authority.objects.get(pk=authority.pk).name_ar == "الرقابة على الأغذية"


def test_deleting_a_programme_in_use_is_refused_without_error(client, manager, tayeb):
    LicenceFactory(programme=tayeb.programme, covering=[tayeb])
    client.force_login(manager)

    response = client.post(f"/cms/programme/delete/{tayeb.programme.pk}/")

    assert response.status_code in (200, 302)
    assert type(tayeb.programme).objects.filter(pk=tayeb.programme.pk).exists()


def test_verifier_sees_configuration_but_cannot_change_it(client, verifier, authorities):
    client.force_login(verifier)
    authority = authorities["civil-defence"]

    assert client.get("/cms/authorities/").status_code == 200
    client.post(f"/cms/authorities/edit/{authority.pk}/", {
        "code": "civil-defence", "name_en": "Changed", "name_ar": "", "name_fa": "",
    })

    assert Authority.objects.get(pk=authority.pk).name_en == "Civil Defence"
