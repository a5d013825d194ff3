from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("join/", views.join, name="join"),
    path("profile/", views.profile, name="profile"),
    path("vacation/", views.vacation, name="vacation"),
    path("licences/new/", views.licence_create_view, name="licence-create"),
    path("licences/<int:pk>/", views.licence_detail, name="licence-detail"),
    path("licences/<int:pk>/edit/", views.licence_edit, name="licence-edit"),
    path("licences/<int:pk>/submit/", views.licence_submit_view, name="licence-submit"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("products/", views.product_list, name="product-list"),
    path("products/new/", views.product_create_view, name="product-create"),
    path("products/<int:pk>/", views.product_edit, name="product-edit"),
    path("products/<int:pk>/publish/", views.product_publish_view, name="product-publish"),
    path("products/<int:pk>/images/<int:image_pk>/delete/", views.product_image_delete,
         name="product-image-delete"),
    path("orders/", views.order_list, name="order-list"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
    path("orders/<int:pk>/<slug:action>/", views.order_action, name="order-action"),
    path("sales/", views.sales, name="sales"),
    path("sales/payouts/connect/", views.payout_connect, name="payout-connect"),
    path("members/", views.members, name="members"),
    path("members/<int:user_pk>/remove/", views.member_remove, name="member-remove"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
]
