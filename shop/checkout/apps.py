from django.urls import path
from oscar.apps.checkout import apps


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked: one page that places the order first, then takes payment."""

    name = "shop.checkout"

    def get_urls(self):
        from . import views

        urls = [
            path("", views.CheckoutView.as_view(), name="index"),
            path("quotation.pdf", views.QuotationDownloadView.as_view(), name="quotation"),
            path("orders/<str:number>/", views.OrderStatusView.as_view(), name="order-status"),
            path("orders/<str:number>/pay/", views.CardPaymentView.as_view(), name="pay"),
            path(
                "orders/<str:number>/parts/<int:pk>/cancel/",
                views.FulfilmentCancelView.as_view(), name="fulfilment-cancel",
            ),
            path(
                "orders/<str:number>/parts/<int:pk>/receipt.pdf",
                views.ReceiptDownloadView.as_view(), name="receipt",
            ),
        ]
        # Ours first: Django takes the first match, so "" replaces Oscar's index view.
        return self.post_process_urls(urls) + super().get_urls()
