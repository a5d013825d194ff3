"""The producer's actions on a fulfilment, as the portal offers them (shop.order.services)."""

from shop.order.services import (
    fulfilment_accept,
    fulfilment_cancel,
    fulfilment_deliver,
    fulfilment_dispatch,
    fulfilment_mark_ready,
)

__all__ = ["ACTIONS", "fulfilment_cancel"]

ACTIONS = {
    "accept": fulfilment_accept,
    "ready": fulfilment_mark_ready,
    "dispatch": fulfilment_dispatch,
    "deliver": fulfilment_deliver,
}
