"""Befragungen: the public list of open surveys. The builder and the form arrive with their issue."""

from django.shortcuts import render


def index(request):
    return render(request, "befragung/index.html")
