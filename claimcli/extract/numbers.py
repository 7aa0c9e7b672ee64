"""Numbers as Sudachi reads them.

Sudachi's default config joins numerals and normalizes them (`1千億` →
100000000000, `３兆４千億` → 3400000000000, `1,200億` → 120000000000), so a
number here is a run of adjacent numeral tokens whose normalized forms are
combined: a literal, a scale word Sudachi left apart (数十 + 億), or a vague
"several" (数十: 10 and more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from claimcli.data import table
from claimcli.text.tokens import Token, tokenize

_LITERAL = re.compile(r"^\d+(?:\.\d+)?$")
# Longer than any real figure: a run of digits this long is an ID, not a number.
MAX_DIGITS = 24


@dataclass(frozen=True)
class Number:
    value: Decimal
    vague: bool  # 数十億: at least this much
    start: int  # span in the tokenized text
    end: int


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, Decimal]]:
    return {row[0]: (row[1], Decimal(row[2])) for row in table("numbers.tsv")}


def scale_of(word: str) -> Decimal | None:
    kind, value = _words().get(word.lower(), ("", Decimal(0)))
    return value if kind == "scale" else None


def parse_number(text: str) -> Number | None:
    """The number a whole string spells (`1億3千万`, `三千億`, `17.5`), or None
    when it is not exactly one figure."""
    tokens = tokenize(text.strip())
    runs = number_runs(tokens)
    if len(runs) != 1 or runs[0].start != tokens[0].start or runs[0].end != tokens[-1].end:
        return None
    return runs[0]


# After `27・5`, these make the middle dot a decimal point (`２７・５％`, `５・５兆円`).
_DECIMAL_DOT_BEFORE = re.compile(r"[兆億万%倍割]|ポイント")
_DIGITS = re.compile(r"\d+")


def number_runs(tokens: list[Token]) -> tuple[Number, ...]:
    """Every number in a token list: runs of adjacent numeral tokens (of a
    sentence: `sentence.derived(number_runs)`, found once for every extractor)."""
    if not any(t.pos[1] == "数詞" for t in tokens):
        return ()  # no numeral, no number: one quick look for the many sentences without one
    # Tokens cover their text end to end: numerals not side by side in the list are apart in the text.
    numerals = [t for t in _decimal_dots(tokens) if t.pos[1] == "数詞"]
    numbers: list[Number] = []
    run: list[Token] = []
    for tok in [*numerals, None]:
        if tok is not None and (not run or run[-1].end == tok.start):
            run.append(tok)
            continue
        if (value := _value([t.normalized for t in run])) is not None:
            numbers.append(Number(value[0], value[1], run[0].start, run[-1].end))
        run = [tok]
    return tuple(numbers)


def _decimal_dots(tokens: list[Token]) -> list[Token]:
    """`５・５兆`, `２７・５％`: some newspapers write the decimal point as a middle
    dot. Digits, `・`, digits and a scale word or percent sign become one numeral
    token; a dot anywhere else lists things (`1・2号機`)."""
    if not any(t.surface == "・" for t in tokens):
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if i + 2 < len(tokens) and _is_decimal_dot(tokens, i):
            whole, fraction = tokens[i], tokens[i + 2]
            digits = _DIGITS.match(fraction.surface).group()
            scale = Decimal(fraction.normalized) / Decimal(digits)
            value = Decimal(f"{whole.surface}.{digits}") * scale
            out.append(Token(f"{whole.surface}・{fraction.surface}", format(value.normalize(), "f"), whole.pos,
                             whole.start, fraction.end))
            i += 3
            continue
        out.append(tokens[i])
        i += 1
    return out


def _is_decimal_dot(tokens: list[Token], i: int) -> bool:
    whole, dot, fraction = tokens[i], tokens[i + 1], tokens[i + 2]
    if not (whole.is_numeral and whole.surface.isdigit() and dot.surface == "・" and fraction.is_numeral
            and whole.end == dot.start and dot.end == fraction.start and _LITERAL.match(fraction.normalized)):
        return False
    digits = _DIGITS.match(fraction.surface)
    if digits is None:
        return False
    rest = fraction.surface[digits.end():]
    after = tokens[i + 3].surface if i + 3 < len(tokens) else ""
    return bool(_DECIMAL_DOT_BEFORE.match(rest or after))


def _value(forms: list[str]) -> tuple[Decimal, bool] | None:
    """Combine the normalized forms of one run: literals, scales, vague words."""
    total, current, vague, seen_figure = Decimal(0), None, False, False
    for form in forms:
        kind, amount = _words().get(form, ("", Decimal(0)))
        if _LITERAL.match(form) and len(form) <= MAX_DIGITS:
            if current is not None and not (vague and current == 1):
                return None  # two numbers side by side are not one figure
            current, seen_figure = Decimal(form), True  # 数10: several tens
        elif kind == "vague":
            vague, seen_figure = True, True
            current = current if current is not None else amount
        elif kind == "scale":
            if amount >= 10000:
                total += (current if current is not None else Decimal(1)) * amount
                current = None
            else:
                current = (current if current is not None else Decimal(1)) * amount
        else:
            return None
    if not seen_figure:
        return None
    return total + (current or 0), vague
