"""The access log: every response that shows an identifiable child's data writes a row per child, in the
transaction of the response, before the page is rendered. If the row cannot be written, the page is not shown.
"""

import uuid
from collections.abc import Iterable

from cases.models import AccessLog, Case
from organisation.auth import client_ip

_REQUEST_ID_ATTR = "_laget_access_request_id"


def request_id(request) -> uuid.UUID:
    """One id per request, so the rows one response wrote can be found together."""
    value = getattr(request, _REQUEST_ID_ATTR, None)
    if value is None:
        value = uuid.uuid4()
        setattr(request, _REQUEST_ID_ATTR, value)
    return value


def log_access(request, cases: Iterable[Case], *, action: str, basis: str | dict[int, str]) -> None:
    """Write one row per child shown. `basis` is one reason for all, or a reason per case id."""
    rows = []
    seen = set()
    ip = client_ip(request) or None
    for case in cases:
        if case.child_id in seen:
            continue
        seen.add(case.child_id)
        reason = basis if isinstance(basis, str) else basis.get(case.pk, "")
        rows.append(
            AccessLog(
                user=request.user,
                child_id=case.child_id,
                case=case,
                action=action,
                view_name=(request.resolver_match.view_name if request.resolver_match else "")[:80],
                basis=reason[:200],
                client_ip=ip,
                request_id=request_id(request),
            )
        )
    AccessLog.objects.bulk_create(rows)


def log_denied(request, case_id: int) -> None:
    """Record a refused attempt on a case that exists (the person gets 404 and learns nothing)."""
    case = Case.objects.filter(pk=case_id).only("pk", "child_id").first()
    if case is None or not request.user.is_authenticated:
        return
    AccessLog.objects.create(
        user=request.user,
        child_id=case.child_id,
        case=case,
        action=AccessLog.Action.DENIED,
        view_name=(request.resolver_match.view_name if request.resolver_match else "")[:80],
        basis="",
        client_ip=client_ip(request) or None,
        request_id=request_id(request),
    )
