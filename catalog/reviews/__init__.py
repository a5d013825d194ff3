"""Reviews: who may write one (selectors) and Oscar's review views bound to that rule.

Oscar's reviews app (label ``reviews``) stays installed unforked, so its models and tables
are untouched; ``get_class("catalogue.reviews.views", ...)`` finds ``views.py`` here
because the catalogue fork lives in ``catalog``.
"""
