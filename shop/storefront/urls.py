from django.urls import path

from . import views

app_name = "storefront"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("producers/<slug:code>/", views.producer_detail, name="producer"),
    path("producers/<slug:code>/follow/", views.producer_follow, name="producer-follow"),
    path("verify/<str:number>/", views.licence_check, name="verify"),
    path("verify/<str:number>/qr.svg", views.licence_qr, name="verify-qr"),
]
