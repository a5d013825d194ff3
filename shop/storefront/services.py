"""Storefront writes: following producers."""

from producers.models import Partner

from .models import ProducerFollow


def producer_follow_set(*, user, producer: Partner, follow: bool) -> bool:
    """Follow or stop following a producer; returns whether the user now follows."""
    if follow:
        ProducerFollow.objects.get_or_create(user=user, producer=producer)
    else:
        ProducerFollow.objects.filter(user=user, producer=producer).delete()
    return follow
