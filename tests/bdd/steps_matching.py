"""Steps of matching.feature: republished, reworded and already fact-checked claims, links,
and search. Every outlet, article and fact-check written here is a made-up fixture."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import Cli, IngestedArticle, ok, read_json, show_claim


def ran(result: Result) -> Result:
    """``result`` after checking the command succeeded."""
    ok(result)
    return result

AID = ("Meanwhile, President Joe Biden’s request for an additional $24 billion in military "
       "and humanitarian aid for the ongoing conflict is being debated in Congress.")
KINZHAL = ("One of the highlights of the visit was Kim’s inspection of Russia’s hypersonic "
           "Kinzhal missile, which can reach speeds of over 7,600 mph.")


def _republish(cli: Cli, tmp_path: Path, name: str, body: str) -> int:
    """A made-up outlet's article holding ``body``; returns its article id."""
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\ntitle: {name} (made-up fixture)\noutlet: Example Wire (made up)\n"
                    f"url: https://example.org/made-up/{name}\ndate: 2023-11-14\n---\n"
                    f"{body}\n\nThe wire's editors added no comment.\n", encoding="utf-8")
    ok(cli("ingest", str(path)))
    [article] = [a for a in read_json(cli, "articles", "list") if a["title"].startswith(name)]
    return article["id"]


def _claim_in(cli: Cli, article_id: int, words: str) -> dict:
    found = [c for c in read_json(cli, "claims", "list", "--article", str(article_id))
             if words in c["quote"]]
    assert len(found) == 1, f"{len(found)} claims of article {article_id} quote {words!r}"
    return found[0]


@when("a made-up outlet republishes the sample's aid sentence word for word",
      target_fixture="republished")
@given("a made-up outlet has republished the sample's aid sentence word for word",
       target_fixture="republished")
def republish_aid(cli: Cli, tmp_path: Path) -> int:
    article = _republish(cli, tmp_path, "aid-copy", AID)
    return _claim_in(cli, article, "$24 billion")["id"]


@when("a made-up outlet republishes the sample's Kinzhal sentence word for word",
      target_fixture="republished")
def republish_kinzhal(cli: Cli, tmp_path: Path) -> int:
    article = _republish(cli, tmp_path, "kinzhal-copy", KINZHAL)
    return _claim_in(cli, article, "7,600 mph")["id"]


@when(parsers.parse('a made-up outlet writes that the Kinzhal "{words}"'),
      target_fixture="republished")
def reword_kinzhal(cli: Cli, tmp_path: Path, words: str) -> int:
    article = _republish(cli, tmp_path, "kinzhal-reworded",
                         f"Kim saw the Kinzhal, a hypersonic missile that {words}.")
    return _claim_in(cli, article, words)["id"]


def _sample(cli: Cli, sample: IngestedArticle, words: str) -> int:
    """The sample article's claim quoting ``words``."""
    return _claim_in(cli, sample.id, words)["id"]


def _matched(cli: Cli, claim_id: int, other: int) -> dict:
    matches = show_claim(cli, claim_id)["matches"]  # shown: the full stage runs
    found = [m for m in matches if m["kind"] == "claim" and m["id"] == other]
    assert found, matches
    return found[0]


@then(parsers.parse("the republished aid claim is matched with the sample's aid claim"))
def aid_matched(cli: Cli, ingested_article: IngestedArticle, republished: int) -> None:
    sample = _sample(cli, ingested_article, "$24 billion")
    listed = {c["id"]: c for c in read_json(cli, "claims", "list")}
    # found at ingest already, word for word, in both directions
    assert [(m["id"], m["score"]) for m in listed[republished]["matches"]
            if m["kind"] == "claim"] == [(sample, 1.0)]
    assert republished in [m["id"] for m in listed[sample]["matches"]]


@then(parsers.parse("the reworded Kinzhal claim is matched with the sample's Kinzhal claim"))
def reworded_matched(cli: Cli, ingested_article: IngestedArticle, republished: int) -> None:
    sample = _sample(cli, ingested_article, "over 7,600 mph")
    match = _matched(cli, republished, sample)
    assert match["score"] >= 0.4 and match["conflicts"] == []


@then(parsers.parse("the changed Kinzhal claim is matched with the sample's Kinzhal claim, "
                    'showing "{ours}" against "{theirs}"'))
def changed_figure(cli: Cli, ingested_article: IngestedArticle, republished: int, ours: str,
                   theirs: str) -> None:
    sample = _sample(cli, ingested_article, "over 7,600 mph")
    match = _matched(cli, republished, sample)
    assert match["conflicts"] == [{"ours": ours, "theirs": theirs}]
    shown = ran(cli("claims", "show", str(republished))).stdout
    assert f"figures differ: {ours} here, {theirs} there" in shown


