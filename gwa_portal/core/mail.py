"""Sending portal mails: German text and HTML rendered from templates, through Django's mailers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path):
    """Links in mails sent from Celery have no request; GWA_BASE_URL supplies the origin."""
    return settings.GWA_BASE_URL.rstrip("/") + path


def build_mail(
    *, to, template, context, headers=None, mail_class=EmailMultiAlternatives, **mail_kwargs
):
    """Render `<template>_subject.txt`, `_message.txt` and `_message.html` into one message.

    `mail_class` and `mail_kwargs` build a richer message (an invitation with its calendar)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.splitlines())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    message = mail_class(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        **mail_kwargs,
    )
    message.attach_alternative(html, "text/html")
    return message
