"""Writes to the catalogue: creating and publishing a producer's products."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from producers.models import Partner, ProgrammePackage, StockRecord
from producers.rules import root_path
from shop.money import deployment_currency, validate_price

from .models import Category, Product, ProductCategory, ProductClass


def category_package_check(category: Category) -> None:
    """Refuse a category that no programme package covers."""
    if not ProgrammePackage.objects.filter(category__path=root_path(category.path)).exists():
        raise ValidationError(
            {
                "category": _("No programme package covers the category “%(category)s”.")
                % {"category": category}
            }
        )


@transaction.atomic
def product_create(
    *,
    producer: Partner,
    title: str,
    category: Category,
    price,
    num_in_stock: int,
    description: str = "",
    product_class: ProductClass | None = None,
    sku: str = "",
    publish: bool = False,
) -> Product:
    """Create a product with its one stock record, in a category some package covers."""
    category_package_check(category)
    price = validate_price(price)
    if num_in_stock < 0:
        raise ValidationError({"num_in_stock": _("Stock cannot be negative.")})
    product_class = (
        product_class
        or ProductClass.objects.get_or_create(
            slug="home-product", defaults={"name": "Home product", "track_stock": True}
        )[0]
    )
    product = Product(
        title=title, description=description, product_class=product_class, is_public=publish
    )
    product.full_clean(exclude=["slug", "upc", "code"])
    product.save()
    ProductCategory.objects.create(product=product, category=category)
    StockRecord.objects.create(
        product=product,
        partner=producer,
        partner_sku=sku or f"{producer.code}-{product.pk}",
        price=Decimal(price),
        price_currency=deployment_currency(),
        num_in_stock=num_in_stock,
    )
    return product


@transaction.atomic
def product_publish(*, product: Product, by=None) -> Product:
    """Put a product on the shop; it is listed only while the licence rule allows it."""
    for category in product.categories.all():
        category_package_check(category)
    if not product.categories.exists():
        raise ValidationError(_("Choose a category before publishing."))
    product.is_public = True
    product.save(update_fields=["is_public", "date_updated"])
    return product


PRODUCT_DETAIL_FIELDS = (
    "made_to_order", "lead_time_days", "offers_delivery", "offers_pickup",
    "ingredients", "allergens", "shelf_life_days",
)


@transaction.atomic
def product_update(
    *,
    product: Product,
    producer: Partner,
    title: str | None = None,
    description: str | None = None,
    category: Category | None = None,
    price=None,
    num_in_stock: int | None = None,
    **details,
) -> Product:
    """Change a producer's product: text, category, price, stock and listing details."""
    unknown = set(details) - set(PRODUCT_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"product_update() got unexpected fields {sorted(unknown)}")
    record = StockRecord.objects.select_for_update().filter(
        product=product, partner=producer
    ).first()
    if record is None and not product.is_parent:
        raise ValidationError(_("This product is not sold by this producer."))
    if title is not None:
        product.title = title
    if description is not None:
        product.description = description
    for field, value in details.items():
        setattr(product, field, value)
    product.full_clean(exclude=["slug", "upc", "code"])
    product.save()
    if category is not None:
        category_package_check(category)
        ProductCategory.objects.filter(product=product).exclude(category=category).delete()
        ProductCategory.objects.get_or_create(product=product, category=category)
    if record is None:  # a product with variants: price and stock live on the variants
        return product
    if price is not None:
        record.price = validate_price(price)
    if num_in_stock is not None:
        if num_in_stock < 0:
            raise ValidationError({"num_in_stock": _("Stock cannot be negative.")})
        record.num_in_stock = num_in_stock
    record.save()
    return product


@transaction.atomic
def product_variants_set(*, product: Product, producer: Partner, variants) -> Product:
    """Give a producer's product variants (size, scent, flavour): (name, price, stock) each.

    The product becomes an Oscar parent whose price and stock live on its children; the
    variants listed replace the previous ones (matched by name).
    """
    variants = [(name.strip(), validate_price(price), int(stock))
                for name, price, stock in variants]
    if not variants:
        return product
    if any(stock < 0 for _name, _price, stock in variants):
        raise ValidationError({"num_in_stock": _("Stock cannot be negative.")})
    StockRecord.objects.filter(product=product).delete()
    product.structure = Product.PARENT
    product.full_clean(exclude=["slug", "upc", "code"])
    product.save()
    existing = {child.title: child for child in product.children.all()}
    for name, price, stock in variants:
        child = existing.pop(name, None) or Product(
            parent=product, structure=Product.CHILD, title=name, is_public=True
        )
        child.full_clean(exclude=["slug", "upc", "code"])
        child.save()
        StockRecord.objects.update_or_create(
            product=child, partner=producer,
            defaults={"partner_sku": f"{producer.code}-{child.pk}", "price": price,
                      "price_currency": deployment_currency(), "num_in_stock": stock},
        )
    for child in existing.values():
        child.delete()
    return product


@transaction.atomic
def product_unpublish(*, product: Product, by=None) -> Product:
    """Take a product off the shop (it stays in the producer's portal)."""
    product.is_public = False
    product.save(update_fields=["is_public", "date_updated"])
    return product
