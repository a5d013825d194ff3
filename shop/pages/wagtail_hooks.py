"""Choosers in the page editor: producers and products as snippets (search by name).

Choose-only: products and producers are written through the licence services, the
producer portal and Oscar's dashboard, never through Wagtail's generic edit views.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.admin_url_finder import NullAdminURLFinder
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from catalog.models import Product
from producers.models import Partner


class ChooseOnlyPermissionPolicy(ModelPermissionPolicy):
    """Wagtail may list, inspect and choose these objects; every other action is refused."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


class ChooseOnlySnippetViewSet(SnippetViewSet):
    """A snippet without Wagtail's add, edit and delete pages (their URLs are not served)."""

    add_to_admin_menu = False
    inspect_view_enabled = True
    url_finder_class = NullAdminURLFinder  # choosers offer no "Edit this product" link

    def get_urlpatterns(self):
        return [
            pattern for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "edit", "delete"}
        ]


class ProducerChooserViewSet(ChooseOnlySnippetViewSet):
    model = Partner
    icon = "user"
    menu_label = "Producers"
    list_display = ["name", "area"]
    search_fields = ["name", "area"]
    search_backend_name = None  # producers are not in the search index: plain ORM lookups
    inspect_view_fields = ["name", "code", "area"]


class ProductChooserViewSet(ChooseOnlySnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    list_display = ["title"]
    inspect_view_fields = ["title", "upc", "is_public"]


for _model in (Partner, Product):
    register_permission_policy(_model, ChooseOnlyPermissionPolicy(_model), exact_class=True)
register_snippet(ProducerChooserViewSet)
register_snippet(ProductChooserViewSet)
