"""Staff pages of the terms app, one module per area: versions (the list, a draft, its summary, status,
circulation, diff and PDF), sections, feedback (feedback by section and the changes list), roles (the role
matrix) and records (the ratification record). urls.py imports each view from its module. The emailed-link
pages are in terms.public_views; the ratification's pages are the ratification app's."""
