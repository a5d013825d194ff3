"""Producers connect a Stripe Express account; Stripe's account.updated turns payouts on."""

from shop.payments.payouts import producer_payout_connect
from tests.payments.fixtures import signed


def test_connect_creates_the_account_once_and_returns_the_onboarding_link(seller, stripe_http):
    url = producer_payout_connect(producer=seller, refresh_url="https://x/r",
                                  return_url="https://x/done")
    producer_payout_connect(producer=seller, refresh_url="https://x/r",
                            return_url="https://x/done")

    assert url.startswith("https://connect.stripe.com/")
    seller.refresh_from_db()
    assert seller.payout_account_id == "acct_new"
    assert len(stripe_http.posts("/v1/accounts")) == 1
    assert stripe_http.posts("/v1/accounts")[0]["form"]["type"] == "express"


def test_account_updated_webhook_enables_payouts(client, seller, stripe_http):
    seller.payout_account_id = "acct_umm_ali"
    seller.save()
    body, header = signed({"id": "evt_acct", "type": "account.updated",
                           "data": {"object": {"id": "acct_umm_ali", "payouts_enabled": True}}})

    response = client.post("/payments/stripe/webhook/", body, content_type="application/json",
                           HTTP_STRIPE_SIGNATURE=header)

    assert response.status_code == 200
    seller.refresh_from_db()
    assert seller.payouts_enabled
