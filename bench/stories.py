"""Claims for the compare benchmark, as varied as real news: many stories, each
told by a few outlets.

A story is one extracted article (of the generated corpus) retold about other
countries (each country swapped for another whose name is as long, so spans
stay right) and other actors, on other days, with its figures scaled by a
factor of its own. Most stories are told by one outlet, some by up to six
(each telling most of its sentences); an outlet now and then gives a figure of
its own (a disagreement) or tells the story a few days later. Half the content
words of a story's sentences are words of its own (as if another reporter had
written it).

Few base articles stand behind many stories, so what keeps two stories apart
must grow with the corpus, as it does in the news (more claims, more actors
spoken of): each actor of a story is one of count / CLAIMS_PER_NAMESAKE
namesakes (its id changes, its name does not). Then about one group in eight
holds claims of two stories, at 10k claims as at 100k, and groups do not grow
with the corpus; with the same actors in every story, one group in two did
at 10k and more at 100k, and the groups grew with the corpus.
"""

from __future__ import annotations

import json
import math
import random
import re
import zlib
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = 2  # in the file names: claims written by another version are not reused
COUNTRIES = ROOT / "claimcli" / "data" / "gazetteer" / "countries.tsv"
TELLERS = (1,) * 8 + (2, 2, 2, 3, 3, 4, 6)  # outlets per story
RETOLD = 0.7  # the share of a story's sentences another outlet tells too
OUTLETS = 400
OWN_FIGURE = 0.05  # an outlet's chance to give a figure its own way
FACTORS = (math.log(0.01), math.log(100.0))  # a story's figures scaled by 1/100 to 100 times, log-uniformly
CLAIMS_PER_NAMESAKE = 1_000  # an actor of the base articles stands for count / this many actors
_YEAR = re.compile(r"(?<!\d)(19|20)(\d\d)(?!\d)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def countries() -> dict[str, str]:
    """Country id → its Japanese name (the first alias)."""
    found = {}
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) >= 4 and cols[2] == "country":
            found[cols[0]] = cols[3].split("|")[0]
    return found


