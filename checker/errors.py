"""Errors a user can cause. The CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: the message names the file (or the setting) and what is wrong with it.

    ``about`` names the setting at fault in the library's words (``"labels"``, ``"dates"``, ``"offline"``), so that
    a front end can point at its own option for it; None when the message names a file.
    """

    def __init__(self, message: str, *, about: str | None = None) -> None:
        super().__init__(message)
        self.about = about
