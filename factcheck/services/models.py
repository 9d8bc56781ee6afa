"""The desk's check-worthiness models: which one is active, training, evaluation, rescoring.

Versions: ``claimbuster-v3`` (the default), ``claimbuster-v2`` and ``claimbuster-v1``,
shipped in the package; ``heuristic`` (the transparent rules of ``ingest/detect.py``
alone); and the models the desk trains, which live in the ledger (``model_version``) so
everyone on a shared database scores with the same one. A trained model's probability is
blended with the heuristic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, select

from factcheck.checkworthy.data import Example, file_fingerprint, read_labelled
from factcheck.checkworthy.metrics import average_precision, prf
from factcheck.checkworthy.model import BUILTIN_VERSIONS as BUILTINS  # oldest first
from factcheck.checkworthy.model import CheckworthyModel, builtin_model
from factcheck.checkworthy.train import model_bytes, require_training, train
from factcheck.core.rules import check_actor
from factcheck.core.scoring import HEURISTIC_THRESHOLD
from factcheck.errors import NotFoundError, UsageError
from factcheck.ingest.detect import WEIGHTS, score_sentences
from factcheck.storage.events import append_event
from factcheck.storage.models import Article, Claim, ModelVersion, Sentence, Setting, utcnow
from factcheck.storage.queries import get_article, sentences_of

HEURISTIC = "heuristic"
DEFAULT = BUILTINS[-1]  # the newest shipped model
ACTIVE_KEY = "model.active"
DESK_WEIGHT = 3.0  # a desk decision counts as much as three benchmark sentences
_LOADED: dict[str, CheckworthyModel] = {}


def active_version(*, session: Session) -> str:
    """The version ingest scores with (the newest shipped model unless the desk chose
    another)."""
    row = session.get(Setting, ACTIVE_KEY)
    return row.value if row else DEFAULT


def load_model(*, session: Session, version: str) -> CheckworthyModel | None:
    """A model by version (cached in this process); ``None`` for the heuristic."""
    if version == HEURISTIC:
        return None
    if version in BUILTINS:
        return builtin_model(version)
    if version not in _LOADED:
        row = session.get(ModelVersion, version)
        if row is None:
            raise NotFoundError(f"no model version '{version}'", hint="model-info")
        _LOADED[version] = CheckworthyModel.from_bytes(row.data)
    return _LOADED[version]


def active_model(*, session: Session) -> CheckworthyModel | None:
    """The model ingest and rescoring use (``None``: the heuristic alone)."""
    return load_model(session=session, version=active_version(session=session))


def use(*, session: Session, version: str, actor: str) -> None:
    """Make ``version`` the active model (recorded in the history)."""
    actor = check_actor(actor)
    load_model(session=session, version=version)  # refuses unknown versions
    row = session.get(Setting, ACTIVE_KEY)
    before = row.value if row else HEURISTIC
    row = row or Setting(key=ACTIVE_KEY, value=version)
    row.value, row.updated_by, row.updated_at = version, actor, utcnow()
    session.add(row)
    session.flush()
    append_event(session=session, actor=actor, action="model-use",
                 details={"from": before, "to": version})


def desk_examples(*, session: Session) -> list:
    """The desk's own decisions as training examples: accepted claims (triaged and
    beyond) are check-worthy, dismissed ones are not."""
    rows = session.exec(select(Claim.quote, Claim.status).where(Claim.status != "new"))
    return [Example(quote, 0 if status == "dismissed" else 1, DESK_WEIGHT)
            for quote, status in rows]


@dataclass
class TrainOutcome:
    """What training produced."""

    version: str
    cv: dict[str, Any]
    examples: int
    desk_examples: int
    saved_to: Path | None


@dataclass
class TrainingSet:
    """What a training run learns from, read and checked before the (long) training."""

    examples: list
    sources: list[dict[str, Any]]
    desk_examples: int
    version: str
    rebuild: bool  # rebuilding a shipped model's file: nothing is stored in the ledger


def training_set(*, session: Session, data: list[Path], from_db: bool,
                 version: str | None = None, output: Path | None = None,
                 activate: bool = True) -> TrainingSet:
    """Read the labelled files and/or the desk's decisions; refuse a bad request."""
    if not data and not from_db:
        raise UsageError("nothing to train on", hint="train-data")
    if output is not None and not Path(output).parent.is_dir():
        # refused before training (which can take an hour), not after
        raise UsageError(f"{output}: no such folder; create it or choose another path",
                         hint="train-output")
    examples, sources = [], []
    for path in data:
        rows = read_labelled(path)
        examples.extend(rows)
        sources.append({"file": f"{Path(path).parent.name}/{Path(path).name}",
                        "sha256": file_fingerprint(path),
                        "n": len(rows), "weight": 1.0})
    desk = desk_examples(session=session) if from_db else []
    if from_db:
        if not desk:
            raise UsageError("the ledger has no accepted or dismissed claims to learn from; "
                             "triage some first")
        examples.extend(desk)
        sources.append({"desk_decisions": len(desk), "weight": DESK_WEIGHT})
    labels = {e.label for e in examples}
    if labels != {0, 1}:
        raise UsageError("training needs both check-worthy (1) and not check-worthy (0) "
                         "examples")
    version = version or f"desk-{utcnow():%Y%m%d-%H%M%S}"
    # rebuilding a shipped model: '--version claimbuster-vN --output FILE --no-activate'
    # writes the file only (shipped versions are not stored in the ledger)
    rebuild = version in BUILTINS and output is not None and not activate
    if not rebuild:
        _refuse_taken(session=session, version=version)
    return TrainingSet(examples, sources, len(desk), version, rebuild)


