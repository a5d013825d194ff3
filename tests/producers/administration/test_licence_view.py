"""The licence page: checklist, actions with reasons, refusals that change nothing, history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from producers.models import Licence, LicenceApproval, LicenceEvent
from shop.order.models import ProducerFulfilment
from tests.factories import LicenceFactory

from .conftest import add_document, place_order


def licence_url(licence):
    return reverse("licences:detail", args=[licence.pk])


def act(client, licence, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(licence_url(licence), data)


def fresh(licence):
    return Licence.objects.get(pk=licence.pk)


@pytest.fixture
def as_verifier(client, verifier):
    client.force_login(verifier)
    return client


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return client


def test_page_shows_producer_checklist_and_private_documents(as_verifier, application):
    document = add_document(application)

    page = as_verifier.get(licence_url(application)).content.decode()

    assert application.number in page
    assert "Umm Ali" in page
    assert "Muharraq" in page
    assert "Municipality" in page
    assert "Civil Defence" in page
    assert page.count("Missing") == 2
    assert f'href="/licence-documents/{document.pk}/"' in page
    assert "/media/" not in page
    assert as_verifier.get(f"/licence-documents/{document.pk}/").status_code == 200


def test_approving_with_a_missing_approval_is_refused_and_changes_nothing(
    as_verifier, application
):
    response = act(as_verifier, application, "verify")

    assert response.status_code == 200
    assert "Approvals still missing: Civil Defence, Municipality." in response.content.decode()
    assert fresh(application).status == "submitted"
    assert not LicenceEvent.objects.filter(licence=application, action="verified").exists()


def test_recording_each_approval_then_approving_verifies_and_emails(
    as_verifier, application, authorities, verifier, django_capture_on_commit_callbacks
):
    for code in ("municipality", "civil-defence"):
        response = as_verifier.post(licence_url(application), {
            "action": "approval", "approval-authority": authorities[code].pk,
            "approval-status": "approved", "approval-reference": f"{code.upper()}-77",
            "approval-issued_on": "2026-01-05",
        })
        assert response.status_code == 302
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        act(as_verifier, application, "verify", note="Checked with both authorities")

    licence = fresh(application)
    assert licence.status == "verified"
    assert LicenceApproval.objects.get(
        licence=licence, authority=authorities["municipality"]
    ).reference == "MUNICIPALITY-77"
    assert [m.to for m in mail.outbox] == [["umm.ali@example.com"]]
    history = as_verifier.get(licence_url(licence)).content.decode()
    assert "approval recorded" in history
    assert "Checked with both authorities" in history
    event = LicenceEvent.objects.get(licence=licence, action="verified")
    assert (event.actor, event.from_status, event.to_status) == (
        verifier, "submitted", "verified")


def test_an_approval_without_reference_is_refused(as_verifier, application, authorities):
    response = as_verifier.post(licence_url(application), {
        "action": "approval", "approval-authority": authorities["municipality"].pk,
        "approval-status": "approved", "approval-reference": "",
    })

    assert "An approval needs the authority&#x27;s reference." in response.content.decode()
    assert not application.approvals.filter(status="approved").exists()


def test_approving_a_licence_whose_validity_ended_is_refused(as_verifier, producer, tayeb):
    ended = LicenceFactory(
        producer=producer, covering=[tayeb],
        valid_from=timezone.now() - timedelta(days=400),
        valid_until=timezone.now() - timedelta(days=2),
    )

    response = act(as_verifier, ended, "verify")

    assert "validity has already ended" in response.content.decode()
    assert fresh(ended).status == "submitted"


@pytest.mark.parametrize("action", ["reject", "request_changes"])
def test_reject_and_send_back_need_a_reason_the_producer_sees(
    as_verifier, application, action, django_capture_on_commit_callbacks
):
    refused = act(as_verifier, application, action, reason="  ")
    assert "Please give a reason" in refused.content.decode()
    assert fresh(application).status == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        act(as_verifier, application, action, reason="The certificate scan is unreadable")

    licence = fresh(application)
    assert licence.status in ("rejected", "changes_requested")
    assert licence.status_reason == "The certificate scan is unreadable"
    assert "The certificate scan is unreadable" in mail.outbox[-1].body


def test_discount_over_fifty_percent_is_refused(as_verifier, verified_licence):
    add_document(verified_licence, kind="beneficiary", name="evidence.pdf")

    response = act(as_verifier, verified_licence, "discount", percent="60",
                   valid_until="2030-01-01")

    assert "less than or equal to 50" in response.content.decode()
    assert fresh(verified_licence).discount_percent == 0


def test_discount_needs_the_evidence_and_a_future_end(as_verifier, verified_licence):
    no_evidence = act(as_verifier, verified_licence, "discount", percent="30",
                      valid_until="2030-01-01")
    assert "Upload the beneficiary evidence" in no_evidence.content.decode()
    add_document(verified_licence, kind="beneficiary", name="evidence.pdf")
    past = act(as_verifier, verified_licence, "discount", percent="30", valid_until="2020-01-01")
    assert "not in the past" in past.content.decode()
    assert fresh(verified_licence).discount_percent == 0

    act(as_verifier, verified_licence, "discount", percent="30", valid_until="2030-01-01")

    licence = fresh(verified_licence)
    assert (licence.discount_percent, str(licence.discount_valid_until)) == (30, "2030-01-01")
    assert licence.beneficiary_discount
    assert LicenceEvent.objects.filter(licence=licence, action="discount set").exists()


def test_renewal_in_the_past_is_refused_and_a_later_one_extends(as_verifier, verified_licence):
    before = fresh(verified_licence).valid_until
    past = act(as_verifier, verified_licence, "renew", valid_until="2020-01-01")
    assert "A renewal must end later" in past.content.decode()
    assert fresh(verified_licence).valid_until == before

    new_end = (before + timedelta(days=365)).date()
    act(as_verifier, verified_licence, "renew", valid_until=new_end.isoformat())

    assert fresh(verified_licence).valid_until.date() > before.date()


def test_suspension_hides_products_flags_orders_and_reinstatement_returns_them(
    as_manager, verified_licence, product_on_sale
):
    order = place_order(product_on_sale, status="paid")
    fulfilment = ProducerFulfilment.objects.create(
        order=order, producer=verified_licence.producer
    )
    assert Product.objects.browsable().filter(pk=product_on_sale.pk).exists()

    past = act(as_manager, verified_licence, "suspend", reason="Complaint",
               until="2020-01-01")
    assert "must be in the future" in past.content.decode()
    act(as_manager, verified_licence, "suspend", reason="Hygiene complaint",
        until=(timezone.localdate() + timedelta(days=14)).isoformat())

    assert fresh(verified_licence).status == "suspended"
    assert not Product.objects.browsable().filter(pk=product_on_sale.pk).exists()
    page = as_manager.get(licence_url(verified_licence)).content.decode()
    assert f'data-testid="fulfilment-{fulfilment.pk}"' in page
    flagged = as_manager.get("/cms/programme/orders-to-review/").content.decode()
    assert f'data-testid="fulfilment-{fulfilment.pk}"' in flagged

    act(as_manager, verified_licence, "reinstate", note="Inspection passed")

    assert fresh(verified_licence).suspended_until is None
    assert Product.objects.browsable().filter(pk=product_on_sale.pk).exists()
    flagged = as_manager.get("/cms/programme/orders-to-review/").content.decode()
    assert f'data-testid="fulfilment-{fulfilment.pk}"' not in flagged


def test_unknown_action_changes_nothing(as_manager, verified_licence):
    response = as_manager.post(licence_url(verified_licence), {"action": "delete"})

    assert response.status_code == 302
    assert fresh(verified_licence).status == "verified"


def test_licence_page_query_count_does_not_grow_with_history(
    as_verifier, application, django_assert_max_num_queries
):
    for n in range(3):
        add_document(application, name=f"scan-{n}.pdf")
    as_verifier.get(licence_url(application))
    with django_assert_max_num_queries(40) as few:
        as_verifier.get(licence_url(application))
    for n in range(12):
        add_document(application, name=f"more-{n}.pdf")
        LicenceEvent.objects.create(licence=application, action="note", to_status="submitted")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = as_verifier.get(licence_url(application))

    assert response.status_code == 200


def test_revocation_needs_a_reason_and_takes_products_off_sale_for_good(
    as_manager, verified_licence, product_on_sale
):
    refused = act(as_manager, verified_licence, "revoke", reason="")
    assert "Please give a reason" in refused.content.decode()
    assert Product.objects.browsable().filter(pk=product_on_sale.pk).exists()

    act(as_manager, verified_licence, "revoke", reason="Licence withdrawn by the ministry")

    assert fresh(verified_licence).status == "revoked"
    assert not Product.objects.browsable().filter(pk=product_on_sale.pk).exists()
    page = as_manager.get(licence_url(verified_licence)).content.decode()
    assert 'data-testid="action-reinstate"' not in page
    assert 'data-testid="action-renew"' not in page
