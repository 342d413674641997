"""Gunicorn settings shared by the image, compose and the production smoke test.

The access log names neither the client address nor the query string: an access code or a
token must never reach a log line, and an IP address must not sit next to a request time
(docs/architecture.md §2, the survey threat model). Time, method, path, status, size and
duration are enough to run the service.
"""

accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
