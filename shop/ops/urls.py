from django.urls import path

from shop.ops import twofactor

app_name = "ops"
urlpatterns = [
    path("setup/", twofactor.setup_view, name="2fa-setup"),
    path("verify/", twofactor.verify_view, name="2fa-verify"),
]
