"""Rebuild the name tagger in ``models/names/weights.npz``.

Trains a multinomial logistic regression (scikit-learn, training only) over the
hashed token features of ``models/names/tagger.py`` on these sources:

- the training part of presidio-synth (``../shared/data/presidio-synth``, Microsoft
  presidio-research ``synth_dataset_v2.json``, MIT licence): sentences whose template
  falls in the held-out part (``is_held_out``, about 40% of templates) are never seen,
  so the benchmark's held-out figures measure sentences built from unseen templates;
- UK charity sentences and everyday English (letters, forms, messages) generated from
  our own templates below, with names drawn from the gazetteers, and hard negatives
  (organisations, firms, schools, churches and streets named after people, months,
  "Will you ...", places);
- copies of every presidio-synth sentence and a third of ours with invented names, so
  the tagger reads the words around a name and not only the lists.

It also fits the letter n-gram model of what a name looks like (``fit_likeness``: the
name lists against common words and place names), whose score is one of the tagger's
features for a capitalised word no list holds.

The shared data folder is needed for the first source; without it the script says so
and trains on the generated sentences alone.

    python src/tactful/engine/models/train_names.py [--c 4] [--check | --folds]

``--check`` trains on three quarters of the training part's templates and reports
token-level figures on the remaining quarter (cross-checking on unseen templates, still
without the held-out part). ``--folds`` does so for each quarter in turn and reports the
PERSON spans the whole finder (rules and tagger) gets right, the development figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

from tactful.engine.models.names import tagger
from tactful.engine.names import gazetteer, tagger_lexicon

ROOT = Path(__file__).resolve().parents[4]
DATA = Path(os.environ.get("TACTFUL_SHARED_DATA", ROOT.parent / "shared" / "data"))
SYNTH = DATA / "presidio-synth" / "synth_dataset_v2.json"
Example = tuple[list[str], list[int]]  # tokens, tags (0 O, 1 B, 2 I)


def is_held_out(record: dict) -> bool:
    """The held-out part of presidio-synth: whole templates, chosen by a fixed hash."""
    key = f"tactful-pii:{record['template_id']}".encode()
    return int(hashlib.sha1(key, usedforsecurity=False).hexdigest(), 16) % 100 < 40


def tag_text(text: str, spans: list[tuple[int, int]]) -> Example:
    toks = tagger.tokenise(text)
    tags: list[int] = []
    for word, start, end in toks:
        inside = [s for s in spans if s[0] < end and start < s[1]]
        if not inside or word in ("'s", "’s"):
            tags.append(0)
        else:
            prev = tags[-1] if tags else 0
            same = prev != 0 and toks[len(tags) - 1][2] > inside[0][0]
            tags.append(2 if same else 1)
    return [t[0] for t in toks], tags


def synth_examples(held_out: bool = False) -> list[Example]:
    return [example for _, example in synth_by_template(held_out)]


def synth_by_template(held_out: bool = False) -> list[tuple[str, Example]]:
    """The presidio-synth sentences of one part, each with its template's id."""
    if not SYNTH.is_file():
        print(f"presidio-synth not found at {SYNTH}: training on generated sentences only")
        return []
    records = json.loads(SYNTH.read_text(encoding="utf-8"))
    out = []
    for rec in records:
        if is_held_out(rec) != held_out:
            continue
        spans = [
            (s["start_position"], s["end_position"])
            for s in rec["spans"]
            if s["entity_type"] == "PERSON"
        ]
        out.append((str(rec["template_id"]), tag_text(rec["full_text"], spans)))
    return out


