"""What the terms app tells the apps above it.

feedback_received: stakeholders' feedback on a version has just been recorded (through the emailed link,
once per submission, or entered by staff from paper). Sent inside the recording transaction.
sender: TorVersion; kwargs: version, stakeholder (or None), count (comments recorded), recorded_by (the staff
user who entered it, or None for the link).
"""

from django.dispatch import Signal

feedback_received = Signal()
