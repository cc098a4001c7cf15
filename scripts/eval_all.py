"""Run every quality harness on the development golds and write docs/eval.md.

    python scripts/eval_all.py [--skip stories]

Each gold is rebuilt from ../shared (labels in tests/golds/, texts never committed) into a temporary
folder, scored with the real `marsad eval …` command, and reported with that exact command. Needs
../shared beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MARSAD = [sys.executable, "-m", "marsad"]


def sh(*args: str) -> str:
    proc = subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.strip()[-500:]}")
    return proc.stdout


def evaluate(*args: str) -> dict:
    t0 = time.perf_counter()
    out = json.loads(sh(*MARSAD, "eval", *args, "--json"))
    out["_seconds"] = round(time.perf_counter() - t0, 1)
    return out


def f(x: float) -> str:
    return f"{x:.3f}"


def rows(tmp: Path, skip: set[str]) -> list[tuple[str, str, str, str]]:
    """(task, gold, figures, command) for every harness."""
    py = sys.executable
    out: list[tuple[str, str, str, str]] = []
    rel = lambda p: str(p).replace(str(tmp), "$GOLDS").replace(str(ROOT) + "/", "")  # noqa: E731

    arcd = SHARED / "data" / "arcd" / "train.json"
    r = evaluate("search", str(arcd))
    out.append(("search", f"ARCD train ({r['queries']} questions, {r['documents']} paragraphs)",
                f"MRR@10 {f(r['mrr@10'])}, R@1 {f(r['recall@1'])}, R@10 {f(r['recall@10'])}, p50 {r['p50_ms']} ms",
                "marsad eval search ../shared/data/arcd/train.json"))
    news_corpus = ROOT / "tests" / "golds" / "search_news_corpus.py"
    if news_corpus.exists():
        sh(py, str(news_corpus), str(SHARED / "data" / "saudinewsnet"), str(tmp / "news_corpus.jsonl"))
        r = evaluate("search", "tests/golds/search_news_dev.jsonl", "--corpus", str(tmp / "news_corpus.jsonl"))
        out.append(("search (news)", f"SaudiNewsNet news queries ({r['queries']})",
                    f"MRR@10 {f(r['mrr@10'])}, R@10 {f(r['recall@10'])}, nDCG@10 {f(r['ndcg@10'])}",
                    f"python tests/golds/search_news_corpus.py ../shared/data/saudinewsnet $GOLDS/news_corpus.jsonl && marsad eval search "
                    f"tests/golds/search_news_dev.jsonl --corpus $GOLDS/news_corpus.jsonl"))

    sh(py, "tests/golds/build_clean_gold.py", str(tmp / "clean_seeds.jsonl"))
    for gold, label in ((tmp / "clean_seeds.jsonl", "the five seeds"),
                        (ROOT / "tests/golds/clean_pages.jsonl", "61 pages written for marsad")):
        r = evaluate("clean", str(gold))
        out.append(("clean", label, f"line F1 {f(r['lines']['f1'])}, title accuracy {f(r['title_accuracy'])}, "
                    f"body lines lost {r['body_lines_lost']}", f"marsad eval clean {rel(gold)}"))

    # The last 10% of ANERcorp train (whole sentences), scored with the model trained on the other 90%
    # (tests/ner_dev90/); the shipped model has seen these sentences.
    ner_dev = tmp / "ner_dev.txt"
    blocks = [b for b in (SHARED / "data/anercorp/train.txt").read_text(encoding="utf-8").split("\n\n") if b.strip()]
    ner_dev.write_text("\n\n".join(blocks[len(blocks) - round(len(blocks) * 0.1):]) + "\n", encoding="utf-8")
    r = evaluate("ner", str(ner_dev), "--model", "tests/ner_dev90/ner.crfsuite")
    per = ", ".join(f"{k} {f(v['f1'])}" for k, v in r["per_type"].items())
    out.append(("ner", "ANERcorp train, last 10% (model trained on the first 90%)",
                f"micro-F1 {f(r['micro']['f1'])} ({per}), {r['tokens_per_s']:,.0f} tokens/s",
                "marsad eval ner $GOLDS/ner_dev.txt --model tests/ner_dev90/ner.crfsuite"))
    r = evaluate("ner", str(ner_dev), "--model", "tests/ner_dev90/ner.crfsuite", "--no-neural")
    per = ", ".join(f"{k} {f(v['f1'])}" for k, v in r["per_type"].items())
    out.append(("ner", "the same, the CRFs alone (as `marsad ingest --no-ner-neural` tags)",
                f"micro-F1 {f(r['micro']['f1'])} ({per}), {r['tokens_per_s']:,.0f} tokens/s",
                "marsad eval ner $GOLDS/ner_dev.txt --model tests/ner_dev90/ner.crfsuite --no-neural"))
    # Out of domain: our own labels of 39 ARCD Wikipedia paragraphs (offsets only in tests/golds/),
    # scored with the shipped model (it never saw Wikipedia text).
    wiki = tmp / "ner_wiki_dev.txt"
    sh(sys.executable, "tests/golds/build_ner_wiki_gold.py", str(wiki))
    r = evaluate("ner", str(wiki))
    per = ", ".join(f"{k} {f(v['f1'])}" for k, v in r["per_type"].items())
    out.append(("ner", "Wikipedia-style text: 39 ARCD paragraphs, hand-labelled (shipped model)",
                f"micro-F1 {f(r['micro']['f1'])} ({per})",
                "python tests/golds/build_ner_wiki_gold.py $GOLDS/ner_wiki_dev.txt && "
                "marsad eval ner $GOLDS/ner_wiki_dev.txt"))
    r = evaluate("ner", str(wiki), "--no-neural")
    per = ", ".join(f"{k} {f(v['f1'])}" for k, v in r["per_type"].items())
    out.append(("ner", "the same, the CRFs alone", f"micro-F1 {f(r['micro']['f1'])} ({per})",
                "marsad eval ner $GOLDS/ner_wiki_dev.txt --no-neural"))

    for split in ("val", "train"):
        gold = SHARED / "data" / "wojood" / f"{split}.txt"
        r = evaluate("dates", str(gold))
        out.append(("dates", f"Wojood {split} ({r['spans']} DATE spans)",
                    f"exact F1 {f(r['exact']['f1'])}, overlap F1 {f(r['overlap']['f1'])}",
                    f"marsad eval dates ../shared/data/wojood/{split}.txt"))

    sh(py, "tests/golds/build_quotes_gold.py", str(tmp / "quotes.jsonl"))
    r = evaluate("quotes", str(tmp / "quotes.jsonl"))
    out.append(("quotes", f"seeds + SaudiNewsNet, {r['docs']} documents",
                f"content F1 {f(r['content']['f1'])}, speaker accuracy {f(r['speaker_accuracy'])}, "
                f"kind accuracy {f(r['kind_accuracy'])}", "marsad eval quotes $GOLDS/quotes.jsonl"))
    r = evaluate("events", str(tmp / "quotes.jsonl"))
    out.append(("events", f"same documents, {r['docs']}", f"P {f(r['p'])}, R {f(r['r'])}, F1 {f(r['f1'])}",
                "marsad eval events $GOLDS/quotes.jsonl"))

    sh(py, "tests/golds/build_dedup_gold.py", str(tmp / "dedup"))
    r = evaluate("dedup", str(tmp / "dedup" / "pairs.jsonl"), "--corpus", str(tmp / "dedup" / "corpus.jsonl"))
    out.append(("dedup", f"SaudiNewsNet labelled pairs ({r['pairs']})", f"P {f(r['p'])}, R {f(r['r'])}, F1 {f(r['f1'])}",
                "marsad eval dedup $GOLDS/dedup/pairs.jsonl --corpus $GOLDS/dedup/corpus.jsonl"))

    sh(py, "tests/golds/build_marks_gold.py", str(tmp / "marks.jsonl"))
    r = evaluate("marks", str(tmp / "marks.jsonl"))
    scare = r["per_function"].get("scare", {})
    out.append(("marks", f"seeds + SaudiNewsNet + sample ({r['spans']} spans)",
                f"accuracy {f(r['accuracy'])}, macro-F1 {f(r['macro_f1'])}, scare P {f(scare.get('p', 0))} "
                f"R {f(scare.get('r', 0))}", "marsad eval marks $GOLDS/marks.jsonl"))

    if "stories" not in skip:
        sh(py, "tests/golds/build_stories_gold.py", str(tmp / "stories"))
        for gold in sorted((tmp / "stories").glob("stories_*.gold.jsonl")):
            day = gold.name.split("_")[1].split(".")[0]
            bg = gold.with_name(gold.name.replace(".gold.", ".background."))
            r = evaluate("stories", str(gold), "--background", str(bg))
            out.append(("stories", f"SaudiNewsNet {day} ({r['articles']} gold articles, full day streamed)",
                        f"BCubed P {f(r['bcubed']['p'])}, R {f(r['bcubed']['r'])}, F1 {f(r['bcubed']['f1'])}",
                        f"marsad eval stories $GOLDS/stories/{gold.name} --background $GOLDS/stories/{bg.name}"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", default="", help="comma-separated tasks to skip (e.g. stories: slow)")
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"needs {SHARED}")
    with tempfile.TemporaryDirectory() as tmp:
        table = rows(Path(tmp), set(filter(None, args.skip.split(","))))
    lines = ["| task | gold | figures | command |", "|---|---|---|---|"]
    lines += [f"| {t} | {g} | {fig} | `{cmd}` |" for t, g, fig, cmd in table]
    for line in lines:
        print(line)
    doc = ROOT / "docs" / "eval.md"
    head = doc.read_text(encoding="utf-8").split("<!-- figures:start -->")[0] if doc.exists() else "# Quality\n\n"
    doc.write_text(head + "<!-- figures:start -->\n" + f"Written by `python scripts/eval_all.py` on {date.today()}; "
                   "`$GOLDS` is the temporary folder where the golds are rebuilt from ../shared.\n\n"
                   + "\n".join(lines) + "\n<!-- figures:end -->\n", encoding="utf-8")


if __name__ == "__main__":
    main()