@given(parsers.parse('"{who}" has rated the republished aid claim "{rating}"'))
def rated_republished(cli: Cli, republished: int, who: str, rating: str) -> None:
    ok(cli("review", "triage", str(republished), "--accept", "--as", who))
    ok(cli("review", "rate", str(republished), "--rating", rating, "--summary",
           "No public record yet.", "--as", who))
    assert show_claim(cli, republished)["rating"] == rating


@when(parsers.parse("\"{who}\" links the republished aid claim into the sample's aid claim"),
      target_fixture="result")
def link_aid(cli: Cli, ingested_article: IngestedArticle, republished: int, who: str) -> Result:
    sample = _sample(cli, ingested_article, "$24 billion")
    return cli("claims", "link", str(sample), str(republished), "--as", who)


@then(parsers.parse('the link is refused because the republished aid claim "{reason}"'))
def link_refused(cli: Cli, result: Result, republished: int, reason: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: claim {republished} {reason}"), result.stderr
    assert show_claim(cli, republished)["merged_into"] is None


@then("the sample's aid claim appears in both articles")
def appears_in_both(cli: Cli, ingested_article: IngestedArticle, result: Result,
                    republished: int) -> None:
    ok(result)
    sample = {"id": _sample(cli, ingested_article, "$24 billion")}
    shown = show_claim(cli, sample["id"])
    assert [a["quote"] for a in shown["appearances"]] == [AID, AID]
    assert len({a["article_id"] for a in shown["appearances"]}) == 2
    assert show_claim(cli, republished)["merged_into"] == sample["id"]


@then("the republished aid claim is no longer listed on its own")
def not_listed(cli: Cli, republished: int) -> None:
    assert republished not in [c["id"] for c in read_json(cli, "claims", "list")]


@then(parsers.parse('both claims\' histories record the link by "{who}"'))
def link_recorded(cli: Cli, ingested_article: IngestedArticle, republished: int, who: str) -> None:
    sample = _sample(cli, ingested_article, "$24 billion")
    mine = read_json(cli, "claims", "history", str(sample))[-1]
    theirs = read_json(cli, "claims", "history", str(republished))[-1]
    assert (mine["action"], mine["actor"], mine["details"]["merged"]) == ("link", who,
                                                                          republished)
    assert (theirs["action"], theirs["actor"], theirs["details"]["into"]) == ("merged", who,
                                                                              sample)
    ok(cli("audit", "verify"))


@given(parsers.parse('the desk has imported a made-up fact-check rating the Kinzhal\'s speed '
                     '"{rating}"'))
def factcheck_imported(cli: Cli, tmp_path: Path, rating: str) -> None:
    path = tmp_path / "factchecks.jsonld"
    path.write_text(json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://checks.example.org/made-up/kinzhal-speed",
        "claimReviewed": "Russia's hypersonic Kinzhal missile can reach speeds of over "
                         "7,600 mph.",
        "author": {"@type": "Organization", "name": "Example Checks (made up)"},
        "datePublished": "2023-10-01",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": rating}}),
        encoding="utf-8")
    ok(cli("factchecks", "import", str(path)))
    [item] = read_json(cli, "factchecks", "list")
    assert (item["rating"], item["publisher"]) == (rating, "Example Checks (made up)")


@then(parsers.parse('the republished Kinzhal claim is flagged as fact-checked by "{by}" with '
                    'the rating "{rating}"'))
def flagged(cli: Cli, republished: int, by: str, rating: str) -> None:
    listed = {c["id"]: c for c in read_json(cli, "claims", "list")}[republished]
    checks = [m for m in listed["matches"] if m["kind"] == "factcheck"]
    assert [(m["publisher"], m["rating"]) for m in checks] == [(by, rating)]  # at ingest
    shown = ran(cli("claims", "show", str(republished))).stdout
    assert f"fact-checked by {by}: {rating}, https://checks.example.org/made-up/" in shown


@given(parsers.parse('"{who}" has added evidence about wind tunnel tests to the Kinzhal '
                     'claim'))
def tunnel_evidence(cli: Cli, ingested_article: IngestedArticle, who: str) -> None:
    claim = _sample(cli, ingested_article, "7,600 mph")
    ok(cli("review", "triage", str(claim), "--accept", "--as", who))
    ok(cli("evidence", "add", str(claim), "--url", "https://example.org/made-up/tunnel",
           "--publisher", "Example Lab (made up)", "--quote", "Wind tunnel tests put the top "
           "speed near Mach 10.", "--stance", "supports", "--as", who))
    assert len(show_claim(cli, claim)["evidence"]) == 1


@when(parsers.parse('the desk searches for "{query}"'), target_fixture="result")
def searches(cli: Cli, query: str) -> Result:
    return cli("search", query, "--json")


@then(parsers.parse('the Kinzhal claim is found, the snippet showing "{word}"'))
def found_by_evidence(cli: Cli, ingested_article: IngestedArticle, result: Result,
                      word: str) -> None:
    [hit] = json.loads(ran(result).stdout)
    assert hit["id"] == _sample(cli, ingested_article, "7,600 mph")
    assert f"«{word}" in hit["snippet"].lower()
