"""Editors' pages: exhibitions, training, success stories, and what the home page features."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shop.pages.models import (
    ExhibitionPage,
    Exhibitor,
    FeaturedProducer,
    FeaturedProduct,
    ProgrammePage,
    StoryProduct,
    SuccessStoryPage,
    TrainingCoursePage,
)
from tests.factories import LicenceFactory, ProducerFactory, make_product


@pytest.fixture
def umm_ali(tayeb):
    producer = ProducerFactory(name="Umm Ali", code="umm-ali")
    LicenceFactory(producer=producer, verified=True, covering=[tayeb])
    return producer


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_home_features_producers_products_and_current_exhibitions(client, home_page, umm_ali,
                                                                  bakhoor):
    product = make_product(producer=umm_ali, category=bakhoor, title="Featured oud")
    FeaturedProducer.objects.create(page=home_page, producer=umm_ali)
    FeaturedProduct.objects.create(page=home_page, product=product)
    now = timezone.now()
    day = timedelta(days=1)
    publish(home_page, ExhibitionPage(title="Spring fair", slug="spring-fair", place="Seef",
                                      starts=now + 3 * day, ends=now + 5 * day))
    publish(home_page, ExhibitionPage(title="Old fair", slug="old-fair", place="Seef",
                                      starts=now - 30 * day, ends=now - 28 * day))
    home_page.save_revision().publish()

    html = client.get("/en/").content.decode()

    assert "Featured products" in html
    assert "Featured oud" in html
    assert 'href="/en/producers/umm-ali/"' in html
    assert "Spring fair" in html
    assert "Old fair" not in html


def test_exhibition_lists_exhibiting_producers(client, home_page, umm_ali):
    now = timezone.now()
    fair = ExhibitionPage(title="Spring fair", slug="spring-fair", place="Exhibition World",
                          starts=now, ends=now + timedelta(days=2))
    home_page.add_child(instance=fair)
    Exhibitor.objects.create(page=fair, producer=umm_ali, stand="B12")
    fair.save_revision().publish()
    html = client.get(fair.url).content.decode()
    assert "Umm Ali" in html
    assert "B12" in html
    assert "Exhibition World" in html


def test_success_story_shows_only_products_on_sale(client, home_page, umm_ali, tayeb, bakhoor):
    lapsed = ProducerFactory(name="Dar Hessa")
    LicenceFactory(producer=lapsed, expired=True, covering=[tayeb])
    live = make_product(producer=umm_ali, category=bakhoor, title="Live oud")
    gone = make_product(producer=lapsed, category=bakhoor, title="Lapsed dukhoon")
    story = SuccessStoryPage(title="From kitchen to fair", slug="umm-ali-story", producer=umm_ali)
    home_page.add_child(instance=story)
    StoryProduct.objects.create(page=story, product=live)
    StoryProduct.objects.create(page=story, product=gone)
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "Live oud" in html
    assert "Lapsed dukhoon" not in html


def test_programme_and_training_pages_render(client, home_page, programme):
    page = publish(home_page, ProgrammePage(title="Khutwa", slug="khutwa", programme=programme,
                                            intro="Licences for home producers."))
    course = publish(page, TrainingCoursePage(title="Food safety", slug="food-safety",
                                              starts=timezone.now(), place="Isa Town",
                                              registration_url="https://example.com/r"))
    assert "Licences for home producers." in client.get(page.url).content.decode()
    html = client.get(course.url).content.decode()
    assert "Isa Town" in html
    assert "https://example.com/r" in html
