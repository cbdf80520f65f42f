from districts.resources import CommunityListFormat, CommunityResource
from okr_tracker.import_command import ImportCommand
from okr_tracker.imports import run_import


class Command(ImportCommand):
    help = "Import community lists (district, community name, status) from an xlsx file. All or nothing."

    def handle(self, *args, **options):
        path, data = self.read_file(options["file"])
        outcome = run_import(resource=CommunityResource(), dataset_format=CommunityListFormat(), data=data,
                             file_name=path.name, dry_run=options["dry_run"])
        self.report(outcome, path, "รายชื่อชุมชน", options["dry_run"])
