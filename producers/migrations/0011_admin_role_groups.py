"""Create the admin role groups (verifier, programme manager, commerce ops) with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_groups(apps, schema_editor):
    from django.apps import apps as global_apps

    from producers.administration.roles import roles_sync

    # Permissions are normally created after migrate; the groups need them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias)
    roles_sync(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("partner", "0010_licence_admin_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("order", "0022_producer_fulfilment_and_ledger"),
        ("catalogue", "0033_product_fulfilment_food_category_names"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
