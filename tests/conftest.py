"""Shared fixtures: a small Khutwa world with two packages and their authorities."""

import pytest

from tests.factories import AuthorityFactory, PackageFactory, ProgrammeFactory, category_child

pytest_plugins = ["tests.order.fixtures", "tests.payments.fixtures"]


@pytest.fixture
def authorities(db):
    return {
        "municipality": AuthorityFactory(code="municipality", name_en="Municipality"),
        "civil-defence": AuthorityFactory(code="civil-defence", name_en="Civil Defence"),
        "food-control": AuthorityFactory(code="food-control", name_en="Food Control"),
    }


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def tayeb(programme, authorities):
    return PackageFactory(
        programme=programme, code="tayeb", name_en="Tayeb",
        authorities=[authorities["municipality"], authorities["civil-defence"]],
    )


@pytest.fixture
def atayeb(programme, authorities):
    return PackageFactory(
        programme=programme, code="atayeb", name_en="Atayeb",
        authorities=list(authorities.values()),
    )


@pytest.fixture
def bakhoor(tayeb):
    """A sub-category of Tayeb."""
    return category_child(tayeb.category, "Bakhoor")


@pytest.fixture
def home_page(db):
    from shop.pages.services import home_page_ensure

    return home_page_ensure(hostname="testserver")
