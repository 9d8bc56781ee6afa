Feature: Ingesting an article
  A fact-checker feeds in a news article. factcheck stores it exactly as written and
  lists the sentences worth checking, each quoting the article word for word, with
  the numbers in it read and converted.

  Background:
    Given the sample article about Kim Jong Un's visit to Russia

  Scenario: The numeric claims come first
    When the fact-checker ingests the article
    Then the 3 highest-ranked claims are about the Kinzhal speed, the Tu-160 missile range and the $24 billion aid request
    And every claim quotes the article exactly at its offsets
    And no claim is a question from the FAQ

  Scenario: Quantities keep their qualifiers and are normalized
    When the fact-checker ingests the article
    Then the claim quoting "speeds of over 7,600 mph" has a quantity of more than 7600 mile per hour, about 12231 km/h
    And the claim quoting "range of over 4,040 miles" has a quantity of more than 4040 mile, about 6502 km
    And the claim quoting "$24 billion" has a quantity of exactly 24000000000 dollar, about 24000000000 USD

  Scenario: Claims are attributed to the person who made them
    When the fact-checker ingests the article
    Then the claim quoting "Milley suggested" is attributed to "Gen. Mark Milley"
    And the claim quoting "Rob Bauer of the NATO" is attributed to "Adm. Rob Bauer"
    And the claim quoting "Kinzhal missile, which" is attributed to "the article"

  Scenario: The date marker becomes the publication date
    When the fact-checker ingests the article
    Then the article is dated 2023-11-12
    And its stored text starts with "Amidst rising tension"

  Scenario: Ingesting the same article twice changes nothing
    Given the article has been ingested
    When the fact-checker ingests the article
    Then they are told it is "already ingested as article 1"
    And the ledger holds 1 article
