"""Stripe without the network: an injected HTTP client that answers like Stripe's API."""

import json
from urllib.parse import parse_qs

import pytest
import stripe

from shop.payments.gateway import set_gateway
from shop.payments.stripe_gateway import StripeGateway

WEBHOOK_SECRET = "whsec_test_secret"


class FakeStripeHTTP(stripe.HTTPClient):
    """Records every request; answers from small canned responses; can be down or declining."""

    name = "fake"

    def __init__(self):
        super().__init__()
        self.requests = []
        self.mode = "ok"
        self.intents = {}

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        form = {k: v[0] for k, v in parse_qs(post_data or "").items()}
        self.requests.append({"method": method, "url": url, "headers": dict(headers or {}),
                              "form": form})
        if self.mode == "down":
            raise stripe.APIConnectionError("network unreachable")
        if self.mode == "decline":
            error = {"error": {"type": "card_error", "code": "card_declined",
                               "message": "Your card was declined."}}
            return json.dumps(error), 402, {}
        return json.dumps(self._answer(method, url, form)), 200, {}

    def _answer(self, method, url, form):
        path = url.split("api.stripe.com")[-1].split("?")[0]
        if path == "/v1/payment_intents" and method == "post":
            intent_id = f"pi_{len(self.intents) + 1}"
            self.intents[intent_id] = {
                "id": intent_id, "object": "payment_intent", "amount": int(form["amount"]),
                "currency": form["currency"], "status": "requires_payment_method",
                "client_secret": f"{intent_id}_secret_x",
            }
            return self.intents[intent_id]
        if path.startswith("/v1/payment_intents/"):
            return self.intents[path.rsplit("/", 1)[-1]]
        if path == "/v1/refunds":
            return {"id": f"re_{len(self.requests)}", "object": "refund"}
        if path.endswith("/reversals"):
            return {"id": f"trr_{len(self.requests)}", "object": "transfer_reversal"}
        if path == "/v1/accounts":
            return {"id": "acct_new", "object": "account"}
        if path == "/v1/account_links":
            return {"object": "account_link", "url": "https://connect.stripe.com/setup/e/x"}
        if path == "/v1/transfers":
            return {"id": f"tr_{len(self.requests)}", "object": "transfer"}
        raise AssertionError(f"unexpected Stripe call {method} {path}")

    def posts(self, path):
        return [r for r in self.requests if r["method"] == "post" and r["url"].endswith(path)]

    def close(self):
        pass


@pytest.fixture
def stripe_http():
    """The fake Stripe API, injected into the gateway for the length of a test."""
    http = FakeStripeHTTP()
    set_gateway(StripeGateway(secret_key="sk_test_fake", webhook_secret=WEBHOOK_SECRET,
                              http_client=http))
    yield http
    set_gateway(None)


def signed(event: dict, *, secret: str = WEBHOOK_SECRET, timestamp=None) -> tuple[bytes, str]:
    """A webhook body and its Stripe-Signature header, made with Stripe's own helper."""
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)
    return payload.encode(), header


def intent_event(event_id: str, intent_id: str, amount: int, kind="payment_intent.succeeded"):
    return {
        "id": event_id, "object": "event", "type": kind,
        "data": {"object": {"id": intent_id, "object": "payment_intent", "amount": amount,
                            "amount_received": amount if kind.endswith("succeeded") else 0,
                            "last_payment_error": None if kind.endswith("succeeded")
                            else {"message": "Your card was declined."}}},
    }
