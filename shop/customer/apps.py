from django.urls import path
from oscar.apps.customer import apps


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked: sign-up confirms the e-mail address before log-in."""

    name = "shop.customer"

    def get_urls(self):
        from . import views

        urls = [
            path("register/check-inbox/", views.RegistrationSentView.as_view(),
                 name="register-sent"),
            path("activate/<str:token>/", views.AccountActivateView.as_view(), name="activate"),
        ]
        return self.post_process_urls(urls) + super().get_urls()
