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


def licences_allowing_sale(at: datetime):
    """Licences (correlated to an outer product annotated ``_canonical``) allowing its sale."""
    Licence = _model("partner", "Licence")
    LicenceApproval = _model("partner", "LicenceApproval")
    ProgrammePackage = _model("partner", "ProgrammePackage")
    on = timezone.localdate(at)

    package_covers_root = Licence.packages.through.objects.filter(
        licence_id=OuterRef(OuterRef("pk")), programmepackage__category__path=OuterRef("root")
    )
    uncovered = _product_roots(OuterRef(OuterRef("_canonical"))).filter(
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
            OuterRef(OuterRef(OuterRef("_canonical")))
        ).values("root"),
    ).filter(~Exists(valid_approval))

    return (
        Licence.objects.in_force(at)
        .filter(producer__on_vacation=False)
        .filter(
            Q(producer__stockrecords__product=OuterRef("pk"))
            | Q(producer__stockrecords__product__parent=OuterRef("pk"))
        )
        .filter(Exists(_product_roots(OuterRef(OuterRef("_canonical")))))
        .filter(~Exists(uncovered))
        .filter(~Exists(missing_approval))
    )


class ProductQuerySet(OscarProductQuerySet):
    def purchasable(self, at: datetime | None = None):
        """Products the licence rule allows to be sold at ``at`` (default: now)."""
        at = at or timezone.now()
        return self.annotate(_canonical=Coalesce("parent_id", "id")).filter(
            Exists(licences_allowing_sale(at))
        )

    def browsable(self):
        """Oscar's browsable products, narrowed to those the licence rule allows now."""
        return super().browsable().purchasable()
