"""Writes for the planning app, one module per sub-domain: mapping (needs, opportunities, priorities),
actions (the action plan), indicators (indicators and measurements of the M&E matrix) and roadmap
(versions, freezing, approval). Every service validates (full_clean) before it saves. Import from the
module you need; nothing is re-exported."""