# --- our own UK charity sentences ---------------------------------------------------
# {F} first name, {L} surname, {N} full name, {A} a name that is also a word (Grace),
# {T} a title, {O} an organisation, {P} a place, {M} a month, {D} a day, {K} an age.
PEOPLE_TEMPLATES = """Thanks to {N} for running the tombola on Saturday!
A huge thank you to {F} and {F2} for baking for our coffee morning.
Our volunteer {F} has given 500 hours this year.
Meet {N}, our new trustee, who joins us from {P}.
Congratulations to {N} on finishing the {P} half marathon!
{N} raised £{K}0 for {O} by walking to {P}.
Say hello to {F}, who runs our Tuesday lunch club.
{T} {L} opened the new garden at {O}.
Thank you {T} {L} for visiting our shop in {P}.
{F} {L}, {K}, completed a sponsored silence for us.
Well done {F}! You made our {D} so special.
Our chair, {N}, spoke at the {O} conference.
{N} and {N2} have joined the board of trustees.
We said goodbye to {N} after twenty years of volunteering.
"I could not have coped without the team," says {F}.
{F} said the support group changed everything for her family.
Shout out to {N} for organising the quiz night in {M}.
Our fundraiser {F} {L} is cycling from {P} to {P2} in {M}.
Please welcome {N} to the {O} team.
Lovely to see {F}, {F2} and {F3} at the carers' café on {D}.
Happy retirement, {F}! Thank you for everything.
Ring {F} on the number below to book a place.
Email {F} if you would like to volunteer at the fun day.
Our nurse {N} explains what to expect at the first visit.
{T} {F} {L} will give a talk on dementia care at {O}.
Dear {F}, thank you for your kind donation.
Photo: {N} with volunteers from {O}.
Thanks again to {N} and everyone at {O} for a brilliant day.
{F} ran the {P} 10k in memory of her dad.
Big thanks to {F} {L} of {P} for the raffle prizes.
With {N} ({O}) and our manager {F} {L}.
Grandma {F} turned 90 this week and still volunteers with us.
A message from our CEO, {N}:
Today we remember {N}, a much-loved volunteer.
{A} has been volunteering with us since {M}.
Thanks to our volunteer {A} for the cakes.
{F} and her son {F2} joined us at {O}.
Well done to {F} from {O} on her award.
Our trustee {A} {L} will chair the meeting.
Join {N} and friends for a sponsored walk in {P}.
Huge thanks to {N}, {N2} and {N3}.
We welcome {T} {L} as our new patron.
"It was the best day," said {N}.
{F}'s story shows why your donations matter.
Read {N}'s story on our website.
Volunteer of the month: {N}!
Happy birthday to our longest-serving volunteer, {F}!"""

