"""Errors a user can cause. The CLI turns each into one line on stderr and exit code 2."""


class InputError(Exception):
    """Bad input: the message names the file and what is wrong with it."""
