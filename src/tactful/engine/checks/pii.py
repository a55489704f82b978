"""Personal data: phone numbers, email addresses, postal addresses and identity numbers.

Each recogniser finds candidates with a pattern and then validates them, so a
number has to be a real number of its kind before it is reported: a UK phone
number must parse (the Ofcom drama ranges such as 07700 900123 count too; a number in
another country's national form must be valid there and grouped like a phone number), an NHS
number must pass its mod-11 check, a card number the Luhn check, an IBAN the
mod-97 check, a National Insurance number the HMRC prefix and suffix rules.

What belongs to the organisation is not personal data: "call our office on
01473 000000", a freephone or 03 helpline, a role mailbox such as info@ or
hello@, or the address of the venue for an event. A mobile number, a personal
mailbox, a home address, a date of birth, or any bank, card or identity number
is flagged. Choose what a rule looks for with ``entities``: phone, email,
postcode, address, nhs_number, ni_number, date_of_birth, bank_details,
card_number, iban.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from ..names import find_people, gazetteer, word_set
from ..text import Document, sentence_around
from .base import Check, Hit

Entity = Literal[
    "phone", "email", "postcode", "address", "nhs_number", "ni_number", "date_of_birth",
    "bank_details", "card_number", "iban",
]  # fmt: skip
ALL_ENTITIES: tuple[str, ...] = Entity.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class PiiSpan:
    entity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    organisational: bool = False  # the organisation's own contact details, not personal data


# --- shared context -------------------------------------------------------------------

ORG_CONTEXT = regex.compile(
    r"\b(?:us|our|we|office|offices|helpline|help\s*line|freephone|reception|switchboard|"
    r"team|hq|head\s+office|charity\s+shop|shop|venue|centre|center|hall|library|church|desk|"
    r"hub|branch|held\s+at|join\s+us|visit|drop\s+in|drop-in|open\s+(?:from|on|daily)|"
    # a vacancy's or an event's contact line: "informal chats welcome on ...", "to book, ring ..."
    r"informal\s+(?:chats?|enquiries)|apply|applications?|vacanc(?:y|ies)|hiring|enquiries|line|"
    r"to\s+book|bookings?|tickets?|more\s+(?:info|information|details)|find\s+out\s+more|"
    # "book with the membership secretary on ...": a role's line, not a person's
    r"book\s+(?:with|through|via|on)|secretary|treasurer|co-?ordinator|organiser|administrator|"
    # opening times and an invitation in: "come and try the menu, Monday to Friday 9 to 3 at ..."
    r"come\s+and\s+(?:try|see|visit|find)|menu|(?:mon|tues|wednes|thurs|fri|satur|sun)days?\s+(?:to|-|–)\s+"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    regex.I,
)
PERSONAL_CONTEXT = regex.compile(
    r"\b(?:me|my|mine|him|his|her|hers|their|home|mobile|personal|lives|living|moved|"
    r"mum|dad|wife|husband|son|daughter|neighbour|private)\b"
    # said back to the reader: "we've got your number as 07700 900318", "we have your number, 07700..."
    r"|\byour\s+(?:phone\s+|home\s+|postal\s+)?(?:number|address|mobile)(?:\s+(?:as|is|was|down\s+as)\b|\s*[,:])"
    # "our coordinator will ring you on 07700 900581": the reader's own number
    r"|\b(?:ring|call|phone|text)(?:ing|ed)?\s+you\s+(?:back\s+)?on\s*$"
    # the sender's number: "the texts sent to our secretary from 07700 900417"
    r"|\b(?:texts?|messages?|calls?|voicemails?|texted|rang|called)\b[^.!?\n]{0,50}?\bfrom\s*:?\s*$",
    regex.I,
)
NUMBER_BLOCKERS = regex.compile(
    r"\b(?:charity|company|registration|registered|reg\.?|vat|ref(?:erence)?|invoice|order|"
    r"case|ticket|booking|account|acc(?:ount)?\.?|a/c|sort\s*code|card|nhs|ni|"
    r"national\s+insurance|iban|isbn|cc|(?:meeting|webinar|conference|zoom|teams)\s+id|id)"
    r"\s*(?:no\.?|number|num|#|:)?\s*(?:is\s+)?$",
    regex.I,
)


CLAUSE_END = regex.compile(r"[.!?](?=\s)|[\n;]")


def _clause_before(text: str, start: int, limit: int = 60) -> str:
    """The words before ``start`` back to the start of the clause."""
    window = text[max(0, start - limit) : start]
    # a full stop inside an address ("volunteering@charity.org.uk or call") ends nothing
    ends = [m.end() for m in CLAUSE_END.finditer(window)]
    return window[ends[-1] :] if ends else window


def _names_before(text: str, start: int, limit: int = 40, public_too: bool = False) -> bool:
    """Whether a private person (or, with ``public_too``, anyone) is named in the same
    clause just before ``start``."""
    clause_start = start - len(_clause_before(text, start, limit))
    return any(
        (public_too or not p.public) and clause_start <= p.start < start for p in find_people(text)
    )


# --- phone numbers --------------------------------------------------------------------

PHONE_CANDIDATE = regex.compile(
    r"(?<![\w+/.:£$€-])(?:\+|00)?\(?\d[\d \-().\u00a0]{5,22}\d"
    r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\w/]|\.\d|:\d)",
    regex.I,
)
PHONE_WORDS = regex.compile(
    r"\b(?:phone|tel|telephone|call|ring|text|txt|sms|mobile|mob|cell|fax|whatsapp|number|"
    r"contact|reach|dial|landline|ph|helpline|on)\b[^.\d]{0,25}$",
    regex.I,
)
EXTENSION = regex.compile(r"(?:x|ext\.?|extension)\s*\d+$", regex.I)
NON_DIGIT = regex.compile(r"\D")
DATE_LIKE = regex.compile(
    r"^(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d|\d{1,2}[.:]\d\d)$"
)
# Ofcom's numbers for drama and examples: libphonenumber calls them invalid.
DRAMA_RANGES = (
    ("07700900", 3), ("01632960", 3), ("02079460", 3), ("01134960", 3), ("01144960", 3),
    ("01154960", 3), ("01164960", 3), ("01174960", 3), ("01184960", 3), ("01214960", 3),
    ("01314960", 3), ("01414960", 3), ("01514960", 3), ("01614960", 3), ("02896496", 3),
    ("02920180", 3), ("01914980", 3), ("08081570", 3), ("09098790", 3), ("03069990", 3),
)  # fmt: skip
ORG_PREFIXES = (
    "0800",
    "0808",
    "0300",
    "0330",
    "0333",
    "0340",
    "0343",
    "0344",
    "0345",
    "0370",
    "0371",
    "0372",
    "0373",
    "0843",
    "0844",
    "0845",
    "0870",
    "0871",
    "0872",
    "116",
    "111",
)


@cache
def _phonenumbers():  # type: ignore[no-untyped-def]
    import phonenumbers  # imported lazily: 40 ms the first time

    return phonenumbers


def _uk_kind(digits: str) -> str | None:
    """'mobile', 'landline', 'service' or None for a UK number in national form."""
    if len(digits) == 11 and any(digits.startswith(p) for p, _ in DRAMA_RANGES):
        return "mobile" if digits.startswith("07") else "landline"
    pn = _phonenumbers()
    try:
        num = pn.parse(digits, "GB")
    except pn.NumberParseException:
        return None
    if not pn.is_valid_number(num):
        return None
    if digits.startswith(ORG_PREFIXES):
        return "service"
    return "mobile" if digits.startswith("07") else "landline"


def _international_ok(raw: str, digits: str) -> bool:
    pn = _phonenumbers()
    region = None if raw.startswith(("+", "00")) else "US"
    text = "+" + digits[2:] if raw.startswith("00") else raw
    try:
        num = pn.parse(text, region)
    except pn.NumberParseException:
        return False
    return pn.is_possible_number(num) and (pn.is_valid_number(num) or region is None)


def _phones(text: str) -> Iterable[PiiSpan]:
    for m in PHONE_CANDIDATE.finditer(text):
        raw = m.group().strip()
        digits = NON_DIGIT.sub("", EXTENSION.sub("", raw))
        # "(1911-1988)": a life's years in brackets are dates, not a number
        if not 7 <= len(digits) <= 15 or DATE_LIKE.match(raw.strip("()")) or len(set(digits)) == 1:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if NUMBER_BLOCKERS.search(before):
            continue
        if _luhn_ok(digits) and len(digits) >= 13 and " " not in raw.strip("+"):
            continue
        kind = _classify_phone(raw, digits, before)
        if kind is None:
            continue
        org = _phone_is_organisational(text, m.start(), kind)
        yield PiiSpan(
            "phone", m.start(), m.start() + len(m.group().rstrip()),
            f"A {'mobile ' if kind == 'mobile' else ''}phone number ({raw}) is personal data",
            "Remove the number, or give the organisation's own number instead.",
            organisational=org,
        )  # fmt: skip


def _classify_phone(raw: str, digits: str, before: str) -> str | None:
    if raw.startswith("+44") or raw.startswith("0044"):
        digits = "0" + digits[2:] if raw.startswith("+") else "0" + digits[4:]
        raw = digits
    if digits.startswith("0") and not raw.startswith(("+", "00")) and 10 <= len(digits) <= 11:
        kind = _uk_kind(digits)
        if kind:
            return kind
    if raw.startswith(("+", "00")) and _international_ok(raw, digits):
        return "international"
    us_shape = len(digits) == 10 and not digits.startswith("0")
    grouped = bool(regex.search(r"[\s().\-]", raw) or PHONE_WORDS.search(before))
    if us_shape and grouped and _international_ok(raw, digits):
        return "international"
    if PHONE_WORDS.search(before) and regex.search(r"\d[\s.\-]\d", raw):
        return "international"
    if _valid_abroad(raw, digits):
        return "international"
    return None


# Countries whose national numbers a UK charity's posts most often carry (EU neighbours,
# Commonwealth): a number grouped like a phone number and valid in one of them counts.
ABROAD = ("IE", "FR", "DE", "ES", "IT", "NL", "BE", "PL", "PT", "CH", "AT", "SE", "DK", "NO",
          "FI", "CZ", "RO", "AU", "NZ", "IN", "CA", "ZA")  # fmt: skip
IPV4 = regex.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
PHONE_GROUPS = regex.compile(r"^\(?\d{1,5}\)?(?:[ .\-]\d{1,7}){1,5}(?:\s*(?:x|ext\.?)\s*\d{1,5})?$")


def _valid_abroad(raw: str, digits: str) -> bool:
    if not 8 <= len(digits) <= 12 or not PHONE_GROUPS.match(raw):
        return False
    groups = regex.findall(r"\d+", raw)
    if len(groups) == 2 and not regex.search(r"\d-\d|\)", raw):
        return False  # "2019 12" or "1200 45321" is more likely a count, a code or a ZIP
    if IPV4.match(raw):
        return False
    pn = _phonenumbers()
    for region in ABROAD:
        try:
            if pn.is_valid_number(pn.parse(raw, region)):
                return True
        except pn.NumberParseException:
            continue
    return False


def _phone_is_organisational(text: str, start: int, kind: str) -> bool:
    clause = _clause_before(text, start, 50)
    mobile = kind == "mobile"
    if (
        _names_before(text, start, public_too=mobile)
        or PERSONAL_CONTEXT.search(clause)
        or (mobile and ROLE_AND_NAME_BEFORE.search(clause))
    ):
        # a mobile is someone's own phone even when they hold a role: "ring our
        # treasurer Pat on 07700 900412"
        return False
    if kind == "service":
        return True
    if ASKED_TO_CALL.search(text, max(0, start - 40), start):
        return True  # "Questions? Call 01632 960381": the reader is asked to ring us
    if CALL_BEFORE.search(text, max(0, start - 20), start):
        return True  # "Call 01632 960418 to book", "over the break, call 0113 496 0271": the reader rings us
    if kind != "mobile" and BOOK_ON.search(text, max(0, start - 50), start):
        return True  # "please book by 9 December on 0113 496 0217": a booking line
    return _org_context(clause)


# "ring our treasurer Pat on": a role holder called by their first name, whom the name
# finder may not know as a name ("Pat" is a common word too)
ROLE_AND_NAME_BEFORE = regex.compile(
    r"\b(?:treasurer|secretary|chair|chairman|chairwoman|coordinator|co-ordinator|organiser|"
    r"lead|leader|manager|volunteer|warden|rep|representative)\s+(?-i:\p{Lu}\p{Ll}+)\s+"
    r"(?:on|at)\s*:?\s*$",
    regex.I,
)


# "Call 01632 960388.", "over the break, call ...": the verb opens a sentence or a clause
# (not "give Margaret a ring on 07700 ...")
CALL_BEFORE = regex.compile(
    r"(?:^|[.!?:;,]\s*|\n\s*|\b(?:or|and|please|just|then|simply)\s+|\b(?:when|if|once)\s+)(?:you\s+(?:can\s+)?)?"
    r"(?:call|ring|phone|text)\s+(?:us\s+)?(?:on\s+)?$",
    regex.I,
)
BOOK_ON = regex.compile(r"\b(?:please\s+)?book\b[^.!?\n]{0,30}?\bon\s*:?\s*$", regex.I)
ASKED_TO_CALL = regex.compile(
    r"\b(?:any\s+)?(?:questions|queries)\s*\?\s*(?:just\s+)?(?:call|ring|phone)(?:\s+us)?(?:\s+on)?\s*:?\s*$",
    regex.I,
)


def _org_context(clause: str) -> bool:
    """The clause speaks of the organisation: its words (ORG_CONTEXT) or a role mailbox
    ("Email volunteering@... or call 0161 496 0372")."""
    if ORG_CONTEXT.search(clause):
        return True
    return any(_is_role_mailbox(m.group(1)) for m in EMAIL.finditer(clause))


# --- email ----------------------------------------------------------------------------

EMAIL = regex.compile(
    # not the second half of a fediverse handle ("@modcircle@social.example")
    r"(?<![\w.+@-])([A-Za-z0-9][A-Za-z0-9._%+'-]{0,63})@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-])"
)
ROLE_MAILBOXES = word_set("""info hello enquiries enquiry contact admin office webadmin webmaster volunteer volunteers
    volunteering fundraising donations donate events press media comms communications news
    support help helpline team general reception bookings booking membership members
    secretary chair treasurer trustees board director directors ceo manager referrals
    referral shop retail careers jobs hr recruitment finance accounts safeguarding
    partnerships marketing socialmedia social feedback complaints noreply no-reply
    postmaster abuse privacy dpo data gdpr legal orders sales services service bursary
    bursaries grants awards appeals hustings questions campaigns elections advice agm
    crèche creche talks lectures walks outings""")


def _is_role_mailbox(local: str) -> bool:
    """A mailbox named after a job or a team (info@, employers@), not after a person.

    Besides the listed role words, a local part that is one everyday English word and
    never a first name or surname ("employers", "parents") counts as a role.
    """
    parts = [p for p in regex.split(r"[._+-]", local.lower()) if p]
    if not parts:
        return False
    if parts[0] in ROLE_MAILBOXES:
        return True
    if len(parts) != 1 or not parts[0].isalpha() or len(parts[0]) < 4:
        return False
    word = parts[0]
    gaz = gazetteer()
    if word in gaz.first or word in gaz.last:
        return False
    # "bursaries@", "grants@": a plural of an everyday word counts too
    singulars = {word, word[:-1] if word.endswith("s") else word, word[:-3] + "y" if word.endswith("ies") else word}
    return any(w in gaz.common for w in singulars)


def _emails(text: str) -> Iterable[PiiSpan]:
    for m in EMAIL.finditer(text):
        local = m.group(1)
        if local.startswith(".") or local.endswith(".") or ".." in local:
            continue
        role = _is_role_mailbox(local)
        yield PiiSpan(
            "email", m.start(), m.end(),
            f"A personal email address ({m.group()}) is personal data",
            "Use a role mailbox such as info@ or hello@ instead.",
            organisational=role,
        )  # fmt: skip


# --- postcodes and addresses ----------------------------------------------------------

POSTCODE = regex.compile(
    r"(?<![\w-])(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|\d\d|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d\d))"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"
)
STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Cl|Crescent|Cres|Way|Place|Pl|Court|Ct|"
    "Gardens|Gdns|Grove|Gr|Terrace|Terr|Square|Sq|Mews|Row|Hill|Park|Boulevard|Blvd|Parkway|Pkwy|"
    "Highway|Hwy|Circle|Cir|Trail|Trl|Path|Pike|Loop|Ridge|Walk|View|Rise|Green|Parade|Crossing|"
    "Heights|Meadows?|Estates?|Station|Plaza|Point|Pt|Junction|Harbou?r|Port|Mills?|Springs?|"
    "Valley|Creek|Brook|Fort|Mount|Pass|Passage|Vista|Manor|Mall|Bypass|Causeway|Chase|Common|"
    "Corner|Cove|Dale|Field|Fields|Gate|Glen|Hollow|Island|Knoll|Lodge|Orchard|Oval|Pines?|"
    "Plains?|Ranch|Shores?|Summit|Trace|Track|Turnpike|Underpass|Union|Villas?|Ville|Wharf|Wood|"
    "Woods|Wynd|Embankment|Quay|Broadway|Centre|Expressway|Freeway|Ferry|Falls|Forge|Garden|"
    "Haven|Hills|Isle|Key|Lake|Lakes|Landing|Light|Locks|Motorway|Neck|Overpass|Radial|Ramp|"
    "Rapids?|Rest|Route|Shoal|Skyway|Spur|Stravenue|Stream|Throughway|Tunnel|Viaduct|Views?|Well|"
    # the rest of the USPS street suffixes (Publication 28, appendix C1)
    "Alley|Branch|Bridge|Brooks|Burgs?|Camp|Canyon|Cape|Center|Centers|Circles|Cliffs?|Club|"
    "Corners|Course|Courts|Coves|Crest|Crossroad|Curve|Dam|Divide|Drives|Extensions?|Fall|"
    "Flats?|Fords?|Forest|Forges|Forks?|Gateway|Glens|Greens|Groves|Harbors|Inlet|Islands|"
    "Junctions|Keys|Knolls|Land|Lights|Loaf|Lock|Manors|Mission|Mountains?|Parks|Parkways|"
    "Points|Ports|Prairie|Ridges|River|Roads|Shoals|Spurs|Squares|Stations|Streets|"
    "Trafficway|Trailer|Unions|Valleys|Village|Villages|Walks|Wall|Ways|Wells|Rue|Via"
)
EURO_SUFFIXES = tuple(
    word_set("""straße strasse str. weg gasse allee platz ring damm ufer vej gade gatan vägen gränd katu
    tie kuja polku utca út útja tér sor straat laan plein gracht veien vegen gata vei stræde
    bakken svinget stien tee tänav iela gatvė ulica ulice cesta caddesi sokak strada""")
)
EURO_PREFIX = (
    r"(?:Via|Viale|Piazza|Corso|Largo|Rue|Avenue|Boulevard|Bd|Chemin|Impasse|Allée|Place|Calle|"
    r"Avenida|Av\.|Avda\.|Paseo|Plaza|Camino|Carrer|Rua|Travessa|Praça|Largo|ul\.|Ulica|al\.|"
    r"Aleja|Odos|Οδός|Leoforos|Strada|Bulevardul|Str\.|Calea|Aleea|Sokak)"
)
CAP = r"(?:\p{Lu}[\p{L}'’.\-]*)"
UNIT = r"(?:,?\s*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|Room|Rm\.?|#)\s*\w{1,6})"
TOWN_TAIL = (
    r"(?:,?\s*\n?\s*(?:"
    + CAP
    + r"(?:\s+"
    + CAP
    + r"){0,2})(?:,\s*(?:[A-Z]{2}|"
    + CAP
    + r"(?:\s+"
    + CAP
    + r")?))?(?:,?\s+(?:\d{5}(?:-\d{4})?|"
    + POSTCODE.pattern.replace("(?<![\\w-])", "").replace("(?![\\w-])", "")
    + r"))?)?"
)
# a US town line: "Springfield, IL 62704", also with the comma on a line of its own
# (the state is checked afterwards)
US_TOWN_LINE = regex.compile(
    r"(?<![\w])" + CAP + r"(?:\s+" + CAP + r"){0,2}\s*,\s+([A-Z]{2})\s+\d{5}(?:-\d{4})?\b"
)
# the same written all in lower case, with the street line before it: "12 main st\nboston,
# ma 02115" (a lower-case town line alone is too like ordinary words and numbers)
LOWER_US_ADDRESS = regex.compile(
    r"(?<![\w£$€.,:/-])\d{1,5}[a-z]?(?:[ \t]+[\p{Ll}\d][\p{Ll}\d'’.\-#]*){1,6},?[ \t]*\n\s*"
    r"(?:[\p{Ll}][\p{Ll}'’.\-]*[ \t]*){1,3}\s*,\s+([a-z]{2})\s+\d{5}(?:-\d{4})?\b"
)
# "4521 Kossuth 12": a house number of three digits or more that is not a year, a name
# that is no common English word ("250 Volunteers 24" is a count), and a flat number
NOT_A_MONTH = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
NUMBER_NAME_NUMBER = regex.compile(
    r"(?<![\w£$€.,:/-])(?!(?:19|20)\d\d\b)\d{3,5}\s+(" + CAP + r")\s+\d{1,4}(?![\w.,:/-]\w|\w)"
)
PO_BOX = regex.compile(r"(?<![\w])(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box)\s+\d{1,6}\b", regex.I)
ADDRESS_PATTERNS = [
    # 12 High Street / 1600 Pennsylvania Avenue NW, Apt 4, Springfield, IL 62704
    regex.compile(
        r"(?<![\w£$€.,:/-])(?:(?:Flat|Apartment|Unit)\s+\w{1,5},?\s+)?\d{1,5}[A-Za-z]?(?:-\d{1,5})?,?\s+"
        r"(?:"
        + CAP
        + r"\s+){0,3}(?:"
        + STREET_TYPES
        + r")\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
        + UNIT
        + r"?"
        + TOWN_TAIL
        + r"(?![\w])"
    ),
    # Hauptstraße 5 / Søndergade 12 (the street word's ending is checked afterwards)
    regex.compile(r"(?<![\w])(\p{L}[\p{L}.\-]{3,})\s+\d{1,5}[A-Za-z]?\b" + UNIT + r"?"),
    # Rue de la Paix 12 / Calle Mayor 5 / Via Roma 10
    regex.compile(
        r"(?<![\w])" + EURO_PREFIX + r"\s+(?:(?:de|del|la|le|les|di|da|dos|das|do|du|des|of|"
        r"\p{Lu}[\p{L}'’.\-]*)\s+){0,4}?(?:\p{Lu}[\p{L}'’.\-]*)\s*,?\s*\d{1,5}[A-Za-z]?\b"
        + UNIT
        + r"?"
    ),
    # 12 Rue de la Paix / 5 Calle Mayor
    regex.compile(
        r"(?<![\w£$€.,])\d{1,5},?\s+" + EURO_PREFIX + r"\s+(?:(?:de|del|la|le|les|di|da|dos|das|do|"
        r"du|des|\p{Lu}[\p{L}'’.\-]*)\s+){0,4}?\p{Lu}[\p{L}'’.\-]*"
    ),
    # 4521 County Road 12, Apt. 3 / 88 Highway 9, Springfield, IL 62704: a numbered road
    # counts only with a unit or a state and ZIP after it
    regex.compile(
        r"(?<![\w£$€.,:/-])\d{1,5}\s+(?:"
        + CAP
        + r"\s+){1,3}\d{1,4}\b(?:"
        + UNIT
        + r"|,?\s+(?:"
        + CAP
        + r"\s+){1,3}[A-Z]{2}\s+\d{5}\b)"
        + TOWN_TAIL
    ),
    # a flat or suite number on its own line of an address: "Apt. 12", "Flat 3B"
    regex.compile(r"(?<![\w])(?:Apt\.?|Apartment|Suite|Flat)\s*#?\d{1,4}[A-Z]?\b"),
    US_TOWN_LINE,
    # US military mail: PSC 1234, Box 5678 / Unit 1234 Box 5678 / USNS Name
    regex.compile(
        r"\b(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5})?"
        r"|\b(?:USS|USNS|USNV|USCGC)\s+\p{Lu}\w+(?:,?\s*\n?\s*(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5})?"
    ),
    # the same in lower case, which needs the whole form to count
    regex.compile(
        r"\b(?:psc|unit|cmr)\s+\d{3,5},?\s+box\s+\d{3,5},?\s*\n?\s*(?:apo|fpo|dpo)\s+a[aep]\s+\d{5}"
        r"|\b(?:uss|usns|usnv|uscgc)\s+\p{Ll}\w+,?\s*\n?\s*(?:apo|fpo|dpo)\s+a[aep]\s+\d{5}"
    ),
    LOWER_US_ADDRESS,
    PO_BOX,
    # a house number, a street name and a flat number, as some countries write it, with a
    # town after them: "123 Kossuth 12, Szeged" (not a date: "from 1 April 2027, Home-Start")
    regex.compile(
        r"(?<![\w£$€.,:/-])\d{1,5}\s+" + NOT_A_MONTH + CAP + r"(?:\s+" + CAP + r"){0,2}\s+\d{1,4}[A-Za-z]?"
        r"(?:,\s*|\s*\n\s*)" + CAP + r"(?:\s+" + CAP + r"){0,2}(?![\w])"
    ),
    NUMBER_NAME_NUMBER,
    # "the corner of Mill Lane and Carr Street"
    regex.compile(
        r"\bcorner\s+of\s+(?:[\w'’.\-]+\s+){1,4}?(?:and|&)\s+(?:[\w'’.\-]+\s+){0,3}?(?i:"
        + STREET_TYPES
        + r")\b\.?",
        regex.I,
    ),
]
US_STATES = word_set("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE
    NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP""")
