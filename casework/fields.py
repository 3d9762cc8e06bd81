"""Model fields shared by the apps: free text with a ceiling.

A text field without a maximum lets anyone store a megabyte in a note, which then slows every
page and filing that shows it. `LongTextField` is a TextField limited to `LONG_TEXT` characters,
checked by the form (the field's `max_length`, with Django's "at most N characters" message) and
by the model's `full_clean()` (the same validator), so no service path stores more.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models

LONG_TEXT = 50_000  # characters: about 25 pages, more than any fact statement needs


class LongTextField(models.TextField):
    def __init__(self, *args, max_length: int | None = LONG_TEXT, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        if self.max_length is not None:
            self.validators.append(MaxLengthValidator(self.max_length))
