"""django-filter FilterSets of the quartiere app, one module per topic."""
