"""The demo surveys: „Lebensqualität in den Quartieren 2024“ (running, open, six languages,
about 300 invented Rueckmeldungen) and a small code survey for partners, without answers.
Safe to run twice: what exists is left as it is."""

from .seed import seed_befragung

__all__ = ["seed_befragung"]
