"""What the organisation tells the apps above it, without importing them (the arrows point down)."""

from django.dispatch import Signal

# Sent with `user_ids` inside the transaction that changed which services these people work in (a position's
# holder, role or service, or a person deactivated). Cases listen, so a case's holder who leaves their service
# leaves the case in the same transaction.
service_membership_changed = Signal()

# Sent with `position_id`, `old_holder_id`, `new_holder_id` (either may be None: a vacant position) and `by` inside
# the transaction that gave an existing position to another person. Meetings listen: the seat's invitations to
# future meetings follow the new holder.
position_holder_changed = Signal()
