"""The payment provider stays behind its gateway: only stripe_gateway.py imports stripe."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_stripe_gateway_imports_stripe():
    importers = [
        path.relative_to(ROOT).as_posix()
        for package in ("shop", "producers", "catalog")
        for path in (ROOT / package).rglob("*.py")
        if re.search(r"^\s*(import stripe|from stripe\b)", path.read_text(), re.MULTILINE)
    ]
    assert importers == ["shop/payments/stripe_gateway.py"]
