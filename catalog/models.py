from oscar.apps.catalogue.abstract_models import AbstractProduct

from .managers import ProductQuerySet


class Product(AbstractProduct):
    """A product sold by one home producer; on sale only while the licence rule allows."""

    objects = ProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        app_label = "catalogue"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
