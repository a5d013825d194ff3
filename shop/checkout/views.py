"""Checkout: place the order (cash or card), pay by card, see its state, cancel, receipts."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from shop.order.expiry import order_cancel_unpaid
from shop.order.models import Order, ProducerFulfilment
from shop.order.placement import PlacementError, order_place
from shop.order.selectors import fulfilment_for_document, order_for_visitor, order_remember
from shop.order.services import FulfilmentError, fulfilment_cancel
from shop.payments.gateway import GatewayError, card_enabled

from .forms import PlaceOrderForm


class CheckoutView(FormView):
    """One page: delivery or pickup per producer, contact and address, then "Place order"."""

    template_name = "oscar/checkout/place_order.html"
    form_class = PlaceOrderForm

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            done = self._already_placed(request.POST.get("basket_id"))
            if done:
                return done
        if request.basket.is_empty:
            messages.info(request, _("Your basket is empty."))
            return redirect("basket:summary")
        return super().dispatch(request, *args, **kwargs)

    def _already_placed(self, basket_id):
        # A double-click or a replayed POST after the first one went through.
        if not str(basket_id or "").isdigit():
            return None
        order = Order.objects.filter(basket_id=int(basket_id)).first()
        if order and order_for_visitor(request=self.request, number=order.number):
            return HttpResponseRedirect(self._next_url(order))
        return None

    def groups(self):
        groups: dict = {}
        for line in self.request.basket.all_lines():
            groups.setdefault(line.stockrecord.partner, []).append(line)
        return groups

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            producers=sorted(self.groups(), key=lambda p: p.pk),
            guest=not self.request.user.is_authenticated, card=card_enabled(),
            initial={"basket_id": self.request.basket.pk},
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = self.groups().items()
        return context

    def form_valid(self, form):
        if form.cleaned_data["basket_id"] != self.request.basket.pk:
            form.add_error(None, _("Your basket changed in another tab; please check it."))
            return self.form_invalid(form)
        user = self.request.user
        try:
            order = order_place(
                basket=self.request.basket, user=user if user.is_authenticated else None,
                guest_email=form.cleaned_data.get("email", ""), address=form.address(),
                methods=form.methods(), payment_method=form.cleaned_data["payment_method"],
                language=get_language(), request=self.request,
            )
        except PlacementError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        order_remember(request=self.request, order=order)
        return HttpResponseRedirect(self._next_url(order))

    @staticmethod
    def _next_url(order):
        name = "checkout:pay" if order.status == "pending_payment" else "checkout:order-status"
        return reverse(name, kwargs={"number": order.number})


class VisitorOrderMixin:
    def get_order(self):
        order = order_for_visitor(request=self.request, number=self.kwargs["number"])
        if order is None:
            raise Http404(_("No such order."))
        return order


class OrderStatusView(VisitorOrderMixin, TemplateView):
    """What happened to an order: payment state and each producer's part (also the return page)."""

    template_name = "oscar/checkout/order_status.html"

    def get_context_data(self, **kwargs):
        order = self.get_order()
        return super().get_context_data(
            order=order, payment=getattr(order, "payment", None),
            fulfilments=order.fulfilments.select_related("producer"), **kwargs
        )


class CardPaymentView(VisitorOrderMixin, TemplateView):
    """Stripe's Payment Element for an unpaid card order; a retry after a failure too."""

    template_name = "oscar/checkout/pay.html"

    def get(self, request, *args, **kwargs):
        from shop.payments.services import payment_intent_ensure

        order = self.get_order()
        if order.status != "pending_payment":
            return redirect("checkout:order-status", number=order.number)
        context = {"order": order, "payment": order.payment,
                   "publishable_key": settings.STRIPE_PUBLISHABLE_KEY}
        try:
            context["intent"] = payment_intent_ensure(order=order)
        except GatewayError as exc:
            context["error"] = exc.user_message
        else:
            if context["intent"].status in {"succeeded", "processing"}:
                # Paid already; the webhook will confirm it. Never offer to pay twice.
                return redirect("checkout:order-status", number=order.number)
        context["return_url"] = request.build_absolute_uri(
            reverse("checkout:order-status", kwargs={"number": order.number})
        )
        return self.render_to_response(self.get_context_data(**context))


class FulfilmentCancelView(VisitorOrderMixin, View):
    """The customer cancels a producer's part before the producer accepts it."""

    def post(self, request, number, pk):
        order = self.get_order()
        part = ProducerFulfilment.objects.filter(order=order, pk=pk).first()
        if part is None:
            raise Http404
        if order.status == "pending_payment":
            # One payment covers the whole order: an unpaid order is dropped as a whole.
            order_cancel_unpaid(order=order)
            messages.success(request, _("Your order is cancelled."))
            return redirect("checkout:order-status", number=order.number)
        try:
            fulfilment_cancel(fulfilment=part, by=request.user if request.user.is_authenticated
                              else None, reason=_("Cancelled by the customer"), by_customer=True)
            messages.success(request, _("That part of your order is cancelled."))
        except (FulfilmentError, GatewayError) as exc:
            messages.error(request, getattr(exc, "user_message", None) or exc.messages[0])
        return redirect("checkout:order-status", number=order.number)


class ReceiptDownloadView(View):
    """A producer's receipt for its part of an order, as PDF, for its customer or producer."""

    def get(self, request, number, pk):
        from shop.order.documents import receipt_issue, receipt_pdf

        part = fulfilment_for_document(request=request, number=number, pk=pk)
        if part is None:
            raise Http404(_("No such receipt."))
        part = receipt_issue(fulfilment=part)
        response = HttpResponse(receipt_pdf(fulfilment=part), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="receipt-{part.producer.code}-{part.invoice_number}.pdf"'
        )
        return response


class QuotationDownloadView(View):
    """A PDF quotation of the current basket, on request."""

    def get(self, request):
        from shop.order.documents import quotation_pdf

        if request.basket.is_empty:
            return redirect("basket:summary")
        response = HttpResponse(quotation_pdf(basket=request.basket),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="quotation.pdf"'
        return response