NEGATIVE_TEMPLATES = """Will you join us in {M}? Hope to see you there!
{O} is a registered charity in {P}.
Join us at {O} on {D} for our coffee morning.
Our {M} newsletter is out now: news from {P} and {P2}.
May half term activities start on {D} at {O}.
Grace Church hall is booked for our quiz on {D}.
Hope Street Community Centre is open from 9am.
Thanks to everyone at {O} for hosting us.
Pupils at St Mary's Primary School raised £300 this term.
Home-Start Suffolk supports families across {P}.
Join our Christmas Fair on {D} at {O}!
Summer is here: our Marathon team trains every {D}.
Mark your diaries for {D} 12 {M} at {O}.
We are recruiting volunteers in {P} and {P2}.
Visit our shop on Victoria Road, {P}.
Our Dementia Friends session runs every {D} in {M}.
Applications close on {D} {K} {M}.
Read our Annual Report for {M} on the website.
Congratulations to the {O} team on the Queen's Award for Voluntary Service!
Age UK and Mind are working together in {P}.
Thank you to the National Lottery Community Fund.
The Prince's Trust and {O} are partners on this project.
Tickets for the Easter Bake Off are on sale now.
Our Warm Spaces are open in {P} every {D}.
Follow us on Instagram and Facebook for updates.
Jack and the Beanstalk panto tickets are on sale!
Sandy Lane car park will be closed on {D}.
Ivy House Surgery now hosts our carers' clinic.
We're at the Kings Arms in {P} from 7pm.
Can you help? We need drivers in {P}.
Brilliant turnout at the {P} Fun Run on {D}!
New: free Wi-Fi at {O}.
Our Young Carers group meets at {O} in {P}.
Happy Easter from all of us at {O}!
Dear supporters, thank you for a record year."""
# Everyday English around a name (letters, forms, messages, notes), so the tagger reads
# the words around a name and not only charity posts. {C} is a firm, {Q} a town anywhere.
GENERAL_TEMPLATES = """Dear {N},
Dear {T} {L}, thank you for your letter of 3 {M}.
Kind regards, {N}
Best wishes from {F}
Many thanks, {F} {L}
Yours sincerely, {T} {L}
Hi {F}, are you free on {D}?
Hello {F}! Long time no see.
Name: {N}
Full name: {F} {L}
Contact: {N}, {C}
Patient: {N}, aged {K}
Applicant {N} has asked for a copy of the form.
My name is {F} and I live in {Q}.
My name is {N}.
I am {F}, the new receptionist.
This is {F} from {C}; please call me back.
{F} here: can you send me the file?
I spoke to {F} this morning about the order.
I spoke with {N} yesterday and she agreed.
Please forward this to {N} at {C}.
Can you ask {F} to ring me?
Is {F} in the office today?
Tell {F} I said hello.
Give my love to {F} and {F2}.
{N} called about the invoice.
{N} rang to say she will be late.
{F} asked whether the meeting is still on.
{F} and I went to {Q} last summer.
{F} {L} was born in {Q} in 1984.
{N} moved to {Q} in {M}.
{N} works for {C} in {Q}.
{N}, who works at {C}, wrote the report.
The report was written by {N}.
Signed by {N} on behalf of {C}.
Approved by {T} {L}.
Prepared by {F} {L}, {C}
Witness: {N}
Emergency contact: {N} (sister)
Next of kin: {N}
Account holder: {T} {F} {L}
The parcel is for {N}.
Please make the cheque payable to {N}.
We have booked a table for {F} at 8pm.
{F}'s phone is broken, so text {F2} instead.
{N}'s flight lands at {Q} at noon.
According to {N}, the figures are wrong.
In a statement, {N} said the firm would appeal.
Speaking to reporters, {F} {L} denied the claims.
{L} told the court he had not seen the letter.
{T} {L} will see you now.
Ask for {F} at the front desk.
Our guide for the day was {F}.
I was helped by a lovely man called {F}.
Her daughter {F} is starting school in {M}.
His wife, {N}, runs a bakery in {Q}.
Welcome aboard, {F}!
Congratulations, {N}, on your promotion!
Happy birthday {F}!
Get well soon, {F}.
Sorry {F}, I missed your call.
Thanks {F}, that is really helpful.
Thank you, {N}, for your patience.
Good morning {F}, how can I help?
Meeting with {N} and {N2} at {C} on {D}.
Attendees: {N}, {N2}, {N3}
cc: {N}
From: {N}
To: {N}, {C}
Interview with {N}, head of sales at {C}
{F} {L} (left) and {F2} {L2} (right) at the launch.
Photo by {N}
Words: {N}. Pictures: {N2}.
Who is {F}? She is my cousin from {Q}.
I think {F} has the keys.
Could {N} please come to reception?
{F} and {F2} are getting married in {M}!"""

GENERAL_NEGATIVES = """{C} has opened a new office in {Q}.
Shares in {C} fell after the results.
We flew from {Q} to {Q2} on {D}.
{Q} is lovely in {M}.
The train to {Q} leaves at 9.
Our office in {Q} is closed on {D}.
Welcome to {Q}!
Visit {Q} and {Q2} this summer.
Thanks to {C} for sponsoring the event.
{C} and {C2} have agreed to merge.
Call {C} on the number below.
Contact {C} for a quote.
Dear Sir or Madam,
Kind regards, the {C} team
Name of company: {C}
Location: {Q}
Order shipped from {Q} on {D}.
Weather warning for {Q} and the coast.
Read the {M} newsletter from {C}.
The {Q} office will move in {M}."""

