"""Every licence state change goes through a service, is audited, and tells the producer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Product
from producers import services
from producers.models import Licence, LicenceApproval, LicenceEvent, ProgrammePackage
from tests.factories import (
    LicenceFactory,
    PackageFactory,
    ProducerFactory,
    ProgrammeFactory,
    UserFactory,
    make_product,
)

Status = Licence.Status


@pytest.fixture
def admin_user(db):
    return UserFactory(email="verifier@muntij.example", is_staff=True)


@pytest.fixture
def producer(db):
    user = UserFactory(email="umm.ali@example.com")
    user.preferred_language = "ar"
    user.save()
    return services.producer_create(name="Umm Ali Bakhoor", users=[user], area="Muharraq")


@pytest.fixture
def application(producer, programme, tayeb):
    """A licence application as a producer would make it: a draft with pending approvals."""
    now = timezone.now()
    return services.licence_create(
        producer=producer, programme=programme, number="KH-2026-00001", packages=[tayeb],
        valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=365),
    )


def approve_all(licence, by):
    for approval in licence.approvals.all():
        services.approval_record(licence=licence, authority=approval.authority,
                                 reference=f"R-{approval.authority.code}", by=by)


def last_event(licence):
    return LicenceEvent.objects.filter(licence=licence).latest("pk")


def test_create_makes_a_draft_with_one_pending_approval_per_required_authority(application):
    assert application.status == Status.DRAFT
    assert sorted(a.authority.code for a in application.approvals.all()) == [
        "civil-defence", "municipality"
    ]
    assert {a.status for a in application.approvals.all()} == {"pending"}
    assert last_event(application).to_status == Status.DRAFT


def test_full_path_submit_verify_suspend_reinstate_audits_each_step(
    application, admin_user, bakhoor
):
    product = make_product(producer=application.producer, category=bakhoor)
    services.licence_submit(licence=application, by=application.producer.users.get())
    approve_all(application, admin_user)
    services.licence_verify(licence=application, by=admin_user, note="All three approvals seen")
    assert Product.objects.browsable().filter(pk=product.pk).exists()

    services.licence_suspend(licence=application, by=admin_user, reason="Complaint under review")
    assert not Product.objects.browsable().filter(pk=product.pk).exists()

    services.licence_reinstate(licence=application, by=admin_user)
    assert Product.objects.browsable().filter(pk=product.pk).exists()

    trail = [
        (e.action, e.from_status, e.to_status, e.actor_id)
        for e in LicenceEvent.objects.filter(licence=application)
    ]
    assert trail == [
        ("create", "", "draft", None),
        ("submitted", "draft", "submitted", application.producer.users.get().pk),
        ("verified", "submitted", "verified", admin_user.pk),
        ("suspended", "verified", "suspended", admin_user.pk),
        ("reinstated", "suspended", "verified", admin_user.pk),
    ]
    assert LicenceEvent.objects.get(licence=application, action="suspended").reason == (
        "Complaint under review"
    )


@pytest.mark.django_db(transaction=True)
def test_status_change_email_is_sent_after_commit(
    programme, tayeb, admin_user, django_capture_on_commit_callbacks
):
    user = UserFactory(email="hessa@example.com")
    producer = services.producer_create(name="Dar Hessa", users=[user])
    licence = LicenceFactory(producer=producer, programme=programme, covering=[tayeb])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.licence_reject(licence=licence, by=admin_user, reason="Licence scan unreadable")
    assert [m.to for m in mail.outbox] == [["hessa@example.com"]]
    assert "KH-" in mail.outbox[0].subject
    assert "Licence scan unreadable" in mail.outbox[0].body


def test_verify_refuses_while_an_approval_is_missing_and_changes_nothing(
    application, admin_user
):
    services.licence_submit(licence=application)
    municipality = application.approvals.get(authority__code="municipality")
    services.approval_record(licence=application, authority=municipality.authority,
                             reference="MUN-77", by=admin_user)
    events_before = LicenceEvent.objects.count()

    with pytest.raises(ValidationError, match="Civil Defence"):
        services.licence_verify(licence=application, by=admin_user)

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert LicenceEvent.objects.count() == events_before


def test_rejected_licence_cannot_be_verified_without_resubmission(application, admin_user):
    services.licence_submit(licence=application)
    approve_all(application, admin_user)
    services.licence_reject(licence=application, by=admin_user, reason="Wrong programme")

    with pytest.raises(ValidationError, match="rejected"):
        services.licence_verify(licence=application, by=admin_user)
    assert Licence.objects.get(pk=application.pk).status == Status.REJECTED

    services.licence_submit(licence=application)
    services.licence_verify(licence=application, by=admin_user)
    assert Licence.objects.get(pk=application.pk).status == Status.VERIFIED


@pytest.mark.parametrize(
    "service", ["licence_reject", "licence_request_changes", "licence_suspend", "licence_revoke"]
)
def test_decisions_against_the_producer_need_a_reason(application, admin_user, service):
    services.licence_submit(licence=application)
    if service in ("licence_suspend", "licence_revoke"):
        approve_all(application, admin_user)
        services.licence_verify(licence=application, by=admin_user)
    status_before = Licence.objects.get(pk=application.pk).status

    with pytest.raises(ValidationError, match="reason"):
        getattr(services, service)(licence=application, by=admin_user, reason="  ")
    assert Licence.objects.get(pk=application.pk).status == status_before


def test_changes_requested_then_resubmitted(application, admin_user):
    services.licence_submit(licence=application)
    services.licence_request_changes(licence=application, by=admin_user,
                                     reason="Upload the civil defence certificate")
    licence = Licence.objects.get(pk=application.pk)
    assert licence.status == Status.CHANGES_REQUESTED
    assert licence.status_reason == "Upload the civil defence certificate"
    services.licence_submit(licence=application)
    assert Licence.objects.get(pk=application.pk).status == Status.SUBMITTED


def test_revoked_is_final(application, admin_user):
    services.licence_submit(licence=application)
    approve_all(application, admin_user)
    services.licence_verify(licence=application, by=admin_user)
    services.licence_revoke(licence=application, by=admin_user, reason="Fraud")
    for attempt in (services.licence_reinstate, services.licence_submit):
        with pytest.raises(ValidationError):
            attempt(licence=application, by=admin_user)
    assert Licence.objects.get(pk=application.pk).status == Status.REVOKED


def test_expire_only_after_validity_and_renew_brings_it_back(tayeb, bakhoor, admin_user):
    licence = LicenceFactory(verified=True, covering=[tayeb])
    with pytest.raises(ValidationError, match="still within"):
        services.licence_expire(licence=licence)

    Licence.objects.filter(pk=licence.pk).update(valid_until=timezone.now() - timedelta(hours=1))
    product = make_product(producer=licence.producer, category=bakhoor)
    services.licence_expire(licence=licence)
    assert not Product.objects.browsable().filter(pk=product.pk).exists()

    with pytest.raises(ValidationError, match="later"):
        services.licence_renew(licence=licence, by=admin_user,
                               valid_until=timezone.now() - timedelta(days=1))
    services.licence_renew(licence=licence, by=admin_user,
                           valid_until=timezone.now() + timedelta(days=365))
    licence.refresh_from_db()
    assert licence.status == Status.VERIFIED
    assert Product.objects.browsable().filter(pk=product.pk).exists()
    assert last_event(licence).action == "renewed"


def test_verify_refuses_a_validity_that_already_ended(tayeb, admin_user):
    licence = LicenceFactory(covering=[tayeb], valid_from=timezone.now() - timedelta(days=10),
                             valid_until=timezone.now() - timedelta(days=1))
    with pytest.raises(ValidationError, match="already ended"):
        services.licence_verify(licence=licence, by=admin_user)


def test_approval_needs_a_reference(application, admin_user, authorities):
    with pytest.raises(ValidationError, match="reference"):
        services.approval_record(licence=application, authority=authorities["municipality"],
                                 reference=" ", by=admin_user)
    assert application.approvals.get(authority__code="municipality").status == "pending"


# --- bad input: refused with a clear message, nothing half-saved -------------------


def test_duplicate_licence_number_in_a_programme_is_refused(application, producer, tayeb):
    now = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.licence_create(
            producer=ProducerFactory(), programme=application.programme,
            number="KH-2026-00001", packages=[tayeb],
            valid_from=now, valid_until=now + timedelta(days=30),
        )
    assert "already has a licence with this number" in str(refused.value)
    assert Licence.objects.count() == 1


def test_same_number_in_another_programme_is_fine(application, tayeb):
    etimad = ProgrammeFactory(code="etimad", name_en="Etimad", country="AE")
    package = PackageFactory(programme=etimad, code="tayeb-ae", name_en="Tayeb AE")
    now = timezone.now()
    services.licence_create(
        producer=ProducerFactory(), programme=etimad, number="KH-2026-00001",
        packages=[package], valid_from=now, valid_until=now + timedelta(days=30),
    )
    assert Licence.objects.count() == 2


def test_validity_ending_before_it_starts_is_refused(producer, programme, tayeb):
    now = timezone.now()
    with pytest.raises(ValidationError, match="end after it starts"):
        services.licence_create(
            producer=producer, programme=programme, number="KH-9", packages=[tayeb],
            valid_from=now, valid_until=now - timedelta(days=1),
        )
    assert not Licence.objects.exists()
    assert not LicenceApproval.objects.exists()


def test_package_of_another_programme_is_refused(producer, programme, tayeb):
    etimad = ProgrammeFactory(code="etimad", name_en="Etimad", country="AE")
    foreign = PackageFactory(programme=etimad, code="anaqa", name_en="Anaqa")
    now = timezone.now()
    with pytest.raises(ValidationError, match="has no package"):
        services.licence_create(
            producer=producer, programme=programme, number="KH-10",
            packages=[tayeb, foreign], valid_from=now, valid_until=now + timedelta(days=9),
        )
    assert not Licence.objects.exists()


def test_product_in_a_category_no_package_covers_is_refused(producer):
    from catalog.services import product_create
    from tests.factories import category_root

    electronics = category_root("Electronics")
    with pytest.raises(ValidationError, match="No programme package covers"):
        product_create(producer=producer, title="Phone", category=electronics,
                       price="10.000", num_in_stock=1)
    assert not Product.objects.exists()


def test_package_must_be_tied_to_a_root_category(programme, bakhoor):
    package = ProgrammePackage(programme=programme, code="x", name_en="X", category=bakhoor)
    with pytest.raises(ValidationError, match="root category"):
        package.full_clean()


@pytest.mark.django_db(transaction=True)
def test_each_producer_person_is_emailed_in_their_own_language(
    programme, tayeb, admin_user, django_capture_on_commit_callbacks
):
    arabic = UserFactory(email="mariam@example.com", preferred_language="ar")
    english = UserFactory(email="sara@example.com", preferred_language="en")
    producer = services.producer_create(name="Bait Mariam", users=[arabic, english])
    licence = LicenceFactory(producer=producer, programme=programme, covering=[tayeb])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.licence_request_changes(licence=licence, by=admin_user, reason="Photo blurred")

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "ترخيص" in subjects["mariam@example.com"]
    assert subjects["sara@example.com"].startswith("Muntij: licence")
