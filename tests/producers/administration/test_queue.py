"""The verification queue: waiting applications only, oldest first, filters and search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from producers.models import Licence
from tests.factories import LicenceFactory, ProducerFactory

QUEUE = "/cms/licence_queue/"
LICENCES = "/cms/licences/"


@pytest.fixture
def world(tayeb, atayeb, programme):
    """Applications in several states, areas and packages."""
    now = timezone.now()
    made = {
        "old": LicenceFactory(number="Q-OLD", covering=[tayeb],
                              producer=ProducerFactory(name="Bait Al Oud", area="Muharraq")),
        "new": LicenceFactory(number="Q-NEW", covering=[atayeb], approvals=False,
                              producer=ProducerFactory(name="Halwa House", area="Sitra")),
        "back": LicenceFactory(number="Q-BACK", covering=[tayeb],
                               status=Licence.Status.CHANGES_REQUESTED,
                               producer=ProducerFactory(name="Sadu Loom", area="Riffa")),
        "done": LicenceFactory(number="Q-DONE", covering=[tayeb], verified=True,
                               valid_until=now + timedelta(days=10),
                               producer=ProducerFactory(name="Done Producer", area="Riffa")),
    }
    # Waiting times: "old" has waited longest.
    for age, key in ((9, "old"), (1, "new"), (4, "back")):
        Licence.objects.filter(pk=made[key].pk).update(updated=now - timedelta(days=age))
    return made


def numbers(response) -> list[str]:
    html = response.content.decode()
    found = [(html.find(n), n) for n in ("Q-OLD", "Q-NEW", "Q-BACK", "Q-DONE") if n in html]
    return [n for _pos, n in sorted(found)]


def test_queue_lists_waiting_applications_oldest_first(client, verifier, world):
    client.force_login(verifier)

    assert numbers(client.get(QUEUE)) == ["Q-OLD", "Q-BACK", "Q-NEW"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("area=Sitra", ["Q-NEW"]),
        ("approvals=incomplete", ["Q-NEW"]),
        ("approvals=complete", ["Q-OLD", "Q-BACK"]),
        ("status=changes_requested", ["Q-BACK"]),
        ("q=halwa", ["Q-NEW"]),
        ("q=Q-OLD", ["Q-OLD"]),
    ],
)
def test_queue_filters_and_search(client, verifier, world, query, expected):
    client.force_login(verifier)

    assert numbers(client.get(f"{QUEUE}?{query}")) == expected


def test_queue_filters_by_package(client, verifier, world, atayeb):
    client.force_login(verifier)

    assert numbers(client.get(f"{QUEUE}?packages={atayeb.pk}")) == ["Q-NEW"]


def test_licences_expiring_soon(client, verifier, world):
    client.force_login(verifier)

    assert numbers(client.get(f"{LICENCES}?expiring=true")) == ["Q-DONE"]


def test_licence_list_exports_csv_and_xlsx(client, verifier, world):
    client.force_login(verifier)

    csv = b"".join(client.get(f"{LICENCES}?export=csv").streaming_content).decode()
    xlsx = client.get(f"{LICENCES}?export=xlsx")

    assert "Q-DONE" in csv
    assert "Done Producer" in csv
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_queue_query_count_does_not_grow_with_the_queue(
    client, verifier, world, tayeb, django_assert_max_num_queries
):
    client.force_login(verifier)
    client.get(QUEUE)
    for n in range(15):
        LicenceFactory(number=f"Q-MORE-{n}", covering=[tayeb])

    with django_assert_max_num_queries(25):
        response = client.get(QUEUE)
    assert "Q-MORE-14" in response.content.decode()
