"""Make large, varied corpora from the articles we ship (seeds/ and fixtures/).

Each generated article is a shipped one under another outlet (one of 40
fictional domains), another publication date, and its figures scaled by a
factor of its own, so that claims spread over many values and do not all
collapse into one group.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("fixtures/**/*.txt")])
OUTLETS = 40
FACTORS = (0.5, 0.8, 0.9, 1.0, 1.0, 1.1, 1.25, 1.5, 2, 3)
_NUMBER = re.compile(r"(?<![\d/:-])\d{1,4}(?:,\d{3})*(?![\d/:-]|年|月|日)")


def article(k: int, rng: random.Random) -> str:
    text = TEMPLATES[k % len(TEMPLATES)].read_text(encoding="utf-8")
    factor = rng.choice(FACTORS)
    body = _NUMBER.sub(lambda m: _scaled(m.group(0), factor), text)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    url = f"https://outlet{rng.randrange(OUTLETS)}.example.jp/{day:%Y/%m/%d}/{k}"
    return f"{url}\n{day:%Y/%m/%d} 09:00\n{body}"


def _scaled(number: str, factor: float) -> str:
    value = round(int(number.replace(",", "")) * factor)
    return f"{value:,}" if "," in number else str(value)


def generate(count: int, folder: Path, seed: int = 0) -> Path:
    """Write `count` articles under folder (once: an existing corpus is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    rng = random.Random(seed)
    for k in range(count):
        (folder / f"{k:07d}.txt").write_text(article(k, rng), encoding="utf-8")
    return folder


def characters(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
