"""Choices shared by the page models and the public forms (a leaf module: it imports nothing of ``home``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegulationKind(models.TextChoices):
    LANDASAN_HUKUM = "landasan_hukum", _("Landasan hukum")
    PETUNJUK_TEKNIS = "petunjuk_teknis", _("Petunjuk teknis")
