"""Who may reach which portal URL and object: producer A, B, A's helper, customer, anon, admin.

Others' objects are 404 (never 403): ids of another shop reveal nothing. Role limits inside
one's own shop (a helper on the licence pages) are 403.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (url name, kwargs from A's objects, method, owner-only)
OBJECT_URLS = [
    ("portal:licence-detail", lambda s: {"pk": s["licence"].pk}, "get", True),
    # A verified licence is no longer editable: its owner is sent back to its page (302).
    ("portal:licence-edit", lambda s: {"pk": s["licence"].pk}, "get-redirect", True),
    ("portal:licence-submit", lambda s: {"pk": s["licence"].pk}, "post", True),
    ("portal:document-download", lambda s: {"pk": s["document"].pk}, "get", True),
    ("portal:product-edit", lambda s: {"pk": s["product"].pk}, "get", False),
    ("portal:product-publish", lambda s: {"pk": s["product"].pk}, "post", False),
    ("portal:product-image-delete",
     lambda s: {"pk": s["product"].pk, "image_pk": s["image"].pk}, "post", False),
    ("portal:product-image-delete",
     lambda s: {"pk": s["product"].pk, "image_pk": s["image2"].pk}, "post", False),
    ("portal:order-detail", lambda s: {"pk": s["fulfilment"].pk}, "get", False),
    ("portal:order-action", lambda s: {"pk": s["fulfilment"].pk, "action": "accept"}, "post",
     False),
    ("portal:order-action", lambda s: {"pk": s["fulfilment"].pk, "action": "cancel"}, "post",
     False),
    ("portal:import-detail", lambda s: {"pk": s["import"].pk}, "get", False),
]
LIST_URLS = [
    ("portal:dashboard", False), ("portal:product-list", False),
    ("portal:product-create", False), ("portal:order-list", False),
    ("portal:import-list", False), ("portal:licence-create", True), ("portal:profile", True),
    ("portal:sales", True), ("portal:members", True),
]


def _call(client, method, url):
    return client.post(url, {"reason": "x"}) if method == "post" else client.get(url)


def _allowed(method):
    return 200 if method == "get" else 302


@pytest.mark.parametrize(("name", "kwargs", "method", "owner_only"), OBJECT_URLS)
def test_a_objects_by_every_visitor(client, shops, name, kwargs, method, owner_only):
    """A's objects: A reaches them, B and outsiders get 404, the helper only non-owner pages."""
    url = reverse(name, kwargs=kwargs(shops["a"]))
    expectations = {
        "b": 404, "customer": 404, "admin": 404,
        "helper": 403 if owner_only else _allowed(method),
        "a": _allowed(method),
    }
    if name == "portal:product-image-delete":  # deleting twice finds nothing the 2nd time
        kw = kwargs(shops["a"])
        del expectations["a" if kw["image_pk"] == shops["a"]["image2"].pk else "helper"]
    for who, status in expectations.items():
        user = shops[who]["user"] if who in ("a", "b") else shops[who]
        client.force_login(user)
        response = _call(client, method, url)
        assert response.status_code == status, (who, url, response.status_code)
        client.logout()
    response = _call(client, method, url)
    assert response.status_code == 302, url
    assert "login" in response["Location"], url


@pytest.mark.parametrize(("name", "owner_only"), LIST_URLS)
def test_list_pages(client, shops, name, owner_only):
    url = reverse(name)
    client.force_login(shops["a"]["user"])
    assert client.get(url).status_code == 200
    client.force_login(shops["helper"])
    assert client.get(url).status_code == (403 if owner_only else 200)
    client.force_login(shops["customer"])
    expected = 302 if name == "portal:dashboard" else 404  # the dashboard invites to join
    assert client.get(url).status_code == expected
    client.logout()
    assert client.get(url).status_code == 302


def test_lists_show_only_own_objects(client, shops):
    client.force_login(shops["b"]["user"])
    products = client.get(reverse("portal:product-list")).content.decode()
    orders = client.get(reverse("portal:order-detail",
                                kwargs={"pk": shops["b"]["fulfilment"].pk})).content.decode()
    assert "Oud B" in products
    assert "Oud A" not in products
    # B sees its own line of the shared order, never A's line.
    assert "Oud B" in orders
    assert "Oud A" not in orders


def test_b_cannot_change_a_objects(client, shops):
    a = shops["a"]
    client.force_login(shops["b"]["user"])
    client.post(reverse("portal:product-edit", kwargs={"pk": a["product"].pk}),
                {"title": "Hacked", "price": "1.000", "num_in_stock": 1, "lead_time_days": 0})
    client.post(reverse("portal:order-action",
                        kwargs={"pk": a["fulfilment"].pk, "action": "accept"}))
    a["product"].refresh_from_db()
    a["fulfilment"].refresh_from_db()
    assert a["product"].title == "Oud A"
    assert a["fulfilment"].status == "new"
    assert a["product"].images.filter(pk=a["image"].pk).exists()


def test_producer_cannot_reach_staff_dashboards(client, shops):
    client.force_login(shops["a"]["user"])
    for url in ("/en/shop/dashboard/", "/cms/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert response.status_code != 200


def test_helper_cannot_publish_around_the_rule(client, shops, atayeb):
    """A product in a package the licence does not cover cannot even be chosen."""
    client.force_login(shops["helper"])
    response = client.post(reverse("portal:product-create"), {
        "title": "Cake", "category": atayeb.category.pk, "price": "1.000",
        "num_in_stock": 1, "lead_time_days": 0, "publish": "1"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
