"""The Dask path of ``scan`` on a running ``dask.distributed`` scheduler: files read in batches, one task a story.

Grouping stays on the client (it needs every article's vector at once, and runs at about 2,000 articles/s).

Each story's comparison is a pure task keyed by the story id, so a task lost with a worker is run again on another
worker and its result is kept once: no story is lost and none is counted twice. Each worker loads the default
sentence encoder once (offline, from its own site-packages) and keeps it for every story it compares.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from checker.errors import InputError
from checker.safeio import printable
from checker.scan import Story, compare_story, read_articles

#: Files a reading task reads: large enough that the task outweighs its scheduling (about 1 ms a file).
READ_BATCH = 200

_ENCODERS: dict[bool, object] = {}


def _on_worker(story: Story, cache: bool):
    if cache not in _ENCODERS:
        from embeddings import DEFAULT_BACKEND, load_encoder

        _ENCODERS[cache] = load_encoder(DEFAULT_BACKEND, cache=cache)
    return compare_story(story, encoder=_ENCODERS[cache], cache=cache)


def _connect(address: str):
    from distributed import Client

    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:  # refused, silent, or not an address
        raise InputError(f"{address}: no Dask scheduler answers there ({error})", about="scheduler") from error


def read_on_cluster(
    files: Sequence[str],
    dates: Mapping[str, str | None],
    *,
    address: str,
    cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[list, list[str]]:
    """:func:`checker.scan.read_articles` on the cluster at ``address``, in batches of :data:`READ_BATCH` files.

    The result is in file order, as in-process. The workers read the paths: the files must be on a shared filesystem.
    """
    from distributed import as_completed

    batches = [list(files[i : i + READ_BATCH]) for i in range(0, len(files), READ_BATCH)]
    client = _connect(address)
    try:
        futures = {
            client.submit(read_articles, batch, {p: dates.get(p) for p in batch}, cache=cache, pure=False, retries=2): i
            for i, batch in enumerate(batches)
        }
        parts: dict[int, tuple] = {}
        for future, part in as_completed(futures, with_results=True):
            parts[futures[future]] = part
            if progress:
                progress("read", sum(len(batches[i]) for i in parts), len(files))
        return (
            [a for i in range(len(batches)) for a in parts[i][0]],
            [m for i in range(len(batches)) for m in parts[i][1]],
        )
    finally:
        client.close()


def compare_stories(
    stories: list[Story],
    *,
    address: str,
    cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    problems: list[str] | None = None,
) -> dict:
    """Compare each story on the cluster at ``address``; return {story id: Report}. A story whose comparison
    fails on its input (a file gone or changed since it was read) is left out and named in ``problems``.

    Raises :class:`InputError` (``about="scheduler"``) when no scheduler answers at ``address``.
    """
    from distributed import as_completed

    client = _connect(address)
    try:
        futures = {
            client.submit(_on_worker, story, cache, key=f"claimdiff-story-{story.id}", pure=True, retries=2): story.id
            for story in stories
        }
        reports = {}
        for done, future in enumerate(as_completed(futures), 1):
            try:
                reports[futures[future]] = future.result()
            except (InputError, OSError, ValueError, RecursionError) as error:  # the other stories go on
                if problems is not None:
                    problems.append(f"story {futures[future]} not compared: {printable(error)}")
            if progress:
                progress("compare", done, len(futures))
        return reports
    finally:
        client.close()
