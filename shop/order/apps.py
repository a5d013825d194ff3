from oscar.apps.order import apps


class OrderConfig(apps.OrderConfig):
    """Oscar's order app, forked so order creation re-asks the licence rule."""

    name = "shop.order"