ADDRESS_CUE = regex.compile(
    r"(?:address(?:\s+is)?|lives?\s+(?:at|on)|living\s+(?:at|on)|located\s+at|based\s+at|moved\s+to|"
    r"ship(?:ped)?\s+to|send\s+(?:it\s+)?to|deliver(?:ed)?\s+to|post(?:ed)?\s+to|"
    r"resides?\s+at|residence|home\s+at|at\s+home\s+on|house\s+(?:at|on))\s*:?\s*$",
    regex.I,
)
CUED_ADDRESS = regex.compile(
    r"(?:\d{1,5}[A-Za-z]?,?\s+)?\p{Lu}[\p{L}'’.\-]+(?:\s+\p{L}[\p{L}'’.\-]*){0,4}\s+\d{1,5}[A-Za-z]?\b"
    r"(?:,\s*" + CAP + r"(?:\s+" + CAP + r"){0,2})?"
    # house numbers first: "lives at 12 3 Kossuth Str., Szeged"
    r"|\d{1,5}[A-Za-z]?(?:\s+\d{1,5})?,?\s+" + CAP + r"(?:\s+" + CAP + r"){0,3}"
    r"(?:,\s*" + CAP + r"(?:\s+" + CAP + r"){0,2})?"
)
VENUE_WORDS = regex.compile(
    r"\b(?:hall|centre|center|church|chapel|library|school|academy|college|hub|shop|office|"
    r"offices|venue|pavilion|museum|theatre|park|club|hospital|surgery|hotel|house|barn|"
    r"cafe|café|pub|inn|arms|buildings?|rooms?|archives?|studios?|warehouse|depot)\b",
    regex.I,
)
# business premises, which are nobody's home whoever is named nearby: "Unit 6, Tees Bay
# Retail Park"
PREMISES = regex.compile(
    r"(?:units?\s+\d|.*\b(?:(?:retail|business|trading|science|enterprise)\s+park|"
    r"(?:industrial|trading)\s+estate)\b)",
    regex.I,
)
# what follows a venue's address: "12 Mill Street, Pershore WR10 1AB is open to members"
OPEN_AFTER = regex.compile(r"^[\s,]*(?:(?:is|are)\s+)?(?:open(?:s|ed)?|reopen(?:s|ed)?)\b", regex.I)


