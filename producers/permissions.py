"""Who may see what of a producer: the one place such questions are answered."""

from .models import Licence


def is_producer_member(user, producer) -> bool:
    """Whether a user belongs to a producer's shop (the holder or a family member)."""
    return bool(user.is_authenticated and producer.users.filter(pk=user.pk).exists())


def can_view_licence(user, licence: Licence) -> bool:
    """Programme staff with licence rights, and the licence's own producer, may see it."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("partner.view_licence"):
        return True
    return is_producer_member(user, licence.producer)


# --- The producer portal: every portal query is scoped here -------------------------
# A user's shop is Oscar's Partner.users link; the role (owner/helper) is the portal's
# Membership. Anything outside the user's shop is "not found" (404), never "forbidden",
# so ids of other producers' objects reveal nothing.

OWNER, HELPER = "owner", "helper"


def portal_producer(user):
    """The producer whose shop this user works in, or None (staff are not producers)."""
    if not user.is_authenticated or not user.is_active:
        return None
    from .models import Partner

    return Partner.objects.filter(users=user).order_by("pk").first()


def portal_role(user, producer) -> str | None:
    """The user's role in a producer's shop: owner, helper, or None if not a member."""
    if producer is None or not is_producer_member(user, producer):
        return None
    from .portal.models import Membership

    membership = Membership.objects.filter(producer=producer, user=user).first()
    # A Partner.users link made before the portal existed (demo data, admin) counts as owner.
    return membership.role if membership else OWNER


def portal_products(producer):
    """The producer's own products (parents and stand-alone ones, via their stock records)."""
    from django.db.models import Q

    from catalog.models import Product

    return (
        Product.objects.filter(
            Q(stockrecords__partner=producer) | Q(children__stockrecords__partner=producer),
            parent=None,
        )
        .distinct()
        .order_by("-date_updated")
    )


def portal_product_images(producer):
    """Images of the producer's own products."""
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    return ProductImage.objects.filter(product__in=portal_products(producer).values("pk"))


def portal_licences(producer):
    """The producer's own licences."""
    return Licence.objects.filter(producer=producer)


def portal_documents(producer):
    """Documents of the producer's own licences."""
    from .models import LicenceDocument

    return LicenceDocument.objects.filter(licence__producer=producer).select_related("licence")


def portal_fulfilments(producer):
    """The producer's own parts of orders; never the whole order's other lines."""
    from shop.order.models import ProducerFulfilment

    return ProducerFulfilment.objects.filter(producer=producer).select_related(
        "order", "order__shipping_address", "order__user"
    )


def portal_lines(producer, fulfilment):
    """The order lines of one fulfilment that belong to this producer."""
    return fulfilment.order.lines.filter(partner=producer)


def portal_imports(producer):
    """The producer's own bulk imports."""
    from .portal.models import ImportJob

    return ImportJob.objects.filter(producer=producer)


def portal_invitations(producer):
    """Invitations sent for the producer's shop."""
    from .portal.models import Invitation

    return Invitation.objects.filter(producer=producer)
