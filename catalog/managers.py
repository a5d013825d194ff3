"""The product queryset: Oscar's, with the licence rule's SQL twin under browsable()."""

from datetime import datetime

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

from producers.rules import CATEGORY_STEPLEN


def _model(label: str, name: str):
    return apps.get_model(label, name)


def _product_roots(canonical_ref):
    """Root-category paths of the canonical product that ``canonical_ref`` points to."""
    ProductCategory = _model("catalogue", "ProductCategory")
    return ProductCategory.objects.filter(product_id=canonical_ref).annotate(
        root=Substr("category__path", 1, CATEGORY_STEPLEN)
    )


def _up(levels: int, name: str):
    """An OuterRef reaching ``levels`` queries out."""
    ref = name
    for _level in range(levels):
        ref = OuterRef(ref)
    return ref


def licences_allowing_sale(at: datetime, *, product_depth: int = 2):
    """Licences of an outer stock record's producer that allow its product to be sold.

    Correlated to a stock record one query out (its ``partner_id``) and to the product
    ``product_depth`` queries out (annotated ``_canonical``: the product, or its parent).
    """
    Licence = _model("partner", "Licence")
    LicenceApproval = _model("partner", "LicenceApproval")
    ProgrammePackage = _model("partner", "ProgrammePackage")
    on = timezone.localdate(at)

    package_covers_root = Licence.packages.through.objects.filter(
        licence_id=OuterRef(OuterRef("pk")), programmepackage__category__path=OuterRef("root")
    )
    uncovered = _product_roots(_up(product_depth + 1, "_canonical")).filter(
        ~Exists(package_covers_root)
    )
    valid_approval = LicenceApproval.objects.filter(
        licence_id=OuterRef(OuterRef("pk")),
        authority_id=OuterRef("authority_id"),
        status="approved",
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    missing_approval = ProgrammePackage.required_authorities.through.objects.filter(
        programmepackage__licences=OuterRef("pk"),
        programmepackage__category__path__in=_product_roots(
            _up(product_depth + 2, "_canonical")
        ).values("root"),
    ).filter(~Exists(valid_approval))

    return (
        Licence.objects.in_force(at)
        .filter(producer_id=OuterRef("partner_id"), producer__on_vacation=False)
        .filter(Exists(_product_roots(_up(product_depth + 1, "_canonical"))))
        .filter(~Exists(uncovered))
        .filter(~Exists(missing_approval))
    )


def _stock_records_allowing_sale(at: datetime, **product):
    """Stock records (of the outer product, or of its variants) whose producer may sell it."""
    StockRecord = _model("partner", "StockRecord")
    return StockRecord.objects.filter(**product).filter(Exists(licences_allowing_sale(at)))


class ProductQuerySet(OscarProductQuerySet):
    def purchasable(self, at: datetime | None = None):
        """Products the licence rule allows to be sold at ``at`` (default: now)."""
        at = at or timezone.now()
        # Two EXISTS (own stock record, a variant's) rather than one OR across a join:
        # each is an index lookup per product, where the OR made PostgreSQL join every
        # licence to every stock record.
        return self.annotate(_canonical=Coalesce("parent_id", "id")).filter(
            Exists(_stock_records_allowing_sale(at, product_id=OuterRef("pk")))
            | Exists(_stock_records_allowing_sale(at, product__parent_id=OuterRef("pk")))
        )

    def browsable(self):
        """Oscar's browsable products, narrowed to those the licence rule allows now."""
        return super().browsable().purchasable()