def _postcodes(text: str) -> Iterable[PiiSpan]:
    for m in POSTCODE.finditer(text):
        s = m.group()
        if not (s.isupper() and (" " in s or len(s) >= 6)):
            continue
        org = _place_is_organisational(text, m.start(), m.end())
        yield PiiSpan(
            "postcode", m.start(), m.end(),
            f"A postcode ({s}) can point to someone's home",
            "Leave out home postcodes; a venue's postcode is fine.",
            organisational=org,
        )  # fmt: skip


def _addresses(text: str) -> Iterable[PiiSpan]:
    for start, end in address_spans(text):
        excerpt = text[start:end].rstrip(" ,\n")
        end = start + len(excerpt)
        # a street corner is a public meeting place, not anyone's home
        org = CORNER.match(excerpt) is not None or _place_is_organisational(text, start, end)
        yield PiiSpan(
            "address", start, end,
            f"A street address ({excerpt.splitlines()[0]}) can point to someone's home",
            "Leave out home addresses; the venue of a public event is fine.",
            organisational=org,
        )  # fmt: skip


@lru_cache(maxsize=32)
def address_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the address patterns match, merged, before anyone asks whose address it is
    (the name finder uses this too: "Jackson Ridge" in an address is no person)."""
    if not DIGIT_OR_CORNER.search(text):
        return ()
    spans: list[tuple[int, int]] = []
    for i, rx in enumerate(ADDRESS_PATTERNS):
        for m in rx.finditer(text):
            if i == 1 and (
                not m.group(1).lower().endswith(EURO_SUFFIXES)
                # "offering 10% off": an English word and a percentage, not a Ring or a Weg
                or m.group(1).lower() in gazetteer().common
                or text[m.end() : m.end() + 1] == "%"
            ):
                continue
            if rx is US_TOWN_LINE and m.group(1) not in US_STATES:
                continue
            if rx is LOWER_US_ADDRESS and m.group(1).upper() not in US_STATES:
                continue
            if rx is NUMBER_NAME_NUMBER and m.group(1).lower().rstrip(".") in gazetteer().common:
                continue
            cut = SENTENCE_BREAK.search(m.group())
            if i == 0 and cut:
                # "blue bins on Sunday 3 January. Garden waste...": an address does not run
                # on past the end of a sentence; what comes before the break must be one.
                m = rx.match(text, m.start(), m.start() + cut.start() + cut.group().index(".") + 1)
                if m is None:
                    continue
            spans.append(m.span())
    for m in CUED_ADDRESS.finditer(text, overlapped=True):
        if ADDRESS_CUE.search(text[max(0, m.start() - 30) : m.start()]):
            spans.append(m.span())
    return tuple(_merge(spans))


DIGIT_OR_CORNER = regex.compile(r"\d|corner", regex.I)
# the end of a sentence: a word of three letters or more (not "St." or "Rd."), a full
# stop and a capital
SENTENCE_BREAK = regex.compile(r"\p{L}\p{Ll}{2,}\.\s+\p{Lu}")
CORNER = regex.compile(r"corner\b", regex.I)


# A plaque marks a building for everyone to see: "a blue plaque ... outside 4 Bridge
# Street, where she lived from 1899" is a public place, not someone's home today.
PLAQUE = regex.compile(r"\b(?:blue|heritage|memorial|commemorative)\s+plaques?\b|\bplaques?\s+(?:to|for|commemorating|honouring)\b", regex.I)


# "at Tanya's house, 31 Larch Avenue": a person's home, whatever the venue words say.
SOMEONES_HOME = regex.compile(
    r"(?<!\bSt\.?\s)(?<!\bSaint\s)\b\p{Lu}\p{Ll}+['’]s\s+(?:house|home|flat|place|bungalow|cottage)\b"
)


def _place_is_organisational(text: str, start: int, end: int) -> bool:
    if PREMISES.match(text, start, end):
        return True
    if PLAQUE.search(text, max(0, start - 200), min(len(text), end + 80)):
        return True
    clause = _clause_before(text, start, 60)
    if (
        ADDRESS_CUE.search(clause)
        or PERSONAL_CONTEXT.search(clause)
        or SOMEONES_HOME.search(clause)
        or _names_before(text, start)
    ):
        return False
    around = clause + text[start:end]
    return bool(
        _org_context(clause) or VENUE_WORDS.search(around) or OPEN_AFTER.match(text, end)
    )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


# --- identity numbers -----------------------------------------------------------------

NHS = regex.compile(r"(?<![\w+£$€.-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\w-]|\.\d)")
NHS_CUE = regex.compile(r"\bNHS\b|\bCHI\b|health\s+(?:service\s+)?number", regex.I)
NINO = regex.compile(
    r"(?<![\w])(?!BG|GB|KN|NK|NT|TN|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)"
    r" ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![\w])"
)
SORT_CODE = regex.compile(
    r"(?<![\w-])(\d{2})([ -])(\d{2})\2(\d{2})(?![\w-])|(?<=sort\s*code\s*:?\s*)\d{6}\b", regex.I
)
BANK_WORDS = regex.compile(
    r"\b(?:sort\s*code|account|acc|a/c|acct|bank|transfer|pay|BACS)\b", regex.I
)
ACCOUNT = regex.compile(r"(?<![\w-])\d{8}(?![\w-])")
CARD = regex.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")
IBAN = regex.compile(r"(?<![\w])([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)(?![\w])")
IBAN_LENGTHS = {
    "GB": 22, "IE": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "NL": 18, "BE": 16, "PT": 25,
    "CH": 21, "AT": 20, "DK": 18, "FI": 18, "SE": 24, "NO": 15, "PL": 28, "LU": 20, "GR": 27,
    "CY": 28, "MT": 31, "EE": 20, "LV": 21, "LT": 20, "SK": 24, "SI": 19, "CZ": 24, "HU": 28,
    "RO": 24, "BG": 22, "HR": 21, "IS": 26, "LI": 21, "MC": 27, "SM": 27, "GI": 23, "AD": 24,
    "TR": 26, "AE": 23, "SA": 24, "IL": 23, "QA": 29, "KW": 30, "BH": 22, "JO": 30, "LB": 28,
    "PK": 24, "TN": 24, "MU": 30, "BR": 29, "UA": 29, "GE": 22, "KZ": 20, "RS": 22, "ME": 22,
    "MK": 19, "AL": 28, "BA": 20, "MD": 24, "AZ": 28, "DO": 28, "GT": 28, "CR": 22, "EG": 29,
    "FO": 18, "GL": 18, "IQ": 23, "XK": 20, "VG": 24, "LC": 32, "TL": 23, "SC": 31, "BY": 28,
}  # fmt: skip
DATE_TEXT = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?,?\s+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)|(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?)"
)
DOB = regex.compile(
    r"(?:\bborn\s+(?:on\s+)?(?:the\s+)?|\bborn\s+on\s+this\s+(?:very\s+)?day\s*[,(:\-–]?\s*"
    r"|\bd\.?o\.?b\.?\s*[:\-]?\s*|\bdate\s+of\s+birth\s*(?:is|was|:|-)?\s*"
    r"|\bbirth\s*(?:day|date)\s*(?:is|was|:|-|falls\s+on)\s*(?:on\s+)?(?:the\s+)?)("
    + DATE_TEXT
    + r")",
    regex.I,
)


def nhs_number_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _luhn_ok(digits: str) -> bool:
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    s = value.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(s[:2])
    if expected is None or len(s) != expected:
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def _nhs_numbers(text: str) -> Iterable[PiiSpan]:
    for m in NHS.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        if not nhs_number_ok(digits):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if not NHS_CUE.search(before) and (m.group(2) == "-" or PHONE_WORDS.search(before)):
            continue
        yield PiiSpan("nhs_number", m.start(), m.end(), "An NHS number is sensitive personal data",
                      "Remove the NHS number.")  # fmt: skip


# QQ is never issued: HMRC prints it in specimen numbers. Like the drama phone ranges,
# it counts when it stands for someone's number, not when it shows the format.
SPECIMEN_CUE = regex.compile(
    r"\b(?:example|e\.g\.|eg|such\s+as|something\s+like|looks?\s+like|format|for\s+instance"
    r"|specimen|sample|dummy|made[- ]up)\b",
    regex.I,
)


def _ni_numbers(text: str) -> Iterable[PiiSpan]:
    for m in NINO.finditer(text):
        if m.group(1) == "QQ" and SPECIMEN_CUE.search(sentence_around(text, m.start(), m.end())):
            continue
        yield PiiSpan("ni_number", m.start(), m.end(),
                      "A National Insurance number is personal data",
                      "Remove the National Insurance number.")  # fmt: skip


# A birth before this year is history ("Charles Dickens, born on 7 February 1812"): no one
# born then is alive, and personal data is about the living.
OLDEST_LIVING_BIRTH_YEAR = 1900
YEAR_AFTER_DATE = regex.compile(r"\b(1[0-9]\d\d|20\d\d)\b")


def _dates_of_birth(text: str) -> Iterable[PiiSpan]:
    for m in DOB.finditer(text):
        year = YEAR_AFTER_DATE.search(text, m.start(1), min(len(text), m.end(1) + 8))
        if year and int(year.group(1)) < OLDEST_LIVING_BIRTH_YEAR:
            continue
        yield PiiSpan("date_of_birth", m.start(1), m.end(1),
                      f"A date of birth ({m.group(1)}) is personal data",
                      "Leave out the date of birth; an age or 'this week' is usually enough.")  # fmt: skip


# The charity's own account for donations is no one's personal data: "Account name: The
# Milestone Society, sort code ...", "pay straight into our bank account: ...".
ORG_ACCOUNT = regex.compile(
    r"\b(?:account\s+name|payee)\s*:?\s*(?:the\s+)?(?:\p{Lu}[\p{L}'’\-]*\s+){0,4}?"
    r"(?:Society|Trust|Charity|Network|Foundation|CIC|Association|Club|Group|Appeal|Fund|"
    r"Pantry|Larder|Slate|Project|Partnership)\b"
    r"|\b(?:our|the\s+(?:charity|society)['’]s)\s+(?:own\s+)?(?:bank\s+account|account|bank\s+details)\b",
    regex.I,
)


def _bank_details(text: str) -> Iterable[PiiSpan]:
    for m in SORT_CODE.finditer(text):
        area = text[max(0, m.start() - 40) : m.end() + 40]
        if not BANK_WORDS.search(area):
            continue
        after = ACCOUNT.search(text, m.end(), min(len(text), m.end() + 30))
        before = list(ACCOUNT.finditer(text, max(0, m.start() - 30), m.start()))
        if after is not None:
            start, end = m.start(), after.end()
        elif before:
            start, end = before[-1].start(), m.end()
        else:
            continue
        org = ORG_ACCOUNT.search(text, max(0, start - 80), start) is not None
        yield PiiSpan("bank_details", start, end, "Bank details (sort code and account number)",
                      "Never post bank details; link to the donation page instead.",
                      organisational=org)  # fmt: skip


def _cards(text: str) -> Iterable[PiiSpan]:
    for m in CARD.finditer(text):
        raw = m.group()
        digits = regex.sub(r"\D", "", raw)
        if not 12 <= len(digits) <= 19 or not _luhn_ok(digits) or len(set(digits)) == 1:
            continue
        if not regex.match(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|35|6|50|5[6-8])", digits):
            continue
        if regex.search(r"\d\s\d\d\s\d", raw) and len(digits) < 15:
            continue  # grouped like a phone number, not like a card
        yield PiiSpan("card_number", m.start(), m.end(), "A payment card number",
                      "Never post card numbers.")  # fmt: skip


def _ibans(text: str) -> Iterable[PiiSpan]:
    for m in IBAN.finditer(text):
        if iban_ok(m.group(1)):
            yield PiiSpan("iban", m.start(1), m.end(1), "A bank account number (IBAN)",
                          "Never post bank details; link to the donation page instead.")  # fmt: skip


RECOGNISERS: dict[str, Callable[[str], Iterable[PiiSpan]]] = {
    "phone": _phones,
    "email": _emails,
    "postcode": _postcodes,
    "address": _addresses,
    "nhs_number": _nhs_numbers,
    "ni_number": _ni_numbers,
    "date_of_birth": _dates_of_birth,
    "bank_details": _bank_details,
    "card_number": _cards,
    "iban": _ibans,
}
# When two recognisers claim the same characters, the more specific one wins.
PRIORITY = ("iban", "card_number", "bank_details", "nhs_number", "ni_number", "email",
            "date_of_birth", "phone", "address", "postcode")  # fmt: skip


def find_pii(text: str, entities: Iterable[str] = ALL_ENTITIES) -> list[PiiSpan]:
    """Validated personal data in ``text``, organisational contact details marked as such.

    Every recogniser runs (a card number must not be read as a phone number), and
    only the entities asked for are returned.
    """
    if not text or not (DIGIT_OR_AT.search(text) or DIGIT_OR_CORNER.search(text)):
        return []
    wanted = set(entities)
    kept = [s for s in _claimed(text) if s.entity in wanted]
    if "address" in wanted:  # a postcode inside a reported address is not reported twice
        addresses = [s for s in kept if s.entity == "address"]
        kept = [
            s
            for s in kept
            if s.entity != "postcode" or not any(a.start <= s.start < a.end for a in addresses)
        ]
    return sorted(kept, key=lambda s: s.start)


DIGIT_OR_AT = regex.compile(r"[\d@]")


@lru_cache(maxsize=32)
def _claimed(text: str) -> tuple[PiiSpan, ...]:
    # Cached: each personal-data rule of a policy asks about the same post, and every
    # recogniser has to run for any of them (a card number is not a phone number).
    claimed: list[PiiSpan] = []
    for name in PRIORITY:
        for span in RECOGNISERS[name](text):
            if not _overlaps_claimed(span, claimed):
                claimed.append(span)
    return tuple(claimed)


def _overlaps_claimed(span: PiiSpan, claimed: list[PiiSpan]) -> bool:
    for other in claimed:
        if {span.entity, other.entity} == {"address", "postcode"}:
            continue
        if span.start < other.end and other.start < span.end:
            return True
    return False


class PiiParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entities: list[Entity] = Field(min_length=1)
    include_organisational: bool = False


class PiiCheck(Check):
    """Flags personal data of the kinds listed in ``entities`` (phone, email, postcode,
    address, nhs_number, ni_number, date_of_birth, bank_details, card_number, iban),
    each validated. The organisation's own phone numbers, role mailboxes and venue
    addresses pass unless ``include_organisational`` is on."""

    kind = "pii"
    Params = PiiParams

    def __init__(self, params: PiiParams) -> None:  # type: ignore[override]
        super().__init__(params)
        self.entities = frozenset(params.entities)
        self.include_organisational = params.include_organisational

    def run(self, doc: Document) -> Iterable[Hit]:
        for span in find_pii(doc.text, self.entities):
            if span.organisational and not self.include_organisational:
                continue
            yield Hit(span.start, span.end, message=span.message, suggestion=span.suggestion)
