Feature: Bad input is refused clearly and nothing is written
  When a file cannot be read as an article, the fact-checker gets one line saying what
  is wrong and what to do, exit code 1, and the ledger is left as it was.

  Scenario Outline: An unreadable file
    Given a file "<name>" holding <content>
    When the fact-checker ingests that file
    Then the command fails with exit code 1 and says "<message>"
    And the ledger holds 0 articles

    Examples:
      | name        | content                      | message                    |
      | missing.txt | nothing, it does not exist   | no such file or directory  |
      | empty.txt   | only blank lines             | empty article (no text)    |
      | photo.txt   | binary bytes                 | binary file, not text      |
      | latin1.txt  | Latin-1 text                 | not valid UTF-8            |
      | rows.csv    | a CSV without a text column  | no 'text' column           |
      | bad.jsonl   | a line that is not JSON      | not valid JSON             |

  Scenario: One bad file in a folder means nothing of the folder is written
    Given a folder with a good article and an empty one
    When the fact-checker ingests the folder
    Then the command fails with exit code 1 and says "empty article (no text)"
    And the ledger holds 0 articles

  Scenario: A database URL that makes no sense
    Given the database URL "nonsense://"
    When the fact-checker lists the claims
    Then the command fails with exit code 1 and says "bad database URL"

  Scenario: A PostgreSQL server that cannot be reached
    Given the database URL "postgresql+psycopg://postgres@127.0.0.1:1/test"
    When the fact-checker lists the claims
    Then the command fails with exit code 1 and says "cannot open database"
