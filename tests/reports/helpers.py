from districts.models import District
from reports import services
from reports.models import Report


def draft(indicator, quarter, code, by, **data):
    report = Report(indicator=indicator, district=District.objects.get(code=code), quarter=quarter)
    return services.save_report(report=report, data=data, by=by, expected_version=None)


def submitted(indicator, quarter, code, by, **data):
    return services.submit_report(report=draft(indicator, quarter, code, by, **data), by=by)


def clerk_submitting_for(indicator, quarter, count, username="clerk-many"):
    """One clerk of the first `count` districts, each district's report submitted."""
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user(username, password="x")
    districts = list(District.objects.order_by("code")[:count])
    clerk.districts.set(districts)
    for district in districts:
        submitted(indicator, quarter, district.code, clerk, achieved=1)
    return clerk
