"""The producer portal's pages: parse, call a service, render. Scoping in permissions.py."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.services import (
    product_create,
    product_publish,
    product_unpublish,
    product_update,
    product_variants_set,
)
from producers import permissions as perms
from producers.rules import product_purchasability
from producers.services import licence_create, licence_submit
from shop.customer.views import registration_sent_redirect
from shop.money import as_plain
from shop.payments.gateway import GatewayError, card_enabled
from shop.payments.payouts import producer_payout_connect
from shop.users.services import user_register

from . import fulfilment_actions, selectors, services
from .forms import (
    CancelForm,
    ImportForm,
    InvitationForm,
    JoinForm,
    LicenceForm,
    ProductForm,
    ProfileForm,
    VacationForm,
)
from .models import ImportJob, Invitation, Membership


def portal(owner_only: bool = False):
    """A portal page: logged in, in a shop; ``request.producer`` is the user's shop."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            producer = perms.portal_producer(request.user)
            if producer is None:
                if view.__name__ == "dashboard":
                    return redirect("portal:join")
                raise Http404
            request.producer = producer
            request.portal_role = perms.portal_role(request.user, producer)
            if owner_only and request.portal_role != perms.OWNER:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form's fields (or on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- Onboarding ---------------------------------------------------------------------


def join(request):
    """Open a shop: a new account's shop waits for its e-mail link; a logged-in user's opens now."""
    if perms.portal_producer(request.user):
        return redirect("portal:dashboard")
    form = JoinForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not request.user.is_authenticated:
            return _join_signing_up(request, form)
        try:
            services.producer_join(user=request.user, **_shop_fields(form.cleaned_data))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your shop is open. Now apply with your licence."))
            return redirect("portal:licence-create")
    return render(request, "producers/portal/join.html", {"form": form})


def _shop_fields(data: dict) -> dict:
    return {name: data.get(name) for name in ("name", "story", "area", "phone", "photo")}


def _join_signing_up(request, form):
    # Answered like every sign-up, whether or not the address has an account: only a new
    # account gets the shop, and the owner of a taken address is mailed instead.
    data = form.cleaned_data
    try:
        with transaction.atomic():
            user = user_register(email=data["email"], password=data["password"],
                                 language=request.LANGUAGE_CODE,
                                 next_url=reverse("portal:dashboard"))
            if user is not None:
                services.producer_join(user=user, **_shop_fields(data))
    except ValidationError as exc:
        _form_errors(form, exc)
        return render(request, "producers/portal/join.html", {"form": form})
    return registration_sent_redirect(request, email=data["email"])


@portal()
def dashboard(request):
    producer = request.producer
    context = {
        "licences": perms.portal_licences(producer).select_related("programme"),
        "counts": selectors.dashboard_counts(producer),
        "vacation_form": VacationForm(initial={"message": producer.vacation_message}),
    }
    return render(request, "producers/portal/dashboard.html", context)


@portal(owner_only=True)
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.producer)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.producer_profile_update(producer=request.producer, **fields)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("portal:dashboard")
    return render(request, "producers/portal/profile.html", {"form": form})


@require_POST
@portal(owner_only=True)
def vacation(request):
    form = VacationForm(request.POST)
    on = request.POST.get("on") == "1"
    if form.is_valid():
        services.producer_vacation_set(producer=request.producer, on=on,
                                       message=form.cleaned_data["message"])
        messages.success(request, _("Vacation mode is on: your listings are hidden.") if on
                         else _("Welcome back: your listings are visible again."))
    return redirect("portal:dashboard")


# --- Licences -----------------------------------------------------------------------


def _licence_documents_save(licence, form):
    if form.cleaned_data.get("licence_document"):
        services.licence_document_add(licence=licence, kind="licence",
                                      upload=form.cleaned_data["licence_document"])
    if form.cleaned_data.get("beneficiary_evidence"):
        services.licence_document_add(licence=licence, kind="beneficiary",
                                      upload=form.cleaned_data["beneficiary_evidence"])


def _licence_application_finish(request, licence, form) -> None:
    """What saving an application does after its fields: references, files, submission."""
    services.licence_references_record(licence=licence, references=form.references,
                                       by=request.user)
    _licence_documents_save(licence, form)
    if "submit" in request.POST:
        licence_submit(licence=licence, by=request.user)


@portal(owner_only=True)
def licence_create_view(request):
    form = LicenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        valid_from, valid_until = form.validity()
        data = form.cleaned_data
        try:
            with transaction.atomic():
                licence = licence_create(
                    producer=request.producer, programme=data["programme"],
                    number=data["number"], packages=data["packages"], valid_from=valid_from,
                    valid_until=valid_until, tier=data["tier"],
                    beneficiary_discount=data["beneficiary_discount"], by=request.user,
                )
                _licence_application_finish(request, licence, form)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Application saved."))
            return redirect("portal:licence-detail", pk=licence.pk)
    return render(request, "producers/portal/licence_form.html", {"form": form})


