"""``checker.scan`` and ``claimdiff scan``: a feed read, grouped into stories, compared per story; in-process and on
a real Dask LocalCluster (with one worker killed mid-run). The real default encoder runs throughout."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from checker.scan import render_html, render_jsonl, render_markdown, scan

FEED = {
    # one story, two outlets that disagree on the toll
    "wires/ap_elgin.md": "---\ntitle: Five killed in Elgin shooting\ndate: 2014-01-12\nsource: AP\n---\n\n"
    "ELGIN, Ill. — Five people were killed early Sunday when a gunman opened fire at a party on North Street in "
    "Elgin, police said.\n",
    "wires/reuters_elgin.md": "---\ntitle: Elgin party shooting leaves seven dead\ndate: 2014-01-12\n"
    "source: Reuters\n---\n\nELGIN, Ill. — Seven people were killed early Sunday when a gunman opened fire at a "
    "party on North Street in Elgin, police said.\n",
    # another story, two outlets that agree
    "wires/ap_tacoma.md": "---\ntitle: Tacoma warehouse fire forces evacuation\ndate: 2014-02-03\nsource: AP\n"
    "---\n\nTACOMA, Wash. — About 200 residents were evacuated on Monday as a warehouse fire burned near the Tacoma "
    "tideflats, firefighters said.\n",
    "wires/kiro_tacoma.md": "---\ntitle: Fire at Tacoma tideflats warehouse, residents evacuated\ndate: 2014-02-03\n"
    "source: KIRO\n---\n\nTACOMA, Wash. — Around 200 residents were evacuated Monday after a warehouse fire broke out "
    "near the Tacoma tideflats, firefighters said.\n",
    # a story of one
    "desk/tokyo.txt": "date 2014-01-13\n\nTokyo stocks close higher\n\nThe Nikkei average rose on Monday as Toyota "
    "and Sony gained on a weaker yen, traders in Tokyo said.\n",
    # one story, one outlet twice: nothing to compare across sources
    "wires/ap_dayton.md": "---\ntitle: Three arrested after Dayton bank robbery\ndate: 2014-03-01\nsource: AP\n---\n\n"
    "DAYTON, Ohio — Three men were arrested Saturday after a robbery at a Dayton bank on Main Street, police said.\n",
    "wires/ap_dayton_update.md": "---\ntitle: Four arrested in Dayton bank robbery\ndate: 2014-03-01\nsource: AP\n"
    "---\n\nDAYTON, Ohio — Four men were arrested Saturday after a robbery at a Dayton bank on Main Street, police "
    "said.\n",
    # a bad file: reported and skipped
    "wires/empty.txt": "",
}


@pytest.fixture
def feed(tmp_path):
    for name, text in FEED.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _by_file(result) -> dict[frozenset[str], object]:
    return {frozenset(os.path.basename(a.path) for a in s.articles): s for s in result.stories}


@pytest.fixture
def local(feed, encoder):
    return scan([feed / "wires", str(feed / "desk" / "*.txt")], encoder=encoder)


def test_stories_are_the_events_and_every_article_read_is_in_exactly_one(local):
    stories = _by_file(local)
    assert set(stories) == {
        frozenset({"ap_elgin.md", "reuters_elgin.md"}),
        frozenset({"ap_tacoma.md", "kiro_tacoma.md"}),
        frozenset({"tokyo.txt"}),
        frozenset({"ap_dayton.md", "ap_dayton_update.md"}),
    }
    assert len(local.skipped) == 1 and "empty.txt" in local.skipped[0]


def test_only_stories_from_two_sources_are_compared_and_the_disagreement_is_found(local):
    stories = _by_file(local)
    elgin = stories[frozenset({"ap_elgin.md", "reuters_elgin.md"})]
    assert [g.verdict.name for g in elgin.report.discrepancies] == ["conflict"]
    assert stories[frozenset({"ap_tacoma.md", "kiro_tacoma.md"})].discrepancies == 0
    assert stories[frozenset({"ap_dayton.md", "ap_dayton_update.md"})].report is None
    assert stories[frozenset({"tokyo.txt"})].report is None
    assert local.index()[0] is elgin


def test_jsonl_is_one_story_a_line_with_the_compare_fields(local):
    lines = [json.loads(line) for line in render_jsonl(local).splitlines()]
    assert len(lines) == len(local.stories)
    for line in lines:
        assert set(line) == {"story", "articles", "groups", "summary"}
        assert all(set(a) == {"path", "id", "title", "source", "published"} for a in line["articles"])
    paths = [a["path"] for line in lines for a in line["articles"]]
    assert len(paths) == len(set(paths)) == len(FEED) - 1
    elgin = next(line for line in lines if line["summary"]["discrepancies"])
    assert elgin["groups"][0]["verdict"] == "conflict" and {a["source"] for a in elgin["articles"]} == {"AP", "Reuters"}


def test_output_is_stable_run_to_run(feed, encoder, local):
    again = scan([feed / "wires", str(feed / "desk" / "*.txt")], encoder=encoder)
    assert render_jsonl(again) == render_jsonl(local)
    assert render_markdown(again) == render_markdown(local)


def test_markdown_and_html_lead_with_the_story_that_disagrees(local):
    elgin = local.index()[0].id
    markdown, page = render_markdown(local), render_html(local)
    assert markdown.index(elgin) < min(markdown.index(s.id) for s in local.stories if s.id != elgin)
    assert page.startswith("<!doctype html>") and f"id='{elgin}'" in page


def test_the_html_page_renders_each_story_as_a_table(local):
    """Each disagreeing story's section is an HTML table with a row a group and a cell a report, as the compare page
    renders it: no Markdown pasted into a <pre> (literal ``**34**<br>``, off the page's right edge)."""
    from html.parser import HTMLParser

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.section, self.tables, self.cells, self.tags = None, {}, {}, []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            if tag == "section":
                self.section = dict(attrs)["id"]
            elif tag == "table" and self.section:
                self.tables[self.section] = self.tables.get(self.section, 0) + 1
            elif tag == "td" and self.section:
                self.cells.setdefault(self.section, []).append("")

        def handle_data(self, data):
            if self.section and self.tags and self.tags[-1] in ("td", "b", "mark", "small"):
                self.cells[self.section][-1] += data

    elgin = local.index()[0].id
    page = render_html(local)
    parser = Tables()
    parser.feed(page)
    assert "pre" not in parser.tags and "**" not in page
    assert parser.tables == {elgin: 1}
    cells = " ".join(parser.cells[elgin])
    assert "Five" in cells and "Seven" in cells and "conflict" in cells


def test_since_leaves_out_older_articles(feed, encoder):
    result = scan([feed / "wires"], since="2014-02-01", encoder=encoder)
    assert {os.path.basename(a.path) for s in result.stories for a in s.articles} == {
        "ap_tacoma.md",
        "kiro_tacoma.md",
        "ap_dayton.md",
        "ap_dayton_update.md",
    }


def _claimdiff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True, timeout=120)