def _refuse_taken(*, session: Session, version: str) -> None:
    if version in (*BUILTINS, HEURISTIC) or session.get(ModelVersion, version) is not None:
        raise UsageError(f"model version '{version}' exists already; choose another name",
                         hint="train-version")


def fit(ts: TrainingSet, *, teacher: str | None = None, dense: bool = True, progress=None):
    """Train (no database access: a long run holds no lock on the ledger). A distilled
    model gets a dense part unless ``dense`` is false."""
    require_training()
    params = None
    if teacher:
        params = {"teacher": teacher} if dense else {"teacher": teacher, "dense": None}
    return train(ts.examples, version=ts.version, sources=ts.sources, params=params,
                 progress=progress)


def store_trained(*, session: Session, ts: TrainingSet, result, actor: str,
                  output: Path | None = None, activate: bool = True) -> TrainOutcome:
    """Store the trained version in the ledger (and/or write its file); activate it."""
    blob = model_bytes(result.model)
    if not ts.rebuild:
        _refuse_taken(session=session, version=ts.version)  # taken while we trained?
        meta = {k: v for k, v in result.model.items()
                if k not in ("word", "char", "word_parts")}
        session.add(ModelVersion(version=ts.version, created_by=actor, meta=json.dumps(meta),
                                 data=blob))
        session.flush()
    if output is not None:
        Path(output).write_bytes(blob)
    if activate:
        use(session=session, version=ts.version, actor=actor)
    return TrainOutcome(ts.version, result.cv, len(ts.examples), ts.desk_examples, output)


def model_info(*, session: Session) -> dict[str, Any]:
    """The active model's record and the versions available."""
    active = active_version(session=session)
    model = active_model(session=session)
    versions = [{"version": v, "created_at": None, "created_by": None}
                for v in (HEURISTIC, *BUILTINS)] + [
        {"version": v, "created_at": c.isoformat() if c else None, "created_by": b}
        for v, c, b in session.exec(select(ModelVersion.version, ModelVersion.created_at,
                                           ModelVersion.created_by)
                                    .order_by(ModelVersion.created_at))]
    if model is None:
        return {"active": active, "threshold": HEURISTIC_THRESHOLD, "training": [], "cv": None,
                "params": {"weights": WEIGHTS}, "features": None, "versions": versions}
    return {"active": active, "threshold": model.threshold, "training": model.meta["training"],
            "cv": model.meta["cv"], "params": model.meta.get("params"),
            "features": model.meta.get("features"), "versions": versions}


def _scores(model, texts: list[str]) -> tuple[list[float], float]:
    """Probabilities and threshold of the model, or heuristic scores and its threshold."""
    if model is None:
        return [s for s, _ in score_sentences(texts)], HEURISTIC_THRESHOLD
    return model.score(texts), model.threshold


def evaluate(*, session: Session, path: Path) -> dict[str, Any]:
    """Score a labelled file with the active model alone (or the heuristic), at its own
    threshold."""
    examples = read_labelled(path)
    scores, threshold = _scores(active_model(session=session), [e.text for e in examples])
    labels = [e.label for e in examples]
    p, r, f1 = prf(labels, scores, threshold)
    return {"n": len(examples), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f1, 4), "average_precision": round(average_precision(labels, scores), 4),
            "threshold": threshold, "model": active_version(session=session)}


def rescore(*, session: Session, actor: str, article_id: int | None = None
            ) -> dict[str, int]:
    """Re-score stored sentences with the active model; claims still ``new`` take their
    sentence's new score, reviewed claims keep theirs."""
    actor = check_actor(actor)
    model = active_model(session=session)
    query = select(Article.id)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
        query = query.where(Article.id == article_id)
    conn = session.connection()
    n_sentences = n_claims = 0
    for aid in list(session.exec(query.order_by(Article.id))):
        text = session.get(Article, aid).text
        sentences = sentences_of(session=session, article_id=aid)
        scores = score_sentences([text[s.start:s.end] for s in sentences], model)
        new_scores = {s.id: score for s, (score, _) in zip(sentences, scores, strict=True)}
        if new_scores:
            table = Sentence.__table__
            conn.execute(update(table).where(table.c.id == bindparam("sid"))
                         .values(score=bindparam("new")),
                         [{"sid": k, "new": v} for k, v in new_scores.items()])
            n_sentences += len(new_scores)
        for claim in session.exec(select(Claim).where(Claim.article_id == aid,
                                                      Claim.status == "new")):
            score = new_scores.get(claim.sentence_id)
            if score is None:
                [(score, _)] = score_sentences([claim.quote], model)
            if score != claim.score:
                claim.score = score
                session.add(claim)
                n_claims += 1
        session.flush()
        session.expunge_all()  # keep memory flat over a large ledger
    append_event(session=session, actor=actor, action="rescore",
                 details={"model": active_version(session=session), "article": article_id,
                          "sentences": n_sentences, "claims": n_claims})
    return {"sentences": n_sentences, "claims": n_claims}
