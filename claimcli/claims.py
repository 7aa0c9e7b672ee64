"""Article → claims: a claim is a sentence that states at least one figure."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

from claimcli import SCHEMA
from claimcli.extract import actors, dates, money, quantities, topics
from claimcli.extract.context import Context
from claimcli.extract.frames import Frame, SentenceFrames, content_words
from claimcli.read.article import Article
from claimcli.text.credits import credit_spans
from claimcli.text.sentence import Sentence, tokenized
from claimcli.text.sentences import split_sentences

OPTIONAL_KEYS = {"dates": ("qualifier", "calendar", "time")}


@dataclass(frozen=True)
class Claim:
    id: str
    article: Article
    sentence: Sentence
    money: tuple[money.Money, ...] = ()
    quantities: tuple[quantities.Quantity, ...] = ()
    dates: tuple[dates.DateMention, ...] = ()
    actors: tuple[actors.ActorMention, ...] = ()
    topics: tuple[str, ...] = ()
    context: tuple[str, ...] = ()  # the ids of the actors the article names most
    frames: tuple[Frame, ...] = ()  # one per mention of money, quantities, dates, in that order
    words: str = ""  # the sentence's content words, figures left out (sentence_words)

    @property
    def figures(self) -> tuple:
        """Every mention, in the order it stands in the sentence."""
        return tuple(sorted((*self.money, *self.quantities, *self.dates), key=lambda m: m.start))

    def _mentions_json(self) -> dict[str, list[dict]]:
        """Each mention with its span in the sentence (as written) and its frame."""
        frames = iter(self.frames)
        out: dict[str, list[dict]] = {}
        for field, mentions in (("money", self.money), ("quantities", self.quantities), ("dates", self.dates)):
            out[field] = []
            for m in mentions:
                frame = next(frames, None)
                shown = m.to_json()
                for key in OPTIONAL_KEYS.get(field, ()):  # null where the mention has none: every key, always
                    shown.setdefault(key, None)
                out[field].append({**shown, "span": self._span(m), "frame": frame.to_json() if frame else None})
        return out

    def _span(self, mention) -> list[int]:
        """Where a mention stands in the sentence as written: [start, end)."""
        return list(self.sentence.norm.source_span(mention.start, mention.end))

    def to_json(self) -> dict:
        a = self.article
        return {
            "schema": SCHEMA,
            "id": self.id,
            "source": {
                "path": a.path,
                "outlet": a.outlet,
                "published": a.published.isoformat() if a.published else None,
                "title": a.title,
                "url": a.url,
            },
            "sentence": {"index": self.sentence.index, "text": self.sentence.text, "words": self.words},
            "topics": list(self.topics),
            **self._mentions_json(),
            "actors": [{**a.to_json(), "span": self._span(a)} for a in self.actors],
            "context": {"actors": list(self.context)},
        }


def sentences_of(article: Article) -> list[Sentence]:
    """The article's sentences, not yet tokenized (`tokenized` does it for many at once)."""
    spans = split_sentences(article.text, list(article.segments))
    return [Sentence(i, article.text[s.start : s.end], s.start) for i, s in enumerate(spans)]


@dataclass(frozen=True)
class Analysis:
    claims: list[Claim]
    actors: list[actors.ActorMention]  # every actor named in the article, claim or not

    def globalized(self, registry: actors.Registry) -> Analysis:
        """The same analysis with the run's ids for actors the gazetteer does not know."""
        ids = registry.globalize(self.actors)
        if not ids:
            return self

        def remap(mentions) -> tuple[actors.ActorMention, ...]:
            return tuple(replace(m, id=ids.get(m.id, m.id)) for m in mentions)

        def renamed(frame: Frame) -> Frame:
            return replace(frame, subject=tuple(ids.get(i, i) for i in frame.subject))

        claims = [replace(c, actors=remap(c.actors), context=tuple(ids.get(i, i) for i in c.context),
                          frames=tuple(renamed(f) for f in c.frames)) for c in self.claims]
        return Analysis(claims, list(remap(self.actors)))


def analyze_all(articles: list[Article]) -> list[Analysis]:
    """Each article's analysis; the sentences of all are tokenized first, together:
    Sudachi's calls back to back keep its tables in the processor's caches, which
    an article's extractors between them push out (measured: a run 1.17× faster)."""
    split = [sentences_of(a) for a in articles]
    tokenized([s for sentences in split for s in sentences])
    return [_analyze(a, sentences) for a, sentences in zip(articles, split, strict=True)]


def analyze(article: Article) -> Analysis:
    return analyze_all([article])[0]


