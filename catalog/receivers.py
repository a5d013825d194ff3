"""Every saved or deleted input of the licence rule refreshes the sale windows it feeds.

Receivers rather than calls in each service, because Oscar's dashboard, the Django and
Wagtail admins and our services all write these models; a save is the one thing they
share. What is recomputed, and how, lives in ``catalog.sale_windows``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from oscar.core.loading import get_model

from .freshness import catalogue_changed
from .sale_windows import products_related_to, products_sold_by, sale_windows_changed


def _product_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    sale_windows_changed(products_related_to([instance.pk]))


def _product_deleted(sender, instance, **kwargs):
    SaleWindow = get_model("catalogue", "SaleWindow")
    SaleWindow.objects.filter(product_id=instance.pk).delete()
    catalogue_changed()
    if instance.parent_id:
        sale_windows_changed([instance.parent_id])


def _product_link_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    sale_windows_changed(products_related_to([instance.product_id]))


def _product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("post_"):
        ids = (pk_set or ()) if reverse else [instance.pk]
        sale_windows_changed(products_related_to(ids))


def _producer_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    sale_windows_changed(products_sold_by([instance.pk]))


def _licence_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    sale_windows_changed(products_sold_by([instance.producer_id]))


def _approval_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    Licence = get_model("partner", "Licence")
    producer_ids = Licence.objects.filter(pk=instance.licence_id).values_list("producer_id")
    sale_windows_changed(products_sold_by(producer_ids))


def _remember_products(sender, instance, **kwargs):
    """Before a producer or licence goes, note its products: its stock records go first."""
    producer_id = instance.pk if sender is get_model("partner", "Partner") else instance.producer_id
    instance._sale_window_products = products_sold_by([producer_id])


def _forget_products(sender, instance, **kwargs):
    sale_windows_changed(getattr(instance, "_sale_window_products", ()))


def _licence_packages_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    Licence = get_model("partner", "Licence")
    if reverse:  # package.licences changed: these licences' producers
        producers = Licence.objects.filter(pk__in=pk_set or ()).values_list("producer_id")
    else:
        producers = [instance.producer_id]
    sale_windows_changed(products_sold_by(producers))


def _package_changed(sender, instance, **kwargs):
    """A package's category or required authorities changed: its licensees' products."""
    if kwargs.get("raw"):  # loaddata: the rows may not all be there yet
        return
    Licence = get_model("partner", "Licence")
    ProgrammePackage = get_model("partner", "ProgrammePackage")
    if isinstance(instance, ProgrammePackage):
        producers = Licence.objects.filter(packages=instance).values_list("producer_id")
    else:  # authority.programmepackage_set changed: every licence of any package
        producers = Licence.objects.values_list("producer_id")
    sale_windows_changed(products_sold_by(producers))


def _package_authorities_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _package_changed(sender, instance)


def connect() -> None:
    """Connect the receivers (CatalogueConfig.ready)."""
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    StockRecord = get_model("partner", "StockRecord")
    Partner = get_model("partner", "Partner")
    Licence = get_model("partner", "Licence")
    LicenceApproval = get_model("partner", "LicenceApproval")
    ProgrammePackage = get_model("partner", "ProgrammePackage")
    uid = "sale-windows"
    post_save.connect(_product_changed, sender=Product, dispatch_uid=uid)
    post_delete.connect(_product_deleted, sender=Product, dispatch_uid=uid)
    for model in (ProductCategory, StockRecord):
        post_save.connect(_product_link_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_product_link_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(_product_categories_changed, sender=ProductCategory, dispatch_uid=uid)
    post_save.connect(_producer_changed, sender=Partner, dispatch_uid=uid)
    post_save.connect(_licence_changed, sender=Licence, dispatch_uid=uid)
    for model in (Partner, Licence):
        pre_delete.connect(_remember_products, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget_products, sender=model, dispatch_uid=uid)
    post_save.connect(_approval_changed, sender=LicenceApproval, dispatch_uid=uid)
    post_delete.connect(_approval_changed, sender=LicenceApproval, dispatch_uid=uid)
    post_save.connect(_package_changed, sender=ProgrammePackage, dispatch_uid=uid)
    m2m_changed.connect(
        _licence_packages_changed, sender=Licence.packages.through, dispatch_uid=uid
    )
    m2m_changed.connect(
        _package_authorities_changed,
        sender=ProgrammePackage.required_authorities.through,
        dispatch_uid=uid,
    )
