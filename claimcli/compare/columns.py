"""Items as columns: the same-fact test on arrays of candidate pairs.

`similarity.comparable` rules a pair out by its frames (another measure, scope
or time, another stated period or year) and, for numbers, by values too far
apart. Those tests need no sets or strings when each slot is coded as an int,
so millions of candidate pairs are tested at once.

Pairs of money figures, quantities and dates are judged whole on arrays
(`judge_figures`), cheapest tests first, each step on the pairs still in the
running: `similarity.same_fact`, step for step and in the
same float operations in the same order, so every score is the one the judge
would give — lengths, ranks, bare years and months too (the shared near word
they need is a shared word of each item's near words less the generic ones
and its own actors' names). Sets of a small vocabulary (actors, topics,
years) are bits, their intersections popcounts; others (near words) sorted
codes of (item, word), each value of one side looked up in the other's by
binary search. The content words are scored by rapidfuzz in one batch; date
tests read each value's parts once. Items with very large sets, and a bare
year against a day (what the test asks depends on which comes first), are
left to `similarity.same_fact`, after `may_be_one_fact` (every test a
necessary condition of `comparable`, the value test a hair looser than its
exact form) has dropped the pairs it would surely refuse.
"""

from __future__ import annotations

import copy

import numpy as np
from rapidfuzz import fuzz, process

from claimcli.compare import similarity as sim
from claimcli.compare.arrays import runs
from claimcli.compare.intervals import DateTable, Interval, date_parts, significant_digits
from claimcli.compare.items import Item
from claimcli.compare.similarity import MAX_RELATIVE_GAP, SCALE_POWERS

MAX_SET = 24  # an item with a larger set is judged one by one
MAX_BITS = 4096  # a vocabulary up to this size is held as bits: intersections are popcounts
CHUNK = 100_000  # pairs judged at once: bounds the broadcast intersections' memory
FIELDS = ("money", "quantities", "dates")  # the fields of items the arrays judge
DATES = FIELDS.index("dates")
LOOSE = 1e-6  # slack on the value tests: float rounding must never drop a pair the exact test keeps
SEVERAL = object()  # a slot of several values (two years): coded -1, left to the exact test


