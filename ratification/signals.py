"""What the ratification app tells the apps that own a kind of document.

decision_recorded: a contact's decision (through the link, or on paper) has just been recorded.
Sent inside the decision's transaction, after the request row is saved, so a receiver's writes
(e.g. adopting the version on quorum) commit or roll back with the decision.
sender: the RatificationKind; kwargs: version (the document version), request (the ratification request).
"""

from django.dispatch import Signal

decision_recorded = Signal()

# version_adopted: a version of a ratified kind has just been adopted (the terms of reference on quorum) or
# approved (the roadmap, at consultation 4). Sent inside the adopting transaction, after the version is saved.
# sender: the RatificationKind; kwargs: version.
version_adopted = Signal()
