"""Programme administration in the Wagtail admin: queue, licence actions, figures, roles."""
