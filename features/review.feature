Feature: Editorial review
  A desk triages what is worth checking, gathers evidence, writes a verdict, has a
  colleague sign it off, publishes, and sometimes corrects. Every step names who did it,
  and nothing is lost.

  Background:
    Given the sample article has been ingested
    And the Kinzhal claim is the claim under review

  Scenario: Accepting a claim for checking
    When "alice" accepts the claim
    Then the claim is "triaged"
    And its history shows "alice" moved it from "new" to "triaged"

  Scenario: A claim cannot skip triage
    When "alice" rates the claim "true" with the summary "Matches the record."
    Then the command is refused with "this claim is new; cannot rate it. Allowed next: accept"
    And the claim is "new"

  Scenario: Dismissing the low-scoring claims of an article at once
    When "alice" dismisses every new claim of article 1 scoring below 0.35
    Then every claim of article 1 scoring below 0.35 is "dismissed"
    And the Kinzhal claim is "new"

  Scenario: A verdict needs evidence
    Given "alice" has accepted the claim
    When "alice" rates the claim "mostly-true" with the summary "Close to the record."
    Then the command is refused with "this claim has no evidence"

  Scenario: A false verdict needs evidence that refutes the claim
    Given "alice" has accepted the claim
    And "alice" has added evidence that supports the claim
    When "alice" rates the claim "false" with the summary "Wrong."
    Then the command is refused with "a 'false' verdict needs at least one evidence item that refutes the claim"

  Scenario: A true verdict needs evidence that supports the claim
    Given "alice" has accepted the claim
    And "alice" has added evidence that refutes the claim
    When "alice" rates the claim "true" with the summary "Right."
    Then the command is refused with "a 'true' verdict needs at least one evidence item that supports the claim"

  Scenario: An unverifiable verdict needs no evidence
    Given "alice" has accepted the claim
    When "alice" rates the claim "unverifiable" with the summary "No public record."
    Then the claim is "rated"

  Scenario: Nobody signs off their own verdict
    Given "alice" has rated the claim "true" on supporting evidence
    When "alice" approves the claim
    Then the command is refused with "alice wrote this verdict and cannot approve it"
    And the claim is "rated"

  Scenario: A second reviewer signs off and the verdict is published
    Given "alice" has rated the claim "true" on supporting evidence
    When "bob" approves the claim
    And "bob" publishes the claim
    Then the claim is "published"
    And the approval by "bob" records a hash of what was approved

  Scenario: Publishing needs a sign-off
    Given "alice" has rated the claim "true" on supporting evidence
    When "bob" publishes the claim
    Then the command is refused with "this claim is rated; cannot publish it"

  Scenario: Editing the evidence of a published verdict withdraws the sign-off
    Given the claim has been rated by "alice", approved by "bob" and published
    When "carol" adds evidence that gives context to the claim
    Then the claim is "rated"
    And the approval is gone
    And its history shows "carol" moved it from "published" to "rated"

  Scenario: Rewording an approved claim withdraws the sign-off
    Given "alice" has rated the claim "true" on supporting evidence
    And "bob" has approved the claim
    When "carol" rewords the claim as "The Kinzhal's top speed exceeds 7,600 mph."
    Then the claim is "rated"
    And the approval is gone

  Scenario: A correction keeps the published verdict on record
    Given the claim has been rated by "alice", approved by "bob" and published
    And "alice" has added evidence that refutes the claim
    When "alice" corrects the claim to "mostly-false" with the note "Speed figure is a claimed maximum."
    Then the claim is "rated"
    And its verdict is "mostly-false" with the correction note "Speed figure is a claimed maximum."
    And the earlier verdict "true" is still on record

  Scenario: Every write names the reviewer
    Given the reviewer name comes from FACTCHECK_REVIEWER as "dana"
    When the claim is accepted without --as
    Then its history shows "dana" moved it from "new" to "triaged"

  Scenario: Assigning claims
    When "alice" assigns the claim to "bob"
    Then "bob" sees the claim among their own claims
    And "carol" does not

  Scenario: An untouched ledger passes the audit
    Given the claim has been rated by "alice", approved by "bob" and published
    When the auditor verifies the ledger
    Then the audit passes

  Scenario: An event edited behind the tool's back is detected
    Given the claim has been rated by "alice", approved by "bob" and published
    And someone edits event 4 directly in the database
    When the auditor verifies the ledger
    Then the audit fails at event 4

  Scenario: An event deleted behind the tool's back is detected
    Given the claim has been rated by "alice", approved by "bob" and published
    And someone deletes event 3 directly in the database
    When the auditor verifies the ledger
    Then the audit fails at event 3

  Scenario: A stale write is refused instead of overwriting a colleague's work
    Given "alice" has read the claim at its current version
    And "bob" has accepted the claim
    When "alice" dismisses the claim expecting the version she read
    Then the command is refused with "this claim was changed by bob at"
    And the claim is "triaged"

  Scenario: Walking the review queue with single keys
    When "alice" walks her queue pressing accept on the first claim and then quit
    Then the highest-scoring claim is "triaged"
    And the queue said "Reviewed 1 claim."

  Scenario: A published verdict is corrected, not silently re-rated
    Given the claim has been rated by "alice", approved by "bob" and published
    And "alice" has added evidence that refutes the claim
    When "alice" rates the claim "false" with the summary "Wrong after all."
    Then the command is refused with "this claim's verdict was published; correct it"
