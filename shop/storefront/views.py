"""Storefront views: listings, producer shops, the public licence check, search."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Category, Product
from producers.models import Partner
from producers.rules import REASON_MESSAGES, Reason, licence_status_reason

from . import search as product_search
from . import selectors
from .forms import ListingFilterForm, SearchForm
from .models import ProducerFollow
from .page_cache import cache_anonymous_page
from .services import producer_follow_set

PAGE_SIZE = 24


def paginate(request, queryset, *, size: int = PAGE_SIZE):
    """One page of a queryset; a bad or out-of-range page number shows the first or last page."""
    paginator = Paginator(queryset, size)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def paginate_listing(request, filters: selectors.ListingFilters, *, producer=None):
    """A listing page of product cards; which products and how many come from the cache."""
    number = request.GET.get("page", "1")
    number = int(number) if number.isdigit() and len(number) < 7 else 1
    found = selectors.listing_page(
        filters=filters, producer=producer, number=number, size=PAGE_SIZE
    )
    paginator = Paginator(range(found.count), PAGE_SIZE)
    page = paginator.page(found.number)
    page.object_list = found.products
    return page


@cache_anonymous_page
def listing(request, *, category: Category | None = None, title: str = ""):
    """A product listing: all products or a package/category, with filters and sorting."""
    subcategories = list(category.get_children()) if category is not None else []
    form = ListingFilterForm(
        request.GET or None, subcategories=subcategories, areas=selectors.producer_areas()
    )
    filters = form.filters(category=category)
    page = paginate_listing(request, filters)
    active = any(
        key in request.GET for key in ("sub", "min_price", "max_price", "area", "in_stock",
                                       "pickup", "delivery")
    )
    context = {
        "category": category,
        "package": selectors.package_for_category(category) if category is not None else None,
        "title": title or (category.local_name if category is not None else _("All products")),
        "form": form,
        "page_obj": page,
        "products": page.object_list,
        "filtered": active,
    }
    return render(request, "storefront/listing.html", context)


@cache_anonymous_page
def producer_detail(request, code: str):
    """A producer's shop: story, area, photo, licence badge, rating and products."""
    producer = get_object_or_404(Partner, code=code)
    form = ListingFilterForm(request.GET or None)
    page = paginate_listing(request, form.filters(category=None), producer=producer)
    user = request.user
    context = {
        "producer": producer,
        "following": user.is_authenticated
        and ProducerFollow.objects.filter(user=user, producer=producer).exists(),
        "licence": selectors.licences_in_force(producer_ids=[producer.pk]).get(producer.pk),
        "rating": selectors.producer_rating(producer),
        "page_obj": page,
        "products": page.object_list,
        "form": form,
    }
    return render(request, "storefront/producer.html", context)


@login_required
@require_POST
def producer_follow(request, code: str):
    """Follow or unfollow a producer, then go back to their shop."""
    producer = get_object_or_404(Partner, code=code)
    now_following = producer_follow_set(
        user=request.user, producer=producer, follow=request.POST.get("follow") == "1"
    )
    if now_following:
        messages.success(request, _("You follow %(name)s.") % {"name": producer.name})
    else:
        messages.info(request, _("You no longer follow %(name)s.") % {"name": producer.name})
    return redirect("storefront:producer", code=producer.code)


def licence_check(request, number: str):
    """The public licence check: each licence with this number, its status as of now."""
    now = timezone.now()
    rows = []
    for licence in selectors.licences_by_number(number):
        reason = licence_status_reason(licence, at=now)
        rows.append(
            {
                "licence": licence,
                "in_force": reason is Reason.PURCHASABLE,
                "status": _("Valid") if reason is Reason.PURCHASABLE else REASON_MESSAGES[reason],
            }
        )
    status = 200 if rows else 404
    return render(
        request,
        "storefront/verify.html",
        {"number": number, "rows": rows, "checked_at": now},
        status=status,
    )


def licence_qr(request, number: str):
    """A QR code (SVG) pointing at the public licence check for this number."""
    import segno

    if len(number) > 64:
        raise Http404
    url = request.build_absolute_uri(reverse("storefront:verify", kwargs={"number": number}))
    qr = segno.make(url, error="m")
    svg = io.BytesIO()
    # A standalone file (not svg_inline): browsers draw an <img> SVG only with its namespace.
    qr.save(svg, kind="svg", scale=4, xmldecl=False,
            title=_("Licence check %(number)s") % {"number": number})
    response = HttpResponse(svg.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@cache_anonymous_page
def search(request):
    """Product search: normalised Arabic/Persian, licence rule at query time, package facets."""
    form = SearchForm(request.GET or None)
    query, package_code = "", ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        package_code = form.cleaned_data["package"]
    elif form.errors:
        messages.warning(request, " ".join(e for errors in form.errors.values() for e in errors))
    result = product_search.search_products(query, package_code=package_code)
    page = paginate(request, result.products)
    ids = list(page.object_list)
    found = {p.pk: p for p in selectors.card_queryset(Product.objects.filter(pk__in=ids))}
    context = {
        "form": form,
        "query": query,
        "result": result,
        "page_obj": page,
        "products": [found[pk] for pk in ids if pk in found],
    }
    return render(request, "storefront/search.html", context)
