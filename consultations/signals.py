"""What the consultations app tells the apps above it.

invitation_answered: an invitee's answer (given or changed through the emailed link) has just been recorded.
Sent inside the answer's transaction. sender: Invitation; kwargs: invitation, previous (the earlier answer).
"""

from django.dispatch import Signal

invitation_answered = Signal()
