"""Staff pages of the planning app, one module per area: mapping (consultation 2's needs, opportunities and
priorities), actions (the action plan, the plan by domain, the timeline), indicators (indicators, measurements,
the M&E matrix and its exports), roadmap and dashboard. urls.py imports each view from its module. The emailed-link
pages (the roadmap's ratification) are the ratification app's."""
