"""Views of the quartiere app, one module per topic."""
