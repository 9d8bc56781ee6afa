Feature: Has this been checked before?
  A claim often comes back: republished word for word by another outlet, reworded in a
  later story, or already checked by another fact-checker. The desk sees it at once, links
  what is the same claim so one verdict covers every appearance, and can search the
  ledger for anything it has checked. (Every outlet and fact-check here is made up.)

  Background:
    Given the sample article has been ingested

  Scenario: A claim republished word for word is recognised and linked
    When a made-up outlet republishes the sample's aid sentence word for word
    Then the republished aid claim is matched with the sample's aid claim
    When "alice" links the republished aid claim into the sample's aid claim
    Then the sample's aid claim appears in both articles
    And the republished aid claim is no longer listed on its own
    And both claims' histories record the link by "alice"

  Scenario: A reworded claim is recognised
    When a made-up outlet writes that the Kinzhal "can fly at more than 7,600 miles per hour"
    Then the reworded Kinzhal claim is matched with the sample's Kinzhal claim

  Scenario: A changed figure is flagged
    When a made-up outlet writes that the Kinzhal "can reach speeds of over 9,600 mph"
    Then the changed Kinzhal claim is matched with the sample's Kinzhal claim, showing "over 9,600 mph" against "over 7,600 mph"

  Scenario: A link is refused when the two verdicts differ
    Given a made-up outlet has republished the sample's aid sentence word for word
    And "alice" has rated the republished aid claim "unverifiable"
    When "alice" links the republished aid claim into the sample's aid claim
    Then the link is refused because the republished aid claim "has a verdict of its own ('unverifiable') that differs"

  Scenario: A claim already fact-checked elsewhere is flagged with that fact-check's rating
    Given the desk has imported a made-up fact-check rating the Kinzhal's speed "False"
    When a made-up outlet republishes the sample's Kinzhal sentence word for word
    Then the republished Kinzhal claim is flagged as fact-checked by "Example Checks (made up)" with the rating "False"

  Scenario: A search finds a claim by its evidence
    Given "alice" has added evidence about wind tunnel tests to the Kinzhal claim
    When the desk searches for "tunnels"
    Then the Kinzhal claim is found, the snippet showing "tunnel"
