"""What the outbox tells the apps above it.

email_failed: an attempt to send an email has just failed (it stays failed until retried).
sender: OutgoingEmail; kwargs: email (with its city loaded).
"""

from django.dispatch import Signal

email_failed = Signal()
