Feature: The check-worthiness model learns from the desk
  The model decides what a fact-checker sees first. When the desk keeps dismissing a kind
  of sentence, retraining on its decisions should push similar sentences down the queue.

  Scenario: A desk's dismissals lower the score of similar sentences after retraining
    Given the sample article has been ingested
    And the desk's model was trained on the made-up fixture sentences alone
    And the desk has dismissed every claim that mentions "Milley"
    When the desk retrains the model on the fixture sentences and its own decisions
    Then the sentence "Milley suggested that the talks could bring benefits." scores lower than before
    And the retrained model is the one ingest now uses