@portal(owner_only=True)
def licence_edit(request, pk: int):
    licence = get_object_or_404(perms.portal_licences(request.producer), pk=pk)
    if licence.status not in services.EDITABLE_STATUSES:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("portal:licence-detail", pk=pk)
    form = LicenceForm(request.POST or None, request.FILES or None, licence=licence)
    if request.method == "POST" and form.is_valid():
        valid_from, valid_until = form.validity()
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.licence_application_update(
                    licence=licence, by=request.user, number=data["number"],
                    packages=data["packages"], valid_from=valid_from, valid_until=valid_until,
                    tier=data["tier"], beneficiary_discount=data["beneficiary_discount"],
                )
                _licence_application_finish(request, licence, form)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Application saved."))
            return redirect("portal:licence-detail", pk=licence.pk)
    return render(request, "producers/portal/licence_form.html",
                  {"form": form, "licence": licence})


@portal(owner_only=True)
def licence_detail(request, pk: int):
    licence = get_object_or_404(
        perms.portal_licences(request.producer).select_related("programme"), pk=pk)
    context = {
        "licence": licence,
        "editable": licence.status in services.EDITABLE_STATUSES,
        "approvals": licence.approvals.select_related("authority"),
        "documents": licence.documents.all(),
        "events": licence.events.all(),
    }
    return render(request, "producers/portal/licence_detail.html", context)