def _analyze(article: Article, sentences: list[Sentence]) -> Analysis:
    """Every sentence's figures and actors; the sentences with a figure are claims.

    Actors the gazetteer does not know get ids local to the article; the run
    makes them global (`globalized`) in article order, so that a run in
    parallel names them as a run in one process does."""
    context = Context(article.published, registry=actors.Registry())
    claims: list[Claim] = []
    everyone: list[actors.ActorMention] = []
    found = []
    deferred = None  # a title that points back (`当日`) is dated after the body, by the body's first date
    first_anchor = None
    for sentence in sentences:
        credits = credit_spans(sentence.normalized)  # a photo credit holds no mentions
        found_money = _outside(money.extract(sentence, context), credits)
        if sentence.index == 0 and dates.points_back(sentence):
            deferred, found_dates, found_quantities = len(found), (), ()
        else:
            found_dates, found_quantities = _dates_and_quantities(sentence, context, found_money, credits)
            first_anchor = first_anchor or context.anchor
        named = list(_outside(actors.extract(sentence, context), credits))
        found.append((sentence, found_money, found_dates, found_quantities, len(everyone), len(named)))
        everyone.extend(named)
    if deferred is not None:
        sentence, found_money, _, _, *rest = found[deferred]
        title_context = Context(article.published, anchor=first_anchor, start=first_anchor)
        later = _dates_and_quantities(sentence, title_context, found_money, credit_spans(sentence.normalized))
        found[deferred] = (sentence, found_money, *later, *rest)
    everyone = actors.link_bare_bodies(actors.link_surnames(everyone))
    main = _main_actors(everyone)
    record: list[Sentence] = []  # the label lines above this one (a fact sheet's record)
    for sentence, found_money, found_dates, found_quantities, first, count in found:
        above, record = record, [*record[-RECORD_LINES:], sentence] if _LABEL_LINE.match(sentence.text) else []
        if found_money or found_dates or found_quantities:
            named = tuple(everyone[first:first + count])
            index, frames = _frames(sentence, found_money, found_quantities, found_dates, named)
            claims.append(Claim(_claim_id(article, sentence), article, sentence, money=found_money,
                                quantities=found_quantities, dates=found_dates, actors=named,
                                topics=tuple(topics.extract(sentence, context)), context=main,
                                frames=frames, words=_with_record(index.words(), above, sentence)))
    return Analysis(claims, everyone)


def _frames(sentence: Sentence, found_money, found_quantities, found_dates, named) -> tuple[SentenceFrames,
                                                                                           tuple[Frame, ...]]:
    """A frame per mention; a conversion (`(約84兆円)`, `=84兆円`) takes the frame
    of the figure it converts, with its own unit."""
    figures = (*found_money, *found_quantities, *found_dates)
    index = SentenceFrames(sentence, tuple((f.start, f.end) for f in figures), found_dates, named)
    converted: dict[str, Frame] = {}
    out: list[Frame] = []
    for m in found_money:
        frame = replace(converted[m.equivalent_of], unit=m.currency) if m.equivalent_of in converted \
            else index.frame(m.start, m.end, m.currency)
        converted[m.text] = frame
        out.append(frame)
    out += [index.frame(q.start, q.end, q.unit) for q in found_quantities]
    out += [index.frame(d.start, d.end, d.kind, is_date=True) for d in found_dates]
    return index, tuple(out)


def _dates_and_quantities(sentence: Sentence, context: Context, found_money: tuple, credits) -> tuple[tuple, tuple]:
    found_dates = _outside(dates.extract(sentence, context), credits)
    context.taken = [(m.start, m.end) for m in (*found_money, *found_dates)]
    return found_dates, _outside(quantities.extract(sentence, context), credits)


def _outside(mentions, spans: list[tuple[int, int]]) -> tuple:
    """The mentions that do not lie inside any of the spans."""
    return tuple(m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans))


MAIN_ACTORS = 5
RECORD_LINES = 5
# `事業費:約6億ドル`: a label, a colon and a short value, one line of a record.
_LABEL_LINE = re.compile(r"^\s*[^\s:：。、]{1,12}[:：][^。]{1,60}$")


def _with_record(words: str, above: list[Sentence], sentence: Sentence) -> str:
    """A label line (`事業費:約6億ドル`) says what it is about in the lines above
    it (`案件3:…ダイヤモンド砥粒施設`, `所在地:ジョージア州`): their words are its words too."""
    if not above or not _LABEL_LINE.match(sentence.text):
        return words
    return " ".join([words, *(content_words(s) for s in above)])


def _main_actors(mentions: list[actors.ActorMention]) -> tuple[str, ...]:
    """The actors an article is about: those it names most (places aside), at least twice."""
    counts = Counter(m.id for m in mentions if m.type != actors.PLACE)
    return tuple(i for i, n in counts.most_common(MAIN_ACTORS) if n >= 2)


def _claim_id(article: Article, sentence: Sentence) -> str:
    """Stable across runs for the same article text, file name and outlet, wherever
    the folder is; two outlets' copies of one story (or two files of one text) differ."""
    name = article.path.replace("\\", "/").rsplit("/", 1)[-1]
    key = f"{article.content_hash}:{article.outlet}:{name}:{sentence.index}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]
