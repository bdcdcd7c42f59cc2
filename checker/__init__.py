"""claimdiff: find where news reports of the same events disagree on the numbers.

>>> import checker
>>> report = checker.compare(["a.txt", "b.txt"])      # doctest: +SKIP
>>> report.to_dict()["summary"]                        # doctest: +SKIP

``compare`` and ``Report`` are imported on first use, so that ``import checker`` (and ``claimdiff --help``)
stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["InputError", "Report", "compare", "scan"]
#: The one place the version is written: pyproject.toml reads it (``[tool.setuptools.dynamic]``), and releases are
#: tagged ``v`` + this.
__version__ = "0.2.0"

if TYPE_CHECKING:
    from checker.errors import InputError
    from checker.pipeline import compare
    from checker.report import Report
    from checker.scan import scan


def __getattr__(name: str) -> Any:
    if name == "compare":
        from checker.pipeline import compare

        return compare
    if name == "scan":
        from checker.scan import scan

        return scan
    if name == "Report":
        from checker.report import Report

        return Report
    if name == "InputError":
        from checker.errors import InputError

        return InputError
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
