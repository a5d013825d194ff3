from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from producers import views as producer_views
from shop.payments.views import stripe_webhook

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "licence-documents/<int:pk>/",
        producer_views.LicenceDocumentDownloadView.as_view(),
        name="licence-document",
    ),
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
]

urlpatterns += i18n_patterns(
    path("account/2fa/", include("shop.ops.urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("producer/", include("producers.portal.urls")),
    path("", include("shop.storefront.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
