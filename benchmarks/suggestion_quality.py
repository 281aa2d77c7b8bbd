"""Which ranker suggests the right sentence: bm25 alone, char n-gram TF-IDF, hybrid, and
(when the `wordllama` package is installed) its static embedding, shipped in the wheel and
loaded with downloads disabled. Prints MRR and recall@1/3/5 on benchmarks/data/
seed_paraphrases.json over the seed articles.

    python benchmarks/suggestion_quality.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.services.demo import load_demo
from annotator.services.suggestion_quality import builtin_ranker, evaluate
from annotator.store.project_store import ProjectStore

LABELS = Path(__file__).parent / "data" / "seed_paraphrases.json"


def wordllama_ranker():  # type: ignore[no-untyped-def]
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import numpy as np
    import wordllama
    from wordllama import WordLlama

    # The wheel ships weights and tokenizer; pointing cache_dir at the package finds both
    # (its own lookup of the tokenizer folder is misspelt) and nothing is downloaded.
    model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)

    def rank(store, query, targets):  # type: ignore[no-untyped-def]
        sentences = store.sentences.sentences(targets)
        if not sentences:
            return []
        vectors = model.embed([query, *[s.text for s in sentences]], norm=True)
        scores = vectors[1:] @ vectors[0]
        order = np.argsort(-scores, kind="stable")
        return [(sentences[i], float(scores[i])) for i in order]

    return rank


def main() -> None:
    rankers = {name: builtin_ranker(name) for name in ("bm25", "tfidf", "hybrid")}  # type: ignore[arg-type]
    try:
        rankers["wordllama (static embedding)"] = wordllama_ranker()
    except ImportError:
        print("wordllama not installed: pip install wordllama==0.4.0.post1 to compare it")
    with tempfile.TemporaryDirectory() as folder:
        store = ProjectStore.create(Path(folder) / "seeds.annotator")
        load_demo(store)
        print("| ranker | pairs | MRR | recall@1 | recall@3 | recall@5 |")
        print("|---|---|---|---|---|---|")
        for name, rank in rankers.items():
            q = evaluate(store, LABELS, rank)
            print(
                f"| {name} | {q.pairs} | {q.mrr:.3f} | {q.recall[1]:.2f} | {q.recall[3]:.2f}"
                f" | {q.recall[5]:.2f} |"
            )
        store.close()


if __name__ == "__main__":
    main()
