from oscar.apps.catalogue import apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue app, forked for the licence-aware product queryset."""

    name = "catalog"

    def ready(self):
        super().ready()
        from . import receivers

        receivers.connect()
