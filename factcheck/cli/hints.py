"""What to type to put an error right: the interface's half of every error message.

The library's errors speak of the domain and may name a hint key with parameters; this
table turns the key into the commands and flags of this CLI. Each hint's text starts with
its own separator, so ``message + hint`` reads as one sentence.
"""

from __future__ import annotations

from factcheck.errors import FactcheckError, Problem, TransitionRefused

HINTS: dict[str, str] = {
    "articles-list": "; see 'factcheck articles list'",
    "claims-list": "; see 'factcheck claims list'",
    "claim-show": "; see 'factcheck claims show {claim}'",
    "evidence-list": "; see 'factcheck evidence list CLAIM'",
    "model-info": "; see 'factcheck model info'",
    "factchecks-list": "; see 'factcheck factchecks list'",
    "reviewer": "; pass --as NAME or set FACTCHECK_REVIEWER",
    "score-band": "; give --below SCORE or --above SCORE to choose the claims",
    "edit-what": "; give --text and/or --claimant",
    "claim-text": "; pass --text with the claim as a sentence",
    "claimant": "; pass --claimant with who made the claim",
    "evidence-url": "; evidence needs --url, --publisher and --quote",
    "evidence-publisher": "; evidence needs --url, --publisher and --quote",
    "evidence-quote": "; evidence needs --url, --publisher and --quote",
    "summary": "; say in a sentence why the claim earns its rating (--summary)",
    "correction-note": "; a correction must say what was corrected (--note)",
    "add-evidence": " ('factcheck evidence add')",
    "accept": " ('factcheck review triage ID --accept')",
    "rate": " ('factcheck review rate')",
    "approve": " ('factcheck review approve ID --as NAME')",
    "correct": " ('factcheck review correct ID --rating R --summary S --note N')",
    "train-data": "; give --data FILE and/or --from-db",
    "train-output": " (--output)",
    "train-version": " (--version)",
    "text-field": "; pass --text-field NAME",
    "empty-article": " or --text-field",
    "json-export": "; pass a file made by 'factcheck export --format json'",
    "make-export": "; make one with 'factcheck export --format json'",
    "desk-name": "; 'factcheck config set desk.name NAME' or --desk-name",
    "desk-url": "; 'factcheck config set desk.url URL' or --desk-url",
    "edit-text": "; 'factcheck claims edit {claim} --text TEXT'",
    "shorten-text": "; shorten it with 'factcheck claims edit {claim} --text'",
    "set-claimant": "; set one with 'factcheck claims edit {claim} --claimant NAME'",
    "article-date": "; 'factcheck articles set {article} --date YYYY-MM-DD'",
    "article-url": "; 'factcheck articles set {article} --url URL'",
}

# the command that performs each workflow action
ACTION_COMMANDS = {
    "accept": "review triage ID --accept", "dismiss": "review triage ID --dismiss",
    "rate": "review rate", "approve": "review approve", "publish": "review publish",
    "correct": "review correct",
}


def hint_text(hint: str | None, params: dict) -> str:
    """The text of a hint key (empty for none or an unknown key)."""
    template = HINTS.get(hint or "", "")
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def render_problem(problem: Problem) -> str:
    """A problem with its hint."""
    return problem.message + hint_text(problem.hint, problem.params)


def render_error(exc: FactcheckError) -> str:
    """A library error as the one line the CLI prints after ``Error:``."""
    if isinstance(exc, TransitionRefused):
        allowed = ", ".join(f"{a} ('factcheck {ACTION_COMMANDS[a]}')" for a in exc.allowed)
        return (f"claim {exc.claim_id} is {exc.status}; cannot {exc.action} it. Allowed "
                f"next: {allowed or 'none'}")
    if exc.problems:
        text = exc.prefix + "; ".join(render_problem(p) for p in exc.problems)
    else:
        text = exc.message
    return text + hint_text(exc.hint, exc.params)
