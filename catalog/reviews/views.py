"""Oscar's review views, bound to the review rule and to moderation."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views as oscar_views

from .selectors import ReviewEligibility, review_eligibility


class CreateProductReview(oscar_views.CreateProductReview):
    """Write a review; refused, with the reason, unless the customer received the product."""

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(
            self.product_model, pk=kwargs["product_pk"], is_public=True
        )
        eligibility = review_eligibility(user=request.user, product=self.product)
        if eligibility is ReviewEligibility.SIGN_IN:
            messages.info(request, eligibility.message)
            return redirect_to_login(self.product.get_absolute_url())
        if not eligibility.is_eligible:
            messages.warning(request, eligibility.message)
            return redirect(self.product.get_absolute_url())
        # Oscar's own dispatch would ask a weaker rule again; go straight to CreateView's.
        return CreateView.dispatch(self, request, *args, **kwargs)

    def get_success_url(self):
        if self.object.pending_moderation:
            messages.success(
                self.request,
                _("Thank you for your review. It appears once our team has approved it."),
            )
        else:
            messages.success(self.request, _("Thank you for reviewing this product"))
        return self.product.get_absolute_url()


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    """One review of this product, shown only once a moderator has approved it."""

    def get_queryset(self):
        return self.model.objects.approved().filter(product_id=self.kwargs["product_pk"])


class ProductReviewList(oscar_views.ProductReviewList):
    """Approved reviews of a product, with their authors fetched in the same query."""

    def get_queryset(self):
        return super().get_queryset().select_related("user")
