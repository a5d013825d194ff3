from oscar.apps.partner import apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app, forked: a producer IS an Oscar partner."""

    name = "producers"
    verbose_name = "Producers"
