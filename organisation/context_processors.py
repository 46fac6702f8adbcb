from organisation.access import scope_for


def navigation(request):
    """What the header needs: which areas this person may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        "nav_is_administrator": scope.is_administrator,
        "nav_is_leadership": scope.is_leadership,
        "nav_has_cases": bool(scope.service_ids),  # only people in a service work on cases
    }