@require_POST
@portal(owner_only=True)
def licence_submit_view(request, pk: int):
    licence = get_object_or_404(perms.portal_licences(request.producer), pk=pk)
    try:
        licence_submit(licence=licence, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sent for verification. We will e-mail you the result."))
    return redirect("portal:licence-detail", pk=pk)


@portal(owner_only=True)
def document_download(request, pk: int):
    document = get_object_or_404(perms.portal_documents(request.producer), pk=pk)
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.file.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Listings -----------------------------------------------------------------------


@portal()
def product_list(request):
    products = selectors.portal_product_rows(request.producer, at=timezone.now())
    return render(request, "producers/portal/product_list.html", {"rows": products})


def _product_image_add(product, upload):
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    order = product.images.count()
    ProductImage.objects.create(product=product, original=upload, display_order=order)


@portal()
def product_create_view(request):
    form = ProductForm(request.POST or None, request.FILES or None, producer=request.producer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                first = data["variants"][0] if data["variants"] else None
                product = product_create(
                    producer=request.producer, title=data["title"],
                    description=data["description"], category=data["category"],
                    price=first[1] if first else data["price"],
                    num_in_stock=first[2] if first else data["num_in_stock"],
                )
                product_update(product=product, producer=request.producer, **form.details)
                _listing_save_rest(request, product, data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Listing saved."))
            return redirect("portal:product-edit", pk=product.pk)
    return render(request, "producers/portal/product_form.html", {"form": form})


def _listing_save_rest(request, product, data) -> None:
    """What creating and editing a listing share: variants, a new photo, publishing."""
    product_variants_set(product=product, producer=request.producer, variants=data["variants"])
    if data.get("image"):
        _product_image_add(product, data["image"])
    if "publish" in request.POST:
        product_publish(product=product, by=request.user)


def _variants_text(product, producer) -> str:
    if not product.is_parent:
        return ""
    lines = []
    for child in product.children.order_by("pk"):
        record = child.stockrecords.filter(partner=producer).first()
        if record:
            lines.append(f"{child.title} | {as_plain(record.price)} | {record.num_in_stock}")
    return "\n".join(lines)


@portal()
def product_edit(request, pk: int):
    product = get_object_or_404(perms.portal_products(request.producer), pk=pk)
    record = product.stockrecords.filter(partner=request.producer).first()
    category = product.categories.first()
    initial = {
        "title": product.title, "description": product.description,
        "category": category.pk if category else None,
        "price": as_plain(record.price) if record else "",
        "num_in_stock": record.num_in_stock if record else None,
        "variants": _variants_text(product, request.producer),
        **{name: getattr(product, name) for name in ProductForm.base_fields
           if hasattr(product, name) and name not in ("title", "description")},
    }
    form = ProductForm(request.POST or None, request.FILES or None, producer=request.producer,
                       initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                product_update(
                    product=product, producer=request.producer, title=data["title"],
                    description=data["description"], category=data["category"],
                    price=data["price"], num_in_stock=data["num_in_stock"], **form.details,
                )
                _listing_save_rest(request, product, data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Listing saved."))
            return redirect("portal:product-edit", pk=product.pk)
    verdict = product_purchasability(product, at=timezone.now())
    context = {
        "form": form, "product": product, "record": record, "verdict": verdict,
        "status": selectors.listing_status(product, record, verdict),
        "images": product.images.all(),
    }
    return render(request, "producers/portal/product_form.html", context)


@require_POST
@portal()
def product_publish_view(request, pk: int):
    product = get_object_or_404(perms.portal_products(request.producer), pk=pk)
    try:
        if request.POST.get("action") == "unpublish":
            product_unpublish(product=product, by=request.user)
        else:
            product_publish(product=product, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("portal:product-edit", pk=pk)


@require_POST
@portal()
def product_image_delete(request, pk: int, image_pk: int):
    image = get_object_or_404(perms.portal_product_images(request.producer), pk=image_pk,
                              product_id=pk)
    image.delete()
    messages.success(request, _("Photo removed."))
    return redirect("portal:product-edit", pk=pk)


# --- Orders and sales ---------------------------------------------------------------


@portal()
def order_list(request):
    fulfilments = perms.portal_fulfilments(request.producer).order_by("-created")[:200]
    return render(request, "producers/portal/order_list.html", {"fulfilments": fulfilments})


@portal()
def order_detail(request, pk: int):
    fulfilment = get_object_or_404(perms.portal_fulfilments(request.producer), pk=pk)
    context = {
        "fulfilment": fulfilment,
        "order": fulfilment.order,
        "lines": perms.portal_lines(request.producer, fulfilment),
        "address": fulfilment.order.shipping_address,
        "cancel_form": CancelForm(),
        "actions": selectors.fulfilment_next_actions(fulfilment),
    }
    return render(request, "producers/portal/order_detail.html", context)


@require_POST
@portal()
def order_action(request, pk: int, action: str):
    fulfilment = get_object_or_404(perms.portal_fulfilments(request.producer), pk=pk)
    try:
        if action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Please give a reason; the customer will see it."))
            fulfilment_actions.fulfilment_cancel(
                fulfilment=fulfilment, reason=form.cleaned_data["reason"], by=request.user)
        elif action in fulfilment_actions.ACTIONS:
            fulfilment_actions.ACTIONS[action](fulfilment=fulfilment, by=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Order updated."))
    return redirect("portal:order-detail", pk=pk)


@portal(owner_only=True)
def sales(request):
    period = "month" if request.GET.get("by") == "month" else "week"
    context = selectors.sales_summary(request.producer, period=period)
    context["period"] = period
    context["card_enabled"] = card_enabled()
    return render(request, "producers/portal/sales.html", context)


@require_POST
@portal(owner_only=True)
def payout_connect(request):
    """Send the shop's owner to Stripe Express onboarding (created on first use)."""
    if not card_enabled():
        raise Http404
    back = request.build_absolute_uri(reverse("portal:sales"))
    try:
        link = producer_payout_connect(producer=request.producer, refresh_url=back,
                                       return_url=back)
    except GatewayError:
        messages.error(request, _("The payment provider cannot be reached; try again later."))
        return redirect("portal:sales")
    return redirect(link)


# --- Family members -----------------------------------------------------------------


@portal(owner_only=True)
def members(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(producer=request.producer, by=request.user,
                                       **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("portal:members")
    context = {
        "form": form,
        "people": _people(request.producer),
        "invitations": perms.portal_invitations(request.producer).filter(accepted_at=None),
    }
    return render(request, "producers/portal/members.html", context)


def _people(producer) -> list[tuple]:
    roles = dict(Membership.objects.filter(producer=producer).values_list("user_id", "role"))
    labels = dict(Membership._meta.get_field("role").choices)
    return [(person, labels[roles.get(person.pk, perms.OWNER)])
            for person in producer.users.order_by("pk")]


@require_POST
@portal(owner_only=True)
def member_remove(request, user_pk: int):
    user = get_object_or_404(request.producer.users.all(), pk=user_pk)
    try:
        services.member_remove(producer=request.producer, user=user, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("portal:members")


@login_required
def invitation_accept(request, token: str):
    invitation = get_object_or_404(Invitation, token=token, accepted_at=None)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You have joined %(shop)s.")
                             % {"shop": invitation.producer.name})
            return redirect("portal:dashboard")
    return render(request, "producers/portal/invitation.html", {"invitation": invitation})


# --- Bulk import --------------------------------------------------------------------


@portal()
def import_list(request):
    from .tasks import run_import

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = ImportJob.objects.create(producer=request.producer, created_by=request.user,
                                       file=form.cleaned_data["file"])
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
        return redirect("portal:import-detail", pk=job.pk)
    jobs = perms.portal_imports(request.producer)[:20]
    return render(request, "producers/portal/import_list.html", {"form": form, "jobs": jobs})


@portal()
def import_detail(request, pk: int):
    job = get_object_or_404(perms.portal_imports(request.producer), pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse({"status": job.status, "percent": job.percent,
                             "label": job.get_status_display()})
    return render(request, "producers/portal/import_detail.html", {"job": job})
