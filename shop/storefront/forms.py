"""Forms that parse a shopper's filters and searches; bad values are dropped, never a 500."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category

from .selectors import SORTS, ListingFilters

SORT_CHOICES = [
    ("newest", _("Newest")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("rating", _("Rating")),
]
assert {key for key, _label in SORT_CHOICES} == set(SORTS)

MAX_QUERY_LENGTH = 200


class ListingFilterForm(forms.Form):
    """The filters above a product listing."""

    sub = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int, empty_value=None)
    min_price = forms.DecimalField(label=_("Minimum price"), required=False, min_value=0,
                                   max_digits=12, decimal_places=3)
    max_price = forms.DecimalField(label=_("Maximum price"), required=False, min_value=0,
                                   max_digits=12, decimal_places=3)
    area = forms.ChoiceField(label=_("Producer's area"), required=False)
    in_stock = forms.BooleanField(label=_("In stock"), required=False)
    pickup = forms.BooleanField(label=_("Pickup"), required=False)
    delivery = forms.BooleanField(label=_("Delivery"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, subcategories=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.subcategories = {category.pk: category for category in subcategories}
        self.fields["sub"].choices = [("", _("All"))] + [
            (category.pk, category.local_name) for category in subcategories
        ]
        self.fields["area"].choices = [("", _("Anywhere"))] + [(a, a) for a in areas]

    def filters(self, *, category: Category | None) -> ListingFilters:
        """The valid filters; an invalid field is ignored (and reported by the form)."""
        cleaned = {}
        if self.is_bound:
            self.is_valid()
            cleaned = self.cleaned_data
        data = {name: cleaned.get(name) for name in self.fields}
        chosen = self.subcategories.get(data["sub"]) if data["sub"] else None
        return ListingFilters(
            category=chosen or category,
            min_price=data["min_price"],
            max_price=data["max_price"],
            area=data["area"] or "",
            in_stock=bool(data["in_stock"]),
            pickup=bool(data["pickup"]),
            delivery=bool(data["delivery"]),
            sort=data["sort"] or "newest",
        )


class SearchForm(forms.Form):
    """The search box."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH,
                        error_messages={
                            "max_length": _("Searches are limited to %(limit_value)d characters.")
                        })
    package = forms.CharField(required=False, max_length=64)
