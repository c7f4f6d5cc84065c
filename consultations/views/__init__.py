"""Staff pages of the consultations app, one module per area: consultations (the cycle and each
consultation's life), agenda, invitations, attendance, minutes, and documents (PDF, print, .ics).
urls.py imports each view from its module. The emailed-link pages are in consultations.public_views."""
