"""What every page's menu needs to know about the user, asked only if the page shows a menu."""
from django.utils.functional import SimpleLazyObject


def menu(request):
    from reports.rules import works_for_a_district

    user = getattr(request, "user", None)
    return {"works_for_a_district": SimpleLazyObject(lambda: user is not None and works_for_a_district(user))}
