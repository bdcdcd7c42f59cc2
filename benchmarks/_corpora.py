"""Where the evaluation corpora live: ``../shared/corpora`` beside the project, or ``$CLAIMDIFF_CORPORA``.

The corpora are internal evaluation data and are never copied into this repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("CLAIMDIFF_CORPORA", ROOT.parent / "shared" / "corpora"))


def corpus(name: str) -> Path:
    """The corpus folder, or exit 0 with a message when it is absent (benchmarks skip cleanly)."""
    path = CORPORA / name
    if not path.exists():
        print(f"skipped: {path} is not here (set CLAIMDIFF_CORPORA to the folder that holds {name})")
        sys.exit(0)
    return path
