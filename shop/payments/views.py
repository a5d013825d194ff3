"""The Stripe webhook: verify the signature on the raw body, handle each event once."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .gateway import GatewayError, InvalidEvent, get_gateway
from .services import event_process


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe calls this; 400 for a bad signature, 200 for handled and duplicate events."""
    try:
        event = get_gateway().event_parse(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except (InvalidEvent, GatewayError):
        return HttpResponseBadRequest("invalid signature")
    processed = event_process(event=event)
    return HttpResponse("ok" if processed else "duplicate")
