"""``marsad train ner`` and ``marsad eval ner``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]

# The corpora live in shared/ beside the repository (see docs/NER.md); --data overrides.
DEFAULT_DATA = next(
    (p for p in (Path("../shared/data/ner"), Path("/work/shared/data/ner")) if p.is_dir()),
    Path("../shared/data/ner"),
)


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @train_app.command("ner")
    def train_ner(
        out: Annotated[Path, typer.Option("--out", help="Directory to write ner_crf.crfsuite and its metadata to.")],
        data: Annotated[Path, typer.Option("--data", help="Directory of the NER corpora (see docs/NER.md).")] = (
            DEFAULT_DATA
        ),
        corpus: Annotated[
            list[str] | None,
            typer.Option("--corpus", help="Corpora whose train split is used (repeatable; default: newsfane)."),
        ] = None,
        c1: Annotated[float | None, typer.Option(help="L1 regularisation (default: the shipped model's).")] = None,
        c2: Annotated[float | None, typer.Option(help="L2 regularisation (default: the shipped model's).")] = None,
        max_iterations: Annotated[int | None, typer.Option(help="L-BFGS iterations.")] = None,
        no_gazetteer: Annotated[
            bool, typer.Option("--no-gazetteer", help="Train without gazetteer features.")
        ] = False,
        splits: Annotated[
            list[str] | None,
            typer.Option("--splits", help="Splits to train on (repeatable; default: train and dev)."),
        ] = None,
        no_stack: Annotated[
            bool, typer.Option("--no-stack", help="One CRF pass only (no document-level second pass).")
        ] = False,
    ) -> None:
        """Train the CRF NER model on the corpora's train splits (deterministic)."""
        from marsad.entities.train import TrainConfig, train

        cfg = TrainConfig()
        if corpus:
            cfg.corpora = tuple(corpus)
        if c1 is not None:
            cfg.c1 = c1
        if c2 is not None:
            cfg.c2 = c2
        if max_iterations is not None:
            cfg.max_iterations = max_iterations
        cfg.use_gazetteer = not no_gazetteer
        cfg.stack = not no_stack
        if splits:
            cfg.splits = tuple(splits)
        path = train(data, out, cfg, log=typer.echo)
        typer.echo(f"model written to {path}")

    @eval_app.command("ner")
    def eval_ner(
        data: Annotated[Path, typer.Option("--data", help="Directory of the NER corpora.")] = DEFAULT_DATA,
        model: Annotated[
            Path | None, typer.Option("--model", help="Model directory (default: the shipped model).")
        ] = None,
        split: Annotated[str, typer.Option(help="Split to score: test (held out) or dev.")] = "test",
        corpus: Annotated[
            list[str] | None, typer.Option("--corpus", help="Corpora to score (default: all present).")
        ] = None,
        json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
        system: Annotated[
            str,
            typer.Option(
                help="What to score: 'tagger' (the CRF alone) or 'stage' (the whole entity stage: gazetteers, "
                "cue patterns, the tagger of --model or the shipped one, and resolution)."
            ),
        ] = "tagger",
    ) -> None:
        """Precision/recall/F1 per type and micro F1 (PERSON, ORG, LOCATION/COUNTRY) per corpus."""
        from marsad.entities import tagger
        from marsad.entities.corpora import CORPORA, load_splits
        from marsad.entities.ner_eval import evaluate_documents, evaluate_stage, format_report

        if system not in ("tagger", "stage"):
            typer.echo(f"--system must be 'tagger' or 'stage', not {system!r}", err=True)
            raise typer.Exit(2)

        m = tagger.load(model) if model is not None else tagger.load()
        if m is None:
            typer.echo(f"no usable NER model in {model or tagger.default_model_dir()}", err=True)
            raise typer.Exit(1)
        results = []
        trained_on = set(m.meta.get("corpora", {}))
        for name in corpus or CORPORA:
            if f"{name}/{split}" in trained_on:
                typer.echo(f"note: the model was trained on {name}/{split}; its scores there are not held out")
            splits = load_splits(data, name)
            if split not in splits:
                typer.echo(f"{name}: no {split} split under {data}, skipped")
                continue
            reps = (
                evaluate_stage(splits[split], name, split)
                if system == "stage"
                else evaluate_documents(splits[split], m, name, split)
            )
            for rep in reps:
                typer.echo(format_report(rep))
                typer.echo("")
                results.append(rep.as_dict())
        if json_out is not None:
            json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
