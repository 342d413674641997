"""The cockpit's forms: the report's period and scope, the gap analysis filter."""
