"""Writes to the content tree."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLES = {"en": "Muntij", "ar": "مُنتِج", "fa": "مُنتِج"}
HOME_INTROS = {
    "en": "Perfume, food, crafts and fashion from licensed home producers.",
    "ar": "عطور وأطعمة وحِرف وأزياء من أسر منتجة مرخّصة.",
    "fa": "عطر، غذا، صنایع دستی و پوشاک از تولیدکنندگان خانگی دارای مجوز.",
}


@transaction.atomic
def home_page_ensure(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make the home page the default site's root, translated into every language; idempotent."""
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locales[settings.LANGUAGE_CODE])
    )
    home = HomePage.objects.filter(locale=locales[settings.LANGUAGE_CODE]).first()
    if home is None:
        # Wagtail's starter page ("Welcome to your new Wagtail site!") holds the slug.
        Page.objects.filter(depth=2).not_type(HomePage).delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLES["en"], slug="home", intro=HOME_INTROS["en"],
                locale=locales[settings.LANGUAGE_CODE],
            )
        )
        home.save_revision().publish()
    Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(
        is_default_site=False
    )
    Site.objects.update_or_create(
        hostname=hostname,
        port=port,
        defaults={"is_default_site": True, "root_page": home, "site_name": "Muntij"},
    )
    for code, locale in locales.items():
        if code == settings.LANGUAGE_CODE or home.has_translation(locale):
            continue
        translation = home.copy_for_translation(locale)
        translation.title = HOME_TITLES.get(code, home.title)
        translation.intro = HOME_INTROS.get(code, home.intro)
        translation.save_revision().publish()
    return home
