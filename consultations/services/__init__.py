"""Writes for the consultations app, one module per sub-domain: consultations (the cycle's
transitions and gates), agenda (items), invitations (sending and answers through emailed links),
attendance (at the door) and minutes. Import from the module you need; nothing is re-exported."""
