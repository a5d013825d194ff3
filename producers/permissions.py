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