def test_cli_scan_writes_jsonl_names_the_skipped_file_and_exits_1_on_a_discrepancy(feed):
    done = _claimdiff("scan", str(feed / "wires"), "-o", str(feed / "out.jsonl"))
    assert done.returncode == 1, done.stderr
    assert "empty.txt" in done.stderr and "Traceback" not in done.stderr
    assert len((feed / "out.jsonl").read_text().splitlines()) == 3


@pytest.mark.parametrize(
    "args", [["scan", "no/such/folder"], ["scan", ".", "--since", "2014-13-40"]], ids=["nothing", "bad date"]
)
def test_cli_scan_trouble_is_one_line_and_exit_2(args):
    done = _claimdiff(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster


def test_a_dask_cluster_gives_the_in_process_result(feed, local, cluster):
    on_cluster = scan([feed / "wires", str(feed / "desk" / "*.txt")], scheduler=cluster.scheduler_address)
    assert render_jsonl(on_cluster) == render_jsonl(local)


def test_killing_a_worker_mid_run_loses_no_story_and_doubles_none(feed, local, cluster):
    killed: list[int] = []

    def kill_a_busy_worker(stage: str, done: int, total: int) -> None:
        # after the first story comes back, kill a worker that still holds one (the scheduler runs in this process)
        if stage != "compare" or killed or done >= total:
            return
        workers = list(cluster.scheduler.workers.values())
        busy = [w for w in workers if w.processing] or workers
        os.kill(busy[0].pid, signal.SIGKILL)
        killed.append(busy[0].pid)

    result = scan(
        [feed / "wires", str(feed / "desk" / "*.txt")],
        scheduler=cluster.scheduler_address,
        progress=kill_a_busy_worker,
    )
    assert killed, "no worker was killed: the run ended before the second story"
    assert render_jsonl(result) == render_jsonl(local)


def test_dates_fill_in_only_what_the_files_do_not_say(tmp_path, encoder):
    (tmp_path / "dated.txt").write_text("date 2014-01-13\n\nTokyo stocks\n\nThe Nikkei rose in Tokyo.\n")
    (tmp_path / "undated.txt").write_text("Elgin fire\n\nA fire burned in Elgin on Sunday.\n")
    given = {str(tmp_path / name): "2020-05-05" for name in ("dated.txt", "undated.txt")}
    result = scan([tmp_path], dates=given, encoder=encoder)
    published = {os.path.basename(a.path): a.published for s in result.stories for a in s.articles}
    assert published == {"dated.txt": "2014-01-13", "undated.txt": "2020-05-05"}


def test_the_sentences_read_ahead_are_all_that_compare_then_parses(feed, encoder, monkeypatch):
    from checker import frames
    from checker.scan import compare_story, reading_items

    frames._read.clear()
    result = scan([feed / "wires"], encoder=encoder, cache=False)
    stories = [s for s in result.stories if s.report is not None]
    frames._read.clear()
    frames.read(reading_items(stories, cache=False), cache=False)

    def refuse(texts):
        raise AssertionError(f"parsed after reading ahead: {list(texts)}")

    monkeypatch.setattr(frames, "parse", refuse)
    for story in stories:
        assert compare_story(story, encoder=encoder, cache=False).to_dict() == story.report.to_dict()


def test_many_small_batches_and_two_parsers_give_the_one_process_result(feed, encoder, local, monkeypatch):
    import checker.scan as scan_module
    from checker import frames

    monkeypatch.setattr(scan_module, "PREPARE_ARTICLES", 1)  # each story its own batch, parsed while one is compared
    for processes in (1, 2):
        frames._read.clear()
        monkeypatch.setattr(scan_module, "PARSE_PROCESSES", processes)
        again = scan([feed / "wires", str(feed / "desk" / "*.txt")], encoder=encoder, cache=False)
        assert render_jsonl(again) == render_jsonl(local)


def test_a_file_gone_before_its_story_is_compared_is_reported_and_the_others_are_compared(feed, encoder, local):
    gone = feed / "wires" / "reuters_elgin.md"

    def remove_after_reading(stage, done, total):
        if stage == "read" and done == total and gone.exists():
            gone.unlink()

    result = scan([feed / "wires", str(feed / "desk" / "*.txt")], encoder=encoder, progress=remove_after_reading)
    assert any("not compared" in s and "reuters_elgin" in s for s in result.skipped)
    tacoma = _by_file(result)[frozenset({"ap_tacoma.md", "kiro_tacoma.md"})]
    assert tacoma.report is not None
    assert tacoma.to_dict() == _by_file(local)[frozenset({"ap_tacoma.md", "kiro_tacoma.md"})].to_dict()
