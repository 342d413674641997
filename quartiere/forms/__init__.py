"""Forms of the quartiere app, one module per topic."""
