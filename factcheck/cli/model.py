"""``factcheck model``: the check-worthiness model (train, evaluate, info, use)."""

from __future__ import annotations

from pathlib import Path

import typer

from factcheck.cli.common import AsOption, JsonOption, actor, session
from factcheck.cli.output import print_json

app = typer.Typer(help="The check-worthiness model: train, evaluate, inspect, switch.",
                  no_args_is_help=True)

METRICS = ("n", "precision", "recall", "f1", "average_precision", "threshold")


@app.command("evaluate")
def evaluate_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="JSON array of {text, label} or "
                                "CSV/TSV with text and label columns."),
    as_json: JsonOption = False,
) -> None:
    """Score labelled sentences with the active model; print precision, recall, F1,
    average precision and the threshold used."""
    from factcheck.services.models import evaluate

    with session(ctx) as s:
        result = evaluate(session=s, path=file)
    if as_json:
        print_json({k: result[k] for k in METRICS})
        return
    typer.echo(f"model {result['model']} on {file}")
    for key in METRICS:
        typer.echo(f"{key + ':':<19}{result[key]}")


@app.command("train")
def train_command(
    ctx: typer.Context,
    data: list[Path] = typer.Option([], "--data", help="Labelled file(s) (repeatable)."),
    from_db: bool = typer.Option(False, "--from-db", help="Also learn from the desk's "
                                 "decisions: accepted = check-worthy, dismissed = not."),
    output: Path | None = typer.Option(None, "--output", help="Also write the model file."),
    version: str | None = typer.Option(None, "--version", help="Name of the new version "
                                       "(default desk-DATE-TIME)."),
    activate: bool = typer.Option(True, "--activate/--no-activate",
                                  help="Make it the model ingest uses."),
    teacher: str | None = typer.Option(None, "--teacher", metavar="NAME",
                                       help="Distil from a fine-tuned teacher: minilm-l6 "
                                            "(needs factcheck[teacher]; about an hour on "
                                            "two CPU cores for the ClaimBuster file)."),
    dense: bool = typer.Option(True, "--dense/--no-dense",
                               help="With --teacher: add the dense part over word vectors "
                                    "(default; --no-dense trains the linear model alone, "
                                    "as claimbuster-v2)."),
    as_name: AsOption = None,
) -> None:
    """Train a model (needs factcheck[train]), store it in the ledger and use it."""
    from factcheck.errors import UsageError
    from factcheck.services.models import fit, store_trained, training_set

    if not data and not from_db:
        raise UsageError("nothing to train on; give --data FILE and/or --from-db")
    if output is not None and not output.parent.is_dir():
        # refused before training (which can take an hour), not after
        raise UsageError(f"--output {output}: no such folder; create it or choose another "
                         "path")

    def progress(message: str) -> None:
        typer.echo(message, err=True)

    with session(ctx) as s:
        ts = training_set(session=s, data=data, from_db=from_db, version=version,
                          output=output, activate=activate)
    result = fit(ts, teacher=teacher, dense=dense, progress=progress)
    with session(ctx) as s:
        out = store_trained(session=s, ts=ts, result=result, actor=actor(as_name),
                            output=output, activate=activate)
    cv = out.cv
    typer.echo(f"Trained {out.version} on {out.examples} sentences ({out.desk_examples} desk "
               f"decisions): {cv['folds']}-fold CV F1 {cv['f1']:.3f}, average precision "
               f"{cv['average_precision']:.3f}, threshold {cv['threshold']:.3f}"
               + ("; now active" if activate else "")
               + (f"; written to {out.saved_to}" if out.saved_to else "") + ".")


@app.command("info")
def info_command(ctx: typer.Context,
                 as_json: JsonOption = False) -> None:
    """Show the active model, its training data and cross-validation scores."""
    from factcheck.services.models import model_info

    with session(ctx) as s:
        info = model_info(session=s)
    if as_json:
        print_json(info)
        return
    cv = info["cv"]
    typer.echo(f"active:    {info['active']}")
    typer.echo(f"threshold: {info['threshold']}")
    if cv is None:
        typer.echo("cv:        none (the transparent heuristic; weights in "
                   "factcheck/ingest/detect.py)")
    else:
        typer.echo(f"cv:        {cv['folds']}-fold (seed {cv['seed']}) on {cv['n']} sentences: "
                   f"F1 {cv['f1']}, precision {cv['precision']}, recall {cv['recall']}, "
                   f"average precision {cv['average_precision']}")
    for src in info["training"]:
        typer.echo(f"trained on: {src}")
    typer.echo("versions:  " + ", ".join(v["version"] for v in info["versions"]))


@app.command("use")
def use_command(ctx: typer.Context,
                version: str = typer.Argument(..., metavar="VERSION",
                                              help="A version from 'model info': "
                                                   "heuristic, claimbuster-v1 or a desk "
                                                   "model."),
                as_name: AsOption = None) -> None:
    """Switch the model ingest uses."""
    from factcheck.services.models import use

    with session(ctx) as s:
        use(session=s, version=version, actor=actor(as_name))
    typer.echo(f"Active model: {version}.")
