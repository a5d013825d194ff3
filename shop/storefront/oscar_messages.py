"""Oscar's own messages that the storefront shows, listed so ``makemessages`` keeps them.

Oscar's Arabic and Persian catalogues leave these in English or mistranslate them. The
project's catalogue (``LOCALE_PATHS``) outranks Oscar's, so locale/ar and locale/fa
translate them; without this list ``makemessages`` would mark them obsolete.
"""

from django.utils.translation import gettext_noop

OSCAR_MESSAGES = [
    # oscar/apps/partner/availability.py: the product page's availability line
    gettext_noop("In stock (%d available)"),
    gettext_noop("a maximum of %(max)d can be bought"),
    # oscar/apps/catalogue/reviews: the review form and the dashboard's review status
    gettext_noop("Score"),
    gettext_noop("Body"),
    gettext_noop("Reviews"),
    gettext_noop("Requires moderation"),
    # oscar/apps/wishlists/views.py
    gettext_noop("You must be logged in to view the wish list"),
    # oscar/templates/oscar/basket/messages/*.html (blocktrans keeps the whitespace)
    gettext_noop("\n    <strong>%(title)s</strong> has been added to your basket.\n    "),
    gettext_noop(
        "\n    <strong>%(quantity)s</strong> copies of <strong>%(title)s</strong>\n"
        "    have been added to your basket.\n    "
    ),
    gettext_noop("\n<strong>%(title)s</strong> has been moved back to your basket.\n"),
    gettext_noop("\nYour basket no longer qualifies for the\n<strong>%(name)s</strong> offer.\n"),
    gettext_noop("\nYour basket now qualifies for the \n<strong>%(name)s</strong> offer.\n"),
]