def write_stories(base: Path, count: int, out: Path, seed: int = 0) -> None:
    """Write `count` claims (JSON Lines) made of the base claims' articles retold as stories."""
    articles: dict[str, list[dict]] = defaultdict(list)
    for line in base.read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        articles[claim["source"]["path"]].append(claim)
    bases = list(articles.values())
    names = countries()
    by_length: dict[int, list[str]] = defaultdict(list)
    for cid, name in names.items():
        by_length[len(name)].append(cid)
    rng = random.Random(seed)
    written, story = 0, 0
    with open(out, "w", encoding="utf-8") as f:
        while written < count:
            claims = rng.choice(bases)
            swap = _swap(claims, names, by_length, rng)
            ids = _namesakes(claims, swap, max(1, count // CLAIMS_PER_NAMESAKE), rng)
            factor, years, days = math.exp(rng.uniform(*FACTORS)), rng.randrange(-10, 3), rng.randrange(-300, 300)
            for teller in range(rng.choice(TELLERS)):
                outlet = f"outlet{rng.randrange(OUTLETS)}.example.jp"
                late = days + (rng.randrange(4) if teller else 0)
                for claim in claims:
                    if written == count:
                        return
                    if teller and rng.random() > RETOLD:
                        continue
                    told = _retold(claim, swap, ids, names, factor, years, days, late, rng)
                    _reworded(told, story)
                    told["source"].update(path=f"story{story}/{teller}.txt", outlet=outlet)
                    told["id"] = f"{claim['id']}-{story}-{teller}"
                    f.write(json.dumps(told, ensure_ascii=False) + "\n")
                    written += 1
            story += 1


def _swap(claims: list[dict], names: dict[str, str], by_length: dict, rng: random.Random) -> dict[str, str]:
    """Each country of the article → another of a name as long (spans stay right)."""
    found = sorted({a["id"] for c in claims for a in c["actors"] if a.get("type") == "country"} & names.keys())
    taken: set[str] = set()
    swap = {}
    for cid in found:
        choices = [c for c in by_length[len(names[cid])] if c not in taken] or [cid]
        swap[cid] = rng.choice(choices)
        taken.add(swap[cid])
    return swap


def _namesakes(claims: list[dict], swap: dict[str, str], namesakes: int, rng: random.Random) -> dict[str, str]:
    """Each actor id of the story (a country as swapped) → the id of one of
    `namesakes` actors of its name: a larger corpus speaks of more actors, so
    the stories of one base article are not all about the same ones (the names
    stay: compare tells actors apart by id)."""
    found = sorted({swap.get(a["id"], a["id"]) for c in claims for a in c["actors"]})
    return {a: a if namesakes == 1 else f"{a}~{rng.randrange(namesakes)}" for a in found}


def _retold(claim: dict, swap: dict[str, str], ids: dict[str, str], names: dict[str, str], factor: float,
            years: int, days: int, late: int, rng: random.Random) -> dict:
    """A claim of the story: its countries swapped, its actors the story's
    namesakes, its figures scaled, its dates `years` and `days` later, published
    `late` days after that (an outlet that is late tells the same days)."""
    text = json.dumps(claim, ensure_ascii=False)
    text = _replaced(text, {**{f'"{old}"': f'"{new}"' for old, new in swap.items()},
                            **{names[old]: names[new] for old, new in swap.items()}})
    told = json.loads(_replaced(text, {f'"{actor}"': f'"{namesake}"' for actor, namesake in ids.items()}))
    for m in told["money"]:
        m["amount"] = _scaled(m["amount"], factor, rng)
    for q in told["quantities"]:
        q["value"] = _scaled(q["value"], factor, rng)
    for d in told["dates"]:
        d["value"] = _later(d["value"], years, days)
    for m in (*told["money"], *told["quantities"], *told["dates"]):
        if m.get("frame") and m["frame"].get("time"):
            m["frame"]["time"] = _later(m["frame"]["time"], years)
    if told["source"].get("published"):
        told["source"]["published"] = (date.fromisoformat(told["source"]["published"])
                                       + timedelta(days=late + 365 * years)).isoformat()
    return told


def _replaced(text: str, replacements: dict[str, str]) -> str:
    """Each key of `replacements` by its value, through placeholders: a swap may run both ways."""
    for k, old in enumerate(replacements):
        text = text.replace(old, f"\0{k}\0")
    for k, new in enumerate(replacements.values()):
        text = text.replace(f"\0{k}\0", new)
    return text


def _reworded(claim: dict, story: int) -> None:
    """Half the content words (in `words` and each figure's near words) become the story's own."""
    def own(word: str) -> str:
        return f"{word}{story}" if zlib.crc32(f"{story}:{word}".encode()) % 2 else word

    claim["sentence"]["words"] = " ".join(own(w) for w in claim["sentence"]["words"].split())
    for m in (*claim["money"], *claim["quantities"], *claim["dates"]):
        if m.get("frame"):
            m["frame"]["near"] = [own(w) for w in m["frame"]["near"]]


def _scaled(value, factor: float, rng: random.Random):
    if not isinstance(value, int | float):
        return value
    own = rng.choice((1.1, 0.8, 10.0)) if rng.random() < OWN_FIGURE else 1.0
    return round(value * factor * own, 2)


def _later(value, years: int, days: int = 0):
    """The ISO value `years` later (29 February becomes the 28th where it must),
    a full date `days` later still: another story's events fall on other days."""
    if not isinstance(value, str):
        return value
    shifted = _YEAR.sub(lambda m: str(int(m.group(0)) + years), value).replace("-02-29", "-02-28")
    return _DAY.sub(lambda m: (date.fromisoformat(m.group(0)) + timedelta(days=days)).isoformat(), shifted)

