"""The Dask path of ``scan``: one task per story, on a running ``dask.distributed`` scheduler.

Each story's comparison is a pure task keyed by the story id, so a task lost with a worker is run again on another
worker and its result is kept once: no story is lost and none is counted twice. Each worker loads the default
sentence encoder once (offline, from its own site-packages) and keeps it for every story it compares.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.errors import InputError
from checker.scan import Story, compare_story

_ENCODERS: dict[bool, object] = {}


def _on_worker(story: Story, cache: bool):
    if cache not in _ENCODERS:
        from embeddings import DEFAULT_BACKEND, load_encoder

        _ENCODERS[cache] = load_encoder(DEFAULT_BACKEND, cache=cache)
    return compare_story(story, encoder=_ENCODERS[cache], cache=cache)


def compare_stories(
    stories: list[Story],
    *,
    address: str,
    cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict:
    """Compare each story on the cluster at ``address``; return {story id: Report}.

    Raises :class:`InputError` (``about="scheduler"``) when no scheduler answers at ``address``.
    """
    from distributed import Client, as_completed

    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:  # refused, silent, or not an address
        raise InputError(f"{address}: no Dask scheduler answers there ({error})", about="scheduler") from error
    try:
        futures = {
            client.submit(_on_worker, story, cache, key=f"claimdiff-story-{story.id}", pure=True, retries=2): story.id
            for story in stories
        }
        reports = {}
        for done, (future, report) in enumerate(as_completed(futures, with_results=True), 1):
            reports[futures[future]] = report
            if progress:
                progress("compare", done, len(futures))
        return reports
    finally:
        client.close()
