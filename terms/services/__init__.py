"""Writes for the terms app, one module per sub-domain: versions (drafts, summary, status, freezing),
sections, feedback (circulation, feedback on paper or by link, the changes list), roles (coordination roles)
and adoption (on quorum, superseding earlier versions). The ratification itself (sending, deciding once,
follow-up) is the ratification app's, with this app's kind (terms.kind: every active stakeholder holds a role
before a send). Import from the module you need; nothing is re-exported."""
