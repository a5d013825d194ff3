from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The producer portal: onboarding, listings, orders and sales for home producers."""

    name = "producers.portal"
    label = "portal"
    verbose_name = _("Producer portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from oscar.core.loading import get_model

        from producers.models import Partner
        from shop.images import partner_photo_pre_save, product_image_pre_save

        # Every path that stores a product image or a producer photo (portal, Oscar's
        # dashboard, Django admin) passes through shop/images.py.
        ProductImage = get_model("catalogue", "ProductImage")
        pre_save.connect(product_image_pre_save, sender=ProductImage, dispatch_uid="img-product")
        pre_save.connect(partner_photo_pre_save, sender=Partner, dispatch_uid="img-partner")
