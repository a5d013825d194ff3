"""Choosers in the page editor: producers and products as snippets (search by name)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from catalog.models import Product
from producers.models import Partner


class ProducerChooserViewSet(SnippetViewSet):
    model = Partner
    icon = "user"
    menu_label = "Producers"
    add_to_admin_menu = False
    list_display = ["name", "area"]
    search_fields = ["name", "area"]
    search_backend_name = None  # producers are not in the search index: plain ORM lookups


class ProductChooserViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    add_to_admin_menu = False
    list_display = ["title"]


register_snippet(ProducerChooserViewSet)
register_snippet(ProductChooserViewSet)
