"""The fixed split of every labelled set: train, dev and test, by ECB+ topic and GVA incident.

The test parts are the test halves the benchmarks have always used (``benchmarks/ecb_pairs.py``: ECB+ topic
crc32 % 3 == 0; ``benchmarks/gva_pairs.py``: GVA incident crc32 odd), so no judge is ever trained on a topic or an
incident that earlier figures were tested on. The rest is cut again by a second hash: a quarter dev, the rest train.
"""

from __future__ import annotations

import zlib


def _second(key: str) -> str:
    return "dev" if zlib.crc32(f"dev:{key}".encode()) % 4 == 0 else "train"


def ecb_split(topic: str) -> str:
    """``train``, ``dev`` or ``test`` for an ECB+ topic number ("41")."""
    return "test" if zlib.crc32(topic.encode()) % 3 == 0 else _second(f"ecb:{topic}")


def gva_split(incident_id: str) -> str:
    """``train``, ``dev`` or ``test`` for a GVA incident id."""
    return "test" if zlib.crc32(str(incident_id).encode()) % 2 else _second(f"gva:{incident_id}")
