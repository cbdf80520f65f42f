from districts.models import District
from reports import services
from reports.models import Report


def draft(indicator, quarter, code, by, **data):
    report = Report(indicator=indicator, district=District.objects.get(code=code), quarter=quarter)
    return services.save_report(report=report, data=data, by=by, expected_version=None)


def submitted(indicator, quarter, code, by, **data):
    return services.submit_report(report=draft(indicator, quarter, code, by, **data), by=by)
