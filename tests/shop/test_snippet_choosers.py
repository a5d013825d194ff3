"""Products and producers in Wagtail: editors choose them, but never edit them there."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalog.models import Product
from producers.models import Partner
from tests.factories import LicenceFactory, ProducerFactory, UserFactory, make_product


@pytest.fixture
def umm_ali(tayeb):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return producer


@pytest.fixture
def oud(umm_ali, bakhoor):
    return make_product(producer=umm_ali, category=bakhoor, title="Oud muattar")


@pytest.fixture
def editor(db):
    """A CMS editor who also runs the catalogue in Oscar's dashboard (may change products)."""
    group = Group.objects.create(name="CMS editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label__in=["catalogue", "partner"],
            codename__in=["view_product", "change_product", "add_product", "delete_product",
                          "view_partner", "change_partner", "add_partner", "delete_partner"],
        ),
    )
    user = UserFactory(email="editor@example.com")
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


def snippet_url(model, action, *args):
    """The snippet page's path, spelled out: the write pages have no URL name any more."""
    opts = model._meta
    return "/".join(["/cms/snippets", opts.app_label, opts.model_name, action, *map(str, args), ""])


def chooser_url(model):
    opts = model._meta
    return reverse(f"wagtailsnippetchoosers_{opts.app_label}_{opts.model_name}:choose")


@pytest.mark.parametrize("who", ["editor", "superuser"])
@pytest.mark.parametrize(("model", "name"), [(Product, "oud"), (Partner, "umm_ali")])
def test_edit_add_and_delete_are_refused_while_the_chooser_works(client, request, who, model,
                                                                  name, oud):
    client.force_login(request.getfixturevalue(who))
    obj = request.getfixturevalue(name)

    for url in (snippet_url(model, "edit", obj.pk), snippet_url(model, "delete", obj.pk),
                snippet_url(model, "add")):
        assert client.get(url, follow=True).status_code == 404, url
    response = client.post(snippet_url(model, "edit", obj.pk), {"title": "Renamed",
                                                                 "name": "Renamed"}, follow=True)
    assert response.status_code == 404
    assert model.objects.filter(pk=obj.pk).exists()

    chooser = client.get(chooser_url(model))
    assert chooser.status_code == 200
    html = chooser.json()["html"]
    assert str(obj) in html
    assert snippet_url(model, "add") not in html


def test_the_list_and_inspect_views_stay_read_only(client, superuser, oud):
    client.force_login(superuser)
    listing = client.get(reverse("wagtailsnippets_catalogue_product:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Oud muattar" in html
    assert snippet_url(Product, "edit", oud.pk) not in html
    assert snippet_url(Product, "add") not in html
    for name in ("usage", "history"):  # Wagtail refuses these without "change": no crash
        url = reverse(f"wagtailsnippets_catalogue_product:{name}", args=[oud.pk])
        assert client.get(url).status_code in (200, 302), name
    inspect = client.get(reverse("wagtailsnippets_catalogue_product:inspect", args=[oud.pk]))
    assert inspect.status_code == 200
    assert "Oud muattar" in inspect.content.decode()


def test_the_home_page_editor_still_offers_both_choosers(client, editor, home_page, oud, umm_ali):
    from wagtail.models import GroupPagePermission

    from shop.pages.models import FeaturedProducer, FeaturedProduct

    GroupPagePermission.objects.create(
        group=editor.groups.get(), page=home_page,
        permission=Permission.objects.get(codename="change_page"),
    )
    FeaturedProduct.objects.create(page=home_page, product=oud)
    FeaturedProducer.objects.create(page=home_page, producer=umm_ali)
    home_page.save_revision().publish()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert chooser_url(Product) in html
    assert chooser_url(Partner) in html
    assert "Oud muattar" in html
    assert snippet_url(Product, "edit", oud.pk) not in html  # no "Edit this product" link