ORGS = """Home-Start Suffolk|St Mary's Primary School|Grace Church|the Hope Street Centre|Age UK
Norfolk|Mind in Bristol|St John's Ambulance|Oxfam|the Red Cross|Barnardo's|Guide Dogs|the Salvation
Army|Citizens Advice Ipswich|the Trussell Trust|St Luke's Hospice|Kingsway Library|the Village Hall|
Riverside Academy|Macmillan Cancer Support|Lloyds Bank|Tesco Extra|the Co-op|Holy Trinity Church|
Samaritans|the Wildlife Trust|Rotary Club of Bath|the WI|Brownies|Ipswich Town FC""".replace(
    "\n", " "
)
PLACES = """Ipswich|Norwich|Leeds|Cardiff|Swansea|Glasgow|Belfast|Derry|Stratford-upon-Avon|Bury St
Edmunds|Milton Keynes|Hackney|Lowestoft|Felixstowe|York|Bath|Chester|Luton|Reading|Stoke|Wigan|
Bolton|Preston|Dundee|Aberdeen|Inverness|Truro|Exeter|Hull|Whitby|Colchester|Chelmsford""".replace(
    "\n", " "
)
FIRMS = """Hartley Group|Brook & Co|Northgate Ltd|Pennant Systems|Carver Holdings Inc|Lakeside
Logistics|Meridian Foods plc|Osprey Digital|Kingfisher Print|Harbour Insurance|Fenwick, Lowe and
Partners|Redwood Energy|Blue Anchor Media|Summit Legal LLP|Orchard Dental|Castle Builders|Acme
Corp|Greenleaf Solutions|Atlas Freight LLC|Pioneer Bank""".replace("\n", " ")
MONTHS = "January February March April May June July August September October November December"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
TITLES = "Mr Mrs Ms Miss Dr Cllr Councillor Revd Professor Sir Dame Lord Lady Mx"
AMBIGUOUS_FIRST = (
    "Grace Will Hope Faith Joy May April June Rose Holly Ivy Dawn Bill Mark Jack Max Ray"
)


def _pools() -> dict[str, list[str]]:
    gaz = gazetteer()
    common_first = sorted(n.capitalize() for n in gaz.first if len(n) > 2)
    common_last = sorted(n.capitalize() for n in gaz.last if len(n) > 2)
    return {
        "first": common_first,
        "last": common_last,
        "org": [s.strip() for s in ORGS.split("|")],
        "place": [s.strip() for s in PLACES.split("|")],
        "month": MONTHS.split(),
        "day": DAYS.split(),
        "title": TITLES.split(),
        "amb": AMBIGUOUS_FIRST.split(),
        "firm": FIRMS.split("|"),
        "town": sorted(p.title() for p in gaz.places if p.isalpha() and len(p) > 3),
    }


def _fill(template: str, pools: dict[str, list[str]], rng: random.Random) -> Example:
    text = ""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        i = template.find("{", pos)
        if i < 0:
            text += template[pos:]
            break
        j = template.index("}", i)
        text += template[pos:i]
        slot = template[i + 1 : j].rstrip("0123456789")
        if slot == "N":
            value, person = f"{rng.choice(pools['first'])} {rng.choice(pools['last'])}", True
        elif slot in ("F", "L", "A"):
            key = {"F": "first", "L": "last", "A": "amb"}[slot]
            value, person = rng.choice(pools[key]), True
        else:
            other = {"O": "org", "P": "place", "M": "month", "D": "day", "T": "title",
                     "C": "firm", "Q": "town"}.get(slot)  # fmt: skip
            value = rng.choice(pools[other]) if other else str(rng.randint(5, 80))
            person = False
        if person and spans and spans[-1][1] == len(text) - 1 and text.endswith(" "):
            spans[-1] = (spans[-1][0], len(text) + len(value))  # "{F} {L}" is one name
        elif person:
            spans.append((len(text), len(text) + len(value)))
        text += value
        pos = j + 1
    return tag_text(text, spans)


