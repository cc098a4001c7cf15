"""`marsad eval search`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from marsad.cli.common import json_option, print_json


def eval_search(
    gold: Path = typer.Argument(..., help="SQuAD v1.1 JSON (e.g. ARCD), or JSONL news queries with --corpus."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="JSONL articles {id, source, published, title, text}."),
    as_json: bool = json_option,
) -> None:
    """Search quality: MRR@10, recall@k and latency."""
    from marsad.eval.search import evaluate_news, evaluate_squad

    result = evaluate_news(gold, corpus) if corpus else evaluate_squad(gold)
    if as_json:
        print_json(result)
        return
    for k, v in result.items():
        if k != "per_kind":
            typer.echo(f"{k:>10}: {v}")
    for kind, scores in result.get("per_kind", {}).items():
        typer.echo(f"{kind:>10}: " + "  ".join(f"{m} {s}" for m, s in scores.items()))


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    eval_app.command("search")(eval_search)
