Feature: Adding a claim the detector missed
  A claim in the ledger must quote its article verbatim, so a fact-checker adds a
  missed claim by copying its exact words; factcheck finds where they stand.

  Background:
    Given the sample article about Kim Jong Un's visit to Russia
    And the article has been ingested

  Scenario: A verbatim quote becomes a new claim
    When the fact-checker adds the claim "Kim inspected hypersonic missiles"
    Then a claim is stored with status "new" quoting "Kim inspected hypersonic missiles"
    And the stored claim quotes the article exactly at its offsets
    And the claim records that "tester" added it

  Scenario: A quote that is not in the article is refused with the closest passages
    When the fact-checker adds the claim "Kim inspected supersonic missiles"
    Then the command is refused with "quote not found verbatim in article 1"
    And the passage "A: Kim inspected hypersonic missiles, nuclear bombers, and warships." is suggested
    And no claim was added

  Scenario: A quote that occurs more than once is refused
    When the fact-checker adds the claim "hypersonic missiles"
    Then the command is refused with "quote occurs 2 times in article 1"
    And no claim was added

  Scenario: A quote must be whole words
    When the fact-checker adds the claim "Kim inspected hypersonic missile"
    Then the command is refused with "quote cuts a word in half"
    And no claim was added