def generated_examples(n: int, seed: int = 7) -> list[Example]:
    rng = random.Random(seed)
    pools = _pools()
    people = PEOPLE_TEMPLATES.splitlines() + GENERAL_TEMPLATES.splitlines()
    negatives = NEGATIVE_TEMPLATES.splitlines() + GENERAL_NEGATIVES.splitlines()
    out = []
    for k in range(n):
        template = rng.choice(negatives if k % 3 == 0 else people)
        out.append(_fill(template, pools, rng))
    return out


SYLLABLES = ("ka", "ri", "an", "to", "mo", "la", "be", "na", "el", "is", "or", "ta", "vi", "de",
             "su", "ko", "ul", "ra", "zu", "ny", "ha", "ji", "me", "lo", "sa", "ti", "ga", "ru")  # fmt: skip


def made_up_names(examples: list[Example], seed: int = 11) -> list[Example]:
    """Copies of the examples with every name replaced by an invented one, so the tagger
    learns the words around a name and not only the names it has seen (a third of the
    examples get a copy: more taught it to read any odd capitalised word as a name)."""
    rng = random.Random(seed)
    out = []
    for tokens, tags in examples:
        if not any(tags):
            continue
        new = [
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if tag and tok[:1].isupper() and tok.isalpha()
            else tok
            for tok, tag in zip(tokens, tags, strict=True)
        ]
        out.append((new, tags))
    return out


def lower_cased(examples: list[Example]) -> list[Example]:
    """Copies of the examples written all in lower case, as some people type: the tagger
    learns names there from the lists and the words around them."""
    return [([t.lower() for t in tokens], tags) for tokens, tags in examples if any(tags)]