class Columns:
    def __init__(self, items: list[Item], intervals: list[Interval | None]) -> None:
        """`intervals`: each item's (`Item.interval`, made once by the caller)."""
        self.number = np.array([np.nan if i.number is None else i.number for i in items], dtype=np.float64)
        self.low = np.array([x.low if x else np.nan for x in intervals], dtype=np.float64)
        self.high = np.array([x.high if x else np.nan for x in intervals], dtype=np.float64)
        self.low_open = np.array([bool(x and x.low_open) for x in intervals])
        self.high_open = np.array([bool(x and x.high_open) for x in intervals])
        codes: dict = {None: 0}  # one table for every slot: a value is only compared within its slot
        self.measure = _coded(codes, (i.frame.measure for i in items))
        self.scope = _coded(codes, (i.frame.scope for i in items))
        self.time = _coded(codes, (i.frame.time for i in items))
        self.period = _coded(codes, (_single(i.periods) for i in items))
        self.year = _coded(codes, (_single(i.years) for i in items))
        dates: dict = {None: 0}
        self.date = np.array([dates.setdefault(i.date, len(dates)) for i in items], dtype=np.int64)
        self.dates = list(dates)  # code → ISO value
        self.date_table = DateTable(self.dates)
        self.items = items
        self._figures: _Figures | None = None

    def figures(self) -> _Figures:
        if self._figures is None:
            self._figures = _Figures(self.items, self)
        return self._figures

    def shipped(self) -> Columns:
        """These columns without the items they were read from, for other
        processes (a Dask worker): the array judge reads only the arrays."""
        figures = self.figures()
        light = copy.copy(self)
        light.items = []
        light._figures = copy.copy(figures)
        light._figures.columns = light
        return light

    def may_be_one_fact(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For pairs of item indices (a[k], b[k]) of one block: False where
        `comparable` surely refuses the pair (necessary conditions only)."""
        return self.frames_fit(a, b) & self._near_in_value(a, b) & self._near_in_time(a, b)

    def frames_fit(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """`comparable`'s frame tests: measure, scope, time, and a period and a
        year where each side states one (several: left to the exact tests)."""
        keep = ~_differ(self.measure[a], self.measure[b])
        keep &= ~((self.measure[a] == self.measure[b]) & _differ(self.scope[a], self.scope[b]))
        keep &= ~_differ(self.time[a], self.time[b])
        keep &= ~_differ(self.period[a], self.period[b])
        return keep & ~_differ(self.year[a], self.year[b])

    def _near_in_value(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Close, overlapping or a scale word apart, as `comparable` asks of two
        numbers (with slack); pairs of dates pass."""
        x, y = self.number[a], self.number[b]
        dates = np.isnan(x) | np.isnan(y)
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            close = np.abs(x - y) <= (MAX_RELATIVE_GAP + LOOSE) * np.maximum(np.abs(x), np.abs(y))
            overlap = np.maximum(self.low[a], self.low[b]) <= np.minimum(self.high[a], self.high[b])
            small, large = np.minimum(np.abs(x), np.abs(y)), np.maximum(np.abs(x), np.abs(y))
            ratio = large / small
            slipped = np.zeros(len(a), dtype=bool)
            for k in SCALE_POWERS:
                slipped |= np.abs(ratio - 10.0**k) <= LOOSE * 10.0**k
            slipped &= small > 0
        return dates | close | overlap | slipped

    def _near_in_time(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Two dates as close as `comparable` asks; pairs of numbers pass."""
        return self.days_fit(a, b, np.ones(len(a), dtype=bool))[1]

    def days_fit(self, a: np.ndarray, b: np.ndarray, otherwise: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For pairs of dates: whether they agree (`fits`), and whether they are
        near enough to be one fact (a week for one event named alike, else three
        days); `otherwise` for pairs that are not two dates."""
        agree, near = otherwise.copy(), otherwise.copy()
        both = np.flatnonzero((self.date[a] > 0) & (self.date[b] > 0))
        if not len(both):
            return agree, near
        x, y = self.date[a[both]], self.date[b[both]]
        agree[both] = agreed = self.date_table.agree(x, y)
        distance = self.date_table.distance(x, y, agreed)
        same_event = (self.measure[a[both]] > 0) & (self.measure[a[both]] == self.measure[b[both]])
        near[both] = distance <= np.where(same_event, sim.SAME_EVENT_DAYS, sim.MAX_DAYS_APART)
        return agree, near


def _coded(codes: dict, values) -> np.ndarray:
    """Each value as an int: 0 for none (an empty slot never rules a pair out), -1 for several."""
    return np.array([-1 if v is SEVERAL else codes.setdefault(v, len(codes)) if v else 0 for v in values],
                    dtype=np.int64)


def _single(values: frozenset):
    """A set's one value, None for none, SEVERAL for several."""
    if not values:
        return None
    return next(iter(values)) if len(values) == 1 else SEVERAL


def _differ(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Both slots filled (and decided), with different values."""
    return (x > 0) & (y > 0) & (x != y)


class _Figures:
    """The columns `judge_figures` reads, built once, for every item (rows of
    items it does not judge are left empty)."""

    def __init__(self, items: list[Item], columns: Columns) -> None:
        self.columns = columns
        present = _unions((i.actors, i.context) for i in items)  # who a sentence speaks of
        actor_sets = {"actors": [i.actors or i.context for i in items], "context": [i.context for i in items],
                      "subject": [i.frame.subject for i in items],
                      "around": _unions((i.countries, i.context) for i in items)}  # where a subject may be named
        actors = _vocabulary(s for sets in (*actor_sets.values(), present) for s in sets)
        for name, sets in actor_sets.items():
            setattr(self, name, _Sets(sets, actors))
        words = _vocabulary(i.frame.near for i in items)
        self.near = _Sets([i.frame.near for i in items], words)
        self.specific = _Sets(_specific_near(items), words)
        self.topics = _Sets([i.topics for i in items], _vocabulary(i.topics for i in items))
        self.years = _Sets([i.years for i in items], _vocabulary(i.years for i in items))  # the other years named
        sets: dict = {frozenset(): 0}
        self.periods = np.array([sets.setdefault(i.periods, len(sets)) for i in items], dtype=np.int64)
        texts: dict[str, int] = {}
        self.word_id = np.array([texts.setdefault(i.words, len(texts)) for i in items], dtype=np.int64)
        self.word_texts = list(texts)
        fields = {f: k for k, f in enumerate(FIELDS)}
        self.field = np.array([fields.get(i.field, -1) for i in items], dtype=np.int64)
        self.cut = np.array([i.cut for i in items])
        self.digits = np.array([min(len(significant_digits(i.number)), 3) if i.number is not None else 0
                                for i in items], dtype=np.float64)
        self.bound = _coded({None: 0}, (i.qualifier if i.qualifier in sim.BOUNDS else None for i in items))
        self.converted = np.array([bool(i.conversion) for i in items])
        currencies: dict = {}
        self.currency = np.array([currencies.setdefault(i.conversion.get("currency") if i.conversion else None,
                                                        len(currencies)) for i in items], dtype=np.int64)
        self.present = _Sets(present, actors)
        small = (np.maximum.reduce([self.present.sizes, self.around.sizes, self.near.sizes, self.topics.sizes])
                 <= MAX_SET) & np.array([len(i.periods) <= 1 for i in items]) & (self.years.sizes <= MAX_SET)
        self.actors_named = _Sets([i.actors for i in items], actors)  # ... and whom it names itself
        people: dict = {}
        self.people = np.array([people.setdefault(i.actors - i.countries, len(people)) for i in items])
        self.needs = np.array([_needs(i) for i in items], dtype=np.int64)
        self.judged = small & (self.field >= 0)

    def judgeable(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Pairs the arrays judge: both items judged, and both asking as much of
        the other (a bare year against a day is judged one by one: what the test
        asks depends on which comes first)."""
        return self.judged[a] & self.judged[b] & (self.needs[a] == self.needs[b])


NEEDS_NOTHING, NEEDS_WORDS, NEEDS_ACTORS_AND_WORDS = 0, 1, 2


def _needs(item: Item) -> int:
    """What `similarity._says_enough` asks of a pair beyond its actors: a rank or
    a length a shared word near both; a bare year or month also a shared actor."""
    if item.field == "dates":
        if item.date is None:
            return NEEDS_WORDS
        return NEEDS_NOTHING if _has_day(item.date) else NEEDS_ACTORS_AND_WORDS
    return NEEDS_WORDS if item.block.endswith(":" + sim.RANK) else NEEDS_NOTHING


def judge_figures(columns: Columns, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`similarity.same_fact(items[a[k]], items[b[k]])` of pairs of one block that
    `judgeable` accepts: the score, or NaN where it gives None."""
    out = np.empty(len(a), dtype=np.float64)
    if not len(a):
        return out
    for start in range(0, len(a), CHUNK):
        out[start:start + CHUNK] = _judged(columns.figures(), a[start:start + CHUNK], b[start:start + CHUNK])
    return out


def _judged(f: _Figures, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`same_fact` on arrays, cheapest tests first: each step keeps only the
    pairs still in the running."""
    c = f.columns
    out = np.full(len(a), np.nan)
    at = np.flatnonzero(c.frames_fit(a, b))
    a, b = a[at], b[at]
    numbers = ~np.isnan(c.number[a])  # a pair is of one block: both numbers (lengths too), or both dates
    agree, close_enough = _values_fit(c, f, a, b)
    days_agree, days_near = c.days_fit(a, b, np.zeros(len(a), dtype=bool))
    agree, close_enough = np.where(numbers, agree, days_agree), np.where(numbers, close_enough, days_near)
    near = np.flatnonzero(close_enough)
    a, b, agree, numbers, at = a[near], b[near], agree[near], numbers[near], at[near]
    dates, needs = f.field[a] == DATES, f.needs[a]
    same_subject = ~numbers | ~((f.subject.sizes[a] > 0) & (f.subject.sizes[b] > 0)) | \
        _meet(f.subject, a, f.around, b) | _meet(f.subject, b, f.around, a)
    says_enough = (~dates | _meet(f.present, a, f.present, b)) & \
        _meet_where(needs != NEEDS_NOTHING, f.specific, a, b) & \
        _meet_where(needs == NEEDS_ACTORS_AND_WORDS, f.actors_named, a, b)
    comparable = same_subject & says_enough
    comparable &= ~((f.periods[a] > 0) & (f.periods[b] > 0) & (f.periods[a] != f.periods[b]))  # one period each
    comparable &= ~((f.years.sizes[a] > 0) & (f.years.sizes[b] > 0) & ~_meet(f.years, a, f.years, b))
    same_frame = (_within(f.subject, a, f.around, b) | _within(f.subject, b, f.around, a)) & \
        (f.periods[a] == f.periods[b])
    same_event = f.people[a] == f.people[b]
    whole = ~(f.cut[a] | f.cut[b]) & np.where(numbers, same_frame, same_event)
    left = np.flatnonzero(comparable & (agree | whole))  # only these are worth a score
    a, b, agree, numbers, at = a[left], b[left], agree[left], numbers[left], at[left]
    field = f.field[a]
    bar = np.array([sim.MIN_SCORE[x] for x in FIELDS])[field] + np.where(
        agree, 0.0, np.array([sim.DISAGREEMENT_MARGIN[x] for x in FIELDS])[field])
    named = (c.measure[a] > 0) & (c.measure[b] > 0)
    bar = bar + np.where(~agree & ~named, sim.UNNAMED_MEASURE, 0.0)
    bar = bar + np.where(numbers & (c.number[a] != c.number[b]), sim.DIFFERENT_AMOUNT, 0.0)
    parts, bonus = _score_parts(f, a, b)
    # A pair that misses its bar even with sentences alike in every word needs no rapidfuzz
    # (each step of the sum is monotone, so the real score is no higher).
    possible = np.flatnonzero(_score(parts, np.ones(len(a)), bonus) >= bar)
    parts = {k: v[possible] for k, v in parts.items()}
    score = _score(parts, _words_alike(f, a[possible], b[possible]), bonus[possible])
    out[at[possible]] = np.where(score >= bar[possible], score, np.nan)
    return out


def _has_day(date: str | None) -> bool:
    parts = date_parts(date.split("/")[0]) if date is not None else None
    return parts is None or parts[2] is not None


def _values_fit(c: Columns, f: _Figures, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether the two intervals overlap (`fits`), and whether the figures are
    near enough to be one fact at all (close, overlapping or a scale word apart)."""
    x, y = c.number[a], c.number[b]
    la, lb, ha, hb = c.low[a], c.low[b], c.high[a], c.high[b]
    low = np.maximum(la, lb)
    low_open = np.where(la > lb, c.low_open[a], np.where(lb > la, c.low_open[b], c.low_open[a] | c.low_open[b]))
    high = np.minimum(ha, hb)
    high_closed = np.where(ha < hb, ~c.high_open[a], np.where(hb < ha, ~c.high_open[b],
                                                              ~(c.high_open[a] | c.high_open[b])))
    overlap = (low < high) | ((low == high) & ~low_open & high_closed)
    close = np.abs(x - y) <= MAX_RELATIVE_GAP * np.maximum(np.abs(x), np.abs(y))
    return overlap, close | overlap | _slipped(x, y)


def _slipped(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """`similarity.slipped_scale`, with math.isclose's test written out."""
    small, large = np.minimum(np.abs(x), np.abs(y)), np.maximum(np.abs(x), np.abs(y))
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = large / small
    found = np.zeros(len(x), dtype=bool)
    for k in SCALE_POWERS:
        target = 10.0**k
        diff = np.abs(ratio - target)
        found |= (ratio == target) | (diff <= np.abs(1e-9 * target)) | (diff <= np.abs(1e-9 * ratio))
    return found & (small != 0) & np.isfinite(ratio)


def _score_parts(f: _Figures, a: np.ndarray, b: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """`similarity._parts` and `similarity._bonus`: the weighted parts but the content words, and the bonuses
    summed in their order."""
    c = f.columns
    parts = {"actors": _jaccard(f.actors, a, b), "context": _jaccard(f.context, a, b),
             "near": _jaccard(f.near, a, b), "topics": _jaccard(f.topics, a, b)}
    bonus = np.where((f.periods[a] > 0) & (f.periods[a] == f.periods[b]), sim.SAME_PERIOD, 0.0)
    bonus = bonus + np.where((c.measure[a] > 0) & (c.measure[a] == c.measure[b]), sim.SAME_MEASURE, 0.0)
    bonus = bonus + np.where(_count(f.subject, a, b) > 0, sim.SAME_SUBJECT, 0.0)
    bonus = bonus + np.where(f.converted[a] & f.converted[b] & (f.currency[a] == f.currency[b]),
                             sim.CONVERTED_ALIKE, 0.0)
    x, y = c.number[a], c.number[b]
    told_again = ((x == y) | _slipped(x, y)) & (f.bound[a] == f.bound[b])
    return parts, bonus + np.where(told_again, sim.SPECIFIC_VALUE * f.digits[a], 0.0)


def _score(parts: dict[str, np.ndarray], words: np.ndarray, bonus: np.ndarray) -> np.ndarray:
    """`similarity._total`: the weighted parts summed in its order, then the bonuses."""
    total = np.zeros(len(words), dtype=np.float64)
    for k in sim.WEIGHTS:
        total = total + sim.WEIGHTS[k] * (words if k == "words" else parts[k])
    return total + bonus


def _words_alike(f: _Figures, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """rapidfuzz's token_set_ratio / 100 of the sentences' content words, once
    per pair of word strings, on every core (a pure function: the same scores)."""
    codes = f.word_id[a] * (len(f.word_texts) + 1) + f.word_id[b]
    unique, inverse = np.unique(codes, return_inverse=True)
    left = [f.word_texts[c] for c in (unique // (len(f.word_texts) + 1)).tolist()]
    right = [f.word_texts[c] for c in (unique % (len(f.word_texts) + 1)).tolist()]
    ratios = process.cpdist(left, right, scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1)
    return ratios[inverse.reshape(-1)] / 100


def _vocabulary(sets) -> dict:
    """Each value of the sets coded in the order first seen (each distinct set read once: items share them)."""
    vocabulary: dict = {}
    for found in dict.fromkeys(sets):
        for value in found:
            vocabulary.setdefault(value, len(vocabulary))
    return vocabulary


class _Sets:
    """One set per item (a frozenset, or a frame's tuple of distinct words), as bits
    where the vocabulary is small (actors, topics), else as sorted codes
    set * |vocabulary| + word (near words), looked up by binary search; sets
    of one vocabulary can meet. Each distinct set is coded once (many items
    share one), and none holds more than MAX_SET values here (a wider set's
    item is judged one by one)."""

    def __init__(self, sets: list, vocabulary: dict) -> None:
        distinct: dict = {}
        self.set_of = np.array([distinct.setdefault(found, len(distinct)) for found in sets], dtype=np.int64)
        sizes = np.array([len(found) for found in distinct], dtype=np.int64)
        self.sizes = sizes[self.set_of]
        kept = np.minimum(sizes, MAX_SET)
        owner = np.repeat(np.arange(len(distinct)), kept)
        codes = np.array([vocabulary[v] for found in distinct for v in list(found)[:MAX_SET]], dtype=np.int64)
        self.bits = self.keys = None
        if len(vocabulary) <= MAX_BITS:
            self.bits = np.zeros((len(distinct), max(1, -(-len(vocabulary) // 64))), dtype=np.uint64)
            bit = np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64))
            np.bitwise_or.at(self.bits, (owner, codes >> 6), bit)
        else:
            self.width = max(1, len(vocabulary))
            self.codes, self.kept, self.starts = codes, kept, np.cumsum(kept) - kept  # each set's codes, in a run
            self.keys = np.sort(owner * self.width + codes)

    def shared(self, a: np.ndarray, other: _Sets, b: np.ndarray) -> np.ndarray:
        """|A ∩ B| for A the set of item a[k] here and B that of item b[k] in `other` (of one vocabulary)."""
        a, b = self.set_of[a], other.set_of[b]
        if self.keys is None:
            return np.bitwise_count(self.bits[a] & other.bits[b]).sum(axis=1, dtype=np.int64)
        counts = self.kept[a]
        if not len(other.keys):
            return np.zeros(len(a), dtype=np.int64)
        pair, offset = runs(counts)  # each value of each A, looked up in its B
        wanted = b[pair] * other.width + self.codes[self.starts[a][pair] + offset]
        found = other.keys[np.minimum(np.searchsorted(other.keys, wanted), len(other.keys) - 1)] == wanted
        return np.bincount(pair[found], minlength=len(a)).astype(np.int64)


def _specific_near(items: list[Item]) -> list[tuple[str, ...]]:
    """Near words that are neither generic nor a name of the item's actors: two
    items share such a word exactly when `similarity._shares_words` says they
    do. Made once for each frame and list of actors (items share them)."""
    made: dict[tuple[int, int], tuple[str, ...]] = {}
    out = []
    for i in items:
        key = (id(i.frame), id(i.named))  # the items hold both: no id is reused while this runs
        found = made.get(key)
        if found is None:
            found = made[key] = tuple(w for w in i.frame.near if w not in sim.GENERIC_NEAR and w not in i.names)
        out.append(found)
    return out


def _unions(pairs) -> list[frozenset]:
    """x | y of each pair of sets, made once for each distinct pair (items share their sets)."""
    made: dict = {}
    out = []
    for pair in pairs:
        union = made.get(pair)
        if union is None:
            union = made[pair] = pair[0] | pair[1]
        out.append(union)
    return out


def _count(sets: _Sets, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|A ∩ B| of the sets of a and b of one family."""
    return sets.shared(a, sets, b)


def _meet(left: _Sets, a: np.ndarray, right: _Sets, b: np.ndarray) -> np.ndarray:
    return left.shared(a, right, b) > 0


def _meet_where(asked: np.ndarray, sets: _Sets, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where not asked, else whether the two sets meet (looked up only where asked)."""
    out = ~asked
    at = np.flatnonzero(asked)
    out[at] = _meet(sets, a[at], sets, b[at])
    return out


def _within(left: _Sets, a: np.ndarray, right: _Sets, b: np.ndarray) -> np.ndarray:
    """A ⊆ B (the empty set is within every set)."""
    return left.shared(a, right, b) == left.sizes[a]


def _jaccard(sets: _Sets, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`similarity._jaccard`: |A ∩ B| / |A ∪ B|, 0.0 for two empty sets."""
    inter = _count(sets, a, b)
    union = sets.sizes[a] + sets.sizes[b] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / np.maximum(union, 1), 0.0)
