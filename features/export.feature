Feature: Reports for every audience
  Editors read a Markdown report, readers a web page, data journalists CSV and JSON,
  search engines ClaimReview. All of it comes from the ledger, and a JSON export can be
  taken back in without losing anything.

  Background:
    Given the sample article has been ingested
    And the Kinzhal claim is the claim under review
    And the claim has been rated by "alice", approved by "bob" and published

  Scenario: An editor reads who approved what
    When the desk exports the report as markdown
    Then the report shows the claim as "published · true" with its evidence and "Approved by bob"

  Scenario: A reader sees the claims highlighted in the article
    When the desk exports the report as html
    Then every claim is highlighted in place with its id
    And the page loads nothing from elsewhere

  Scenario: A data journalist's spreadsheet cannot be hijacked by article text
    Given an article whose text starts with a spreadsheet formula has been ingested
    When the desk exports the report as csv
    Then no cell starts with a formula character

  Scenario: Search engines get ClaimReview only once the desk says who it is
    When the desk exports the report as claimreview
    Then the command is refused with "ClaimReview export refused, missing: author.name"
    When the desk is configured as "Fixture Checks (made up)" at "https://checks.example.org"
    And the article's URL is recorded as "https://example.org/fixture/kim"
    And the desk exports the report as claimreview
    Then there is one ClaimReview rating the claim "True" at 6 on a scale from 1 to 6

  Scenario: A JSON export comes back without loss
    When the desk exports the report as json
    And the export is imported into an empty ledger
    Then exporting that ledger gives the same JSON apart from the export time
