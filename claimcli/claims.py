"""Article → claims: a claim is a sentence that states at least one figure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from claimcli import SCHEMA
from claimcli.extract import money
from claimcli.read.article import Article
from claimcli.text.sentence import Sentence
from claimcli.text.sentences import split_sentences


@dataclass(frozen=True)
class Claim:
    id: str
    article: Article
    sentence: Sentence
    money: tuple[money.Money, ...] = ()

    @property
    def figures(self) -> tuple[money.Money, ...]:
        return self.money

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
            "sentence": {"index": self.sentence.index, "text": self.sentence.text},
            "topics": [],
            "money": [m.to_json() for m in self.money],
            "quantities": [],
            "dates": [],
            "actors": [],
        }


def sentences_of(article: Article) -> list[Sentence]:
    spans = split_sentences(article.text, list(article.segments))
    return [Sentence(i, article.text[s.start : s.end], s.start) for i, s in enumerate(spans)]


def claims_of(article: Article) -> list[Claim]:
    claims = []
    for sentence in sentences_of(article):
        found = tuple(money.extract(sentence))
        if found:
            claims.append(Claim(_claim_id(article, sentence), article, sentence, money=found))
    return claims


def _claim_id(article: Article, sentence: Sentence) -> str:
    """Stable across runs for the same article text."""
    return hashlib.sha1(f"{article.content_hash}:{sentence.index}".encode()).hexdigest()[:16]
