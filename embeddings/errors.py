"""Errors of the embeddings package."""


class ModelUnavailable(RuntimeError):
    """The model (or the library that runs it) is not installed. The message names what to install."""
