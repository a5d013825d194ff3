"""Licence queries named for the states the licence rule cares about."""

from datetime import datetime

from django.db import models


class LicenceQuerySet(models.QuerySet):
    def in_force(self, at: datetime):
        """Licences verified and inside their validity at a moment (SQL twin of rules)."""
        return self.filter(status="verified", valid_from__lte=at, valid_until__gt=at)

    def awaiting_decision(self):
        """Applications an admin must act on, oldest first."""
        return self.filter(status__in=["submitted"]).order_by("updated")
