from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache's table (settings.CACHES), made with the schema like any other table.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("okr_tracker", "0004_version_stamps")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
