"""The cockpit's views, one module per page family."""