def fit_likeness(c: float = 1.0) -> tagger.NameLikeness:
    """The letter n-gram model of what a name looks like: listed first names and surnames
    against common English words and single-word place names that are not also names."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    gaz = gazetteer()
    names = sorted(gaz.first | gaz.last)
    others = sorted((gaz.common | {p for p in gaz.places if " " not in p}) - set(names))
    rows = [tagger.letter_grams(w) for w in names + others]
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    x = csr_matrix(
        (np.ones(len(indices)), indices, indptr), shape=(len(rows), tagger.NGRAM_BUCKETS)
    )
    y = [1] * len(names) + [0] * len(others)
    model = LogisticRegression(C=c, max_iter=500, class_weight="balanced")
    model.fit(x, y)
    return tagger.NameLikeness(model.coef_[0].astype(np.float32), float(model.intercept_[0]))


def fit(
    examples: list[Example], c: float, likeness: tagger.NameLikeness | None = None
) -> tuple[np.ndarray, np.ndarray]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feat = tagger.Featuriser(tagger_lexicon(), likeness)
    rows: list[tuple[int, ...]] = []
    y: list[int] = []
    for tokens, tags in examples:
        if tokens:
            rows.extend(feat.rows(tokens))
            y.extend(tags)
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), tagger.BUCKETS))
    x.sum_duplicates()
    model = LogisticRegression(C=c, max_iter=300)
    model.fit(x, y)
    return model.coef_.T.astype(np.float32), model.intercept_.astype(np.float32)


def token_report(
    weights: np.ndarray,
    bias: np.ndarray,
    examples: list[Example],
    likeness: tagger.NameLikeness | None = None,
) -> None:
    tg = tagger.Tagger(weights, bias, tagger_lexicon(), likeness)
    tp = fp = fn = 0
    for tokens, tags in examples:
        if not tokens:
            continue
        pred = tagger.viterbi(tg.log_probs(tokens))
        for p, g in zip(pred, tags, strict=True):
            tp += p != 0 and g != 0
            fp += p != 0 and g == 0
            fn += p == 0 and g != 0
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"name tokens: precision {prec:.3f}, recall {rec:.3f}")


def folds_report(c: float, likeness: tagger.NameLikeness, ours: list[Example]) -> None:
    """PERSON spans found by the whole finder (rules and tagger) on each quarter of the
    training part's templates, with a tagger trained on the other three quarters: the
    development figure (overlap matching, as in ``benchmarks/bench_pii.py``)."""
    from tactful.engine import names

    if not SYNTH.is_file():
        print(f"presidio-synth not found at {SYNTH}: no development figures")
        return
    records = [r for r in json.loads(SYNTH.read_text(encoding="utf-8")) if not is_held_out(r)]
    by_template = synth_by_template()
    templates = sorted({t for t, _ in by_template})
    random.Random(1).shuffle(templates)
    n_pred = n_gold = tp_pred = tp_gold = 0
    load = tagger.load
    try:
        for k in range(4):
            part = set(templates[k * len(templates) // 4 : (k + 1) * len(templates) // 4])
            train = [e for t, e in by_template if t not in part]
            weights, bias = fit(training_set(train, ours), c, likeness)
            model = tagger.Tagger(weights, bias, tagger_lexicon(), likeness)
            tagger.load = lambda lexicon, model=model: model  # type: ignore[assignment]
            for rec in (r for r in records if str(r["template_id"]) in part):
                names._find_people.cache_clear()
                pred = [(p.start, p.end) for p in names.find_people(rec["full_text"])]
                gold = [(g["start_position"], g["end_position"]) for g in rec["spans"]
                        if g["entity_type"] == "PERSON"]  # fmt: skip
                n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
                tp_pred += sum(any(a < y and x < b for x, y in gold) for a, b in pred)
                tp_gold += sum(any(a < y and x < b for x, y in pred) for a, b in gold)
    finally:
        tagger.load = load
        names._find_people.cache_clear()
    prec, rec_ = tp_pred / max(n_pred, 1), tp_gold / max(n_gold, 1)
    f1 = 2 * prec * rec_ / max(prec + rec_, 1e-9)
    print(f"PERSON spans, 4 folds: precision {prec:.3f}, recall {rec_:.3f}, F1 {f1:.3f}")


def training_set(synth: list[Example], ours: list[Example]) -> list[Example]:
    """Every presidio-synth sentence also with made-up names (the tagger must read the
    words around a name, since the test set's names are mostly in no list), and a third
    of our own sentences so (more taught it to read any odd capitalised word as a name)."""
    return synth + ours + made_up_names(synth + ours[::3])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--generated", type=int, default=4000)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--folds", action="store_true", help="span figures, each quarter in turn")
    args = ap.parse_args()
    by_template = synth_by_template()
    synth = [example for _, example in by_template]
    ours = generated_examples(args.generated)
    likeness = fit_likeness()
    if args.folds:
        folds_report(args.c, likeness, ours)
        return 0
    if args.check:
        # whole templates are kept back, as in the benchmark's held-out part
        templates = sorted({t for t, _ in by_template})
        random.Random(1).shuffle(templates)
        kept_back = set(templates[: len(templates) // 4])
        train = [e for t, e in by_template if t not in kept_back]
        weights, bias = fit(training_set(train, ours), args.c, likeness)
        token_report(weights, bias, [e for t, e in by_template if t in kept_back], likeness)
        return 0
    weights, bias = fit(training_set(synth, ours), args.c, likeness)
    tagger.save(tagger.WEIGHTS, weights, bias, likeness)
    print(f"trained on {len(synth)} presidio-synth and {len(ours)} generated sentences")
    print(f"wrote {tagger.WEIGHTS} ({tagger.WEIGHTS.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
