"""The one error a field reader or a model check raises: what is wrong and what to write instead."""
from __future__ import annotations


class Mistake(ValueError):
    """A value the editor must change. `message` says what is wrong, `hint` what to write instead, both
    in Chinese; data/validate.py reports it on the value's line, with its file."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint
