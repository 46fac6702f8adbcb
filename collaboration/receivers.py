"""What collaboration does when the organisation tells it something (organisation/signals.py).

The organisation cannot import the apps above it, so it announces a change of a position's holder and this app
brings its invitations in line, in the same transaction. The work itself is a service (services.py).
"""

from collaboration.services import seat_holder_changed


def follow_the_seat(sender, *, position_id: int, by, **kwargs) -> None:
    seat_holder_changed(position_id=position_id, by=by)
