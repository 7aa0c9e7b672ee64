"""Actors: who is named in a sentence, typed, with one id per real-world actor
(ANNOTATION.md, "Actors").

Steps: gazetteer names (longest first, at token boundaries) → one-character
country forms in context (米大統領, 中ロ, 日カザフ, 対米) → other names Sudachi
or the text's shape gives away: a name before a title is a person, a name
before an organization word an org, an acronym an org, a place name a place →
titles stripped for identity and kept as the role; `X政権` is X's
administration, `X政府` the country X.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from claimcli.data import table
from claimcli.extract.context import Context
from claimcli.extract.gazetteer import Entity, fold, gazetteer
from claimcli.extract.words import WordTable, match_after, word_table
from claimcli.text.sentence import Sentence
from claimcli.text.tokens import Token

PERSON, COUNTRY, ORG, GROUP, PLACE = "person", "country", "org", "group", "place"
_KATAKANA = re.compile(r"^[\u30a0-\u30ff=＝]+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+/\-]*[A-Z0-9+]$")
_JOINERS = ("・", "=")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&+\-]*")
_SAME_COUNTRY = "同国"  # the country last named, before a body of it (同国運輸省)
_KANA_ONLY = re.compile(r"[\u3040-\u30ff・ ]+")
_KANJI_NAME = re.compile(r"[\u4e00-\u9fff々]{3,6}")  # a Japanese full name in kanji
_BYLINE = re.compile(r"【[^】=]{1,20}=([^】]{1,40})】")  # NFKC turns ＝ into =
MAX_PORTFOLIO = 4  # nouns of a minister's portfolio (経済 再生 担当)
_LONGER_LATIN_NAME = re.compile(r" [A-Z][a-z]")  # `GE Vernova`: a Latin name goes on
_KANA = re.compile(r"[\u3040-\u309f]")
_ABBREVIATION_OPENERS = ("対", "訪")  # 対米, 訪中
ADMINISTRATION = "-administration"  # X政権: the id of X, and this
MAX_ORG_NOUNS = 4  # common nouns between a name and its organization word
FUZZY_MIN = 90  # rapidfuzz ratio for two spellings of one unknown name
FUZZY_MIN_LENGTH = 4
MAX_ACRONYM = 5  # SHINTARO, KATAOKA: longer capitals are words
# Words that end an organization's name on their own (外交問題評議会, 産業・建設省).
_STRONG_ORG_WORDS = ("省", "庁", "評議会", "協会", "委員会", "研究所", "機構", "取引所", "財団", "党")
_REFERRING = ("同", "当", "本", "各", "両", "自", "我", "全", "新", "旧", "関係")  # 同省: not a name


@dataclass(frozen=True)
class ActorMention:
    start: int  # span in the sentence's normalized text, title included
    end: int
    text: str  # as written
    id: str
    name: str  # without the title
    type: str
    role: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "id": self.id, "name": self.name, "type": self.type, "role": self.role}


@cache
def _words(kind: str) -> WordTable:
    return word_table((row[0], row[1]) for row in table("actor_words.tsv") if row[1] == kind)


@cache
def _word_set(kind: str) -> frozenset[str]:
    return frozenset(w for w, _ in _words(kind))


def _is_word(text: str, kind: str) -> bool:
    return text in _word_set(kind)


class Registry:
    """Ids of actors the gazetteer does not know, shared by all articles of a
    run: one spelling folded, or a close one (rapidfuzz), gets the id it got first."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        self._keys: dict[str, list[str]] = {}
        self._by_stem: dict[str, dict[str, str]] = {}  # an org's name less its country -> country -> id
        self.last_country: tuple[str, str] | None = None  # (name, id) of the country last named

    def id_for(self, name: str, kind: str) -> str:
        key = fold(name)
        if (kind, key) in self._ids:
            return self._ids[(kind, key)]
        known = self._same_org(name) if kind == ORG else None
        known = known or self._close(key, name, kind)
        actor_id = known or f"{kind}:{_display(name)}"
        self._ids[(kind, key)] = actor_id
        self._keys.setdefault(kind, []).append(key)
        return actor_id

    def note_country(self, name: str, actor_id: str) -> None:
        """The country last named (what `同国` points back to)."""
        self.last_country = (name, actor_id)

    def alias(self, name: str, kind: str, actor_id: str) -> None:
        """From now on, `name` is the actor `actor_id` (a short form the article introduced)."""
        self._ids[(kind, fold(name))] = actor_id

    def globalize(self, mentions: list[ActorMention]) -> dict[str, str]:
        """Map an article's local ids of unknown actors to this registry's ids,
        in the order the article names them."""
        ids: dict[str, str] = {}
        for m in mentions:
            if m.id in ids or ":" not in m.id:
                continue
            kind, name = m.id.split(":", 1)
            base = name.removesuffix(ADMINISTRATION)
            ids[m.id] = self.id_for(base, kind) + (ADMINISTRATION if base != name else "")
        return {local: found for local, found in ids.items() if local != found}

    def _same_org(self, name: str) -> str | None:
        """`カザフスタン産業・建設省` and `産業・建設省` are one ministry, unless two
        countries have a ministry of that name."""
        country, stem = _split_country(name)
        seen = self._by_stem.setdefault(fold(stem), {})  # country ("" for none) -> id
        if country in seen:
            return seen[country]
        others = [c for c in seen if c and c != country]
        if country and not others and "" in seen:  # the bare name seen first was this one
            seen[country] = seen[""]
        elif not country and len(others) == 1:
            seen[""] = seen[others[0]]
        else:
            seen[country] = f"{ORG}:{_display(name)}"
            return None
        return seen[country]

    def _close(self, key: str, name: str, kind: str) -> str | None:
        if len(key) < FUZZY_MIN_LENGTH or kind not in (PERSON, ORG):
            return None
        found = process.extractOne(key, self._keys.get(kind, []), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        if found is None:
            return None
        other = self._ids[(kind, found[0])]
        return other if _same_given_name(name, other.split(":", 1)[1]) else None


def _same_given_name(a: str, b: str) -> bool:
    """Guard against merging two people who share a family name: when both
    spellings give a first name, the first names must fold alike."""
    parts_a, parts_b = _parts(a), _parts(b)
    if len(parts_a) > 1 and len(parts_b) > 1:
        return fuzz.ratio(fold(parts_a[0]), fold(parts_b[0])) >= FUZZY_MIN
    return True


def _split_country(name: str) -> tuple[str, str]:
    """(country id, the rest) of `カザフスタン産業・建設省`; ("", name) without one."""
    named = gazetteer().by_first.get(name[:1], ())
    for alias in named:  # longest first
        entity = gazetteer().aliases[alias]
        if name.startswith(alias) and entity.type == COUNTRY and len(name) > len(alias) + 1:
            return entity.id, name[len(alias):]
    return "", name


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[・=]", name) if p]


def _display(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip())


# The finder's passes, in order; each has its examples in tests/examples/actors.yaml (`passes`).
PASSES = ("bylines", "datelines", "same_country_bodies", "gazetteer_names", "abbreviations", "other_names")


class _Finder:
    """One sentence's actors, found in passes that each skip what is taken."""

    def __init__(self, sentence: Sentence, registry: Registry) -> None:
        self.sentence = sentence
        self.text = sentence.normalized
        self.tokens = sentence.tokens
        self.starts = sentence.starts  # position → the index of the token starting there
        self.ends = sentence.ends
        self.registry = registry
        self.taken = [False] * (len(self.text) + 1)
        self.found: list[ActorMention] = []
        self._runs: dict[int, tuple[int, int]] = {}  # position → the run of country forms around it
        self._titles: dict[int, str | None] = {}  # position → the title there
        self._words_after: dict[tuple[int, str], tuple[int, str] | None] = {}  # (position, kind) → _word_after

    def run(self, passes: tuple[str, ...] = PASSES) -> list[ActorMention]:
        """The passes in order, each taking what the earlier ones left free;
        then the mentions are read together (glosses, short names in brackets)."""
        for name in passes:
            getattr(self, f"_{name}")()
        return self._bracketed_short_names(sorted(self.found, key=lambda m: m.start))

    def _gloss_or_currency(self, m: ActorMention, person_ends: set[int]) -> bool:
        """`習近平(しゅう・きんぺい)`: a reading in brackets after a name; `US$`: a currency."""
        if self.text.startswith("$", m.end):
            return True
        glossed = m.start - 1 in person_ends
        return glossed and self.text[m.start - 1:m.start] == "(" and bool(_KANA_ONLY.fullmatch(m.text))

    # -- last: a name and its short form in brackets are one actor --
    def _bracketed_short_names(self, found: list[ActorMention]) -> list[ActorMention]:
        """`架空開発銀行(FDB)`, `JICA(国際協力機構)`: the name in brackets is the other's
        short or full form, one actor; the article's later mentions of either share its id."""
        person_ends = {o.end for o in found if o.type == PERSON}
        out = [m for m in found if not self._gloss_or_currency(m, person_ends)]
        for k in range(len(out) - 1):
            a, b = out[k], out[k + 1]
            if a.type != ORG or b.type != ORG or self.text[a.end:b.start] != "(" \
                    or not self.text.startswith(")", b.end):
                continue
            chosen = a.id if ":" not in a.id or ":" in b.id else b.id  # a known id wins
            out[k], out[k + 1] = replace(a, id=chosen), replace(b, id=chosen)
            for m in (a, b):
                self.registry.alias(m.name, ORG, chosen)
        return out

    # -- bookkeeping --
    def _free(self, start: int, end: int) -> bool:
        return True not in self.taken[start:end]

    def _add(self, start: int, end: int, name: str, actor_id: str, kind: str, role: str | None = None) -> None:
        self.taken[start:end] = [True] * (end - start)
        written = self.sentence.original(start, end)
        if kind == COUNTRY:
            self.registry.note_country(written, actor_id)
        self.found.append(ActorMention(start, end, written, actor_id,
                                       self.sentence.original(*self._name_span(start, end, name)), kind, role))

    def _name_span(self, start: int, end: int, name: str) -> tuple[int, int]:
        at = self.text.find(name, start, end)
        return (at, at + len(name)) if at >= 0 else (start, end)

    # -- pass 0: bylines, whose names are reporters --
    def _bylines(self) -> None:
        """`【ワシントン＝坂本幸信】`: the names after ＝ in a dateline are its reporters."""
        for m in _BYLINE.finditer(self.text):
            for i in range(m.start(1), m.end(1)):
                self.taken[i] = True

    # -- pass 1: names the gazetteer knows --
    def _gazetteer_names(self) -> None:
        """Names the gazetteer knows, the longest first, where a name ends (not
        inside a longer name, not a Latin name that goes on: `GE Vernova`)."""
        g = gazetteer()
        text, taken, starts = self.text, self.taken, self.starts
        for m in g.first_characters.finditer(text):  # where an alias may begin
            p = m.start()
            if taken[p] or p not in starts:
                continue
            # The aliases that begin with the token's first two characters, then a one-character alias.
            candidates = g.by_pair.get(text[p:p + 2], ()) + ((text[p],) if text[p] in g.aliases else ())
            for alias in candidates:
                if not self.text.startswith(alias, p):
                    continue
                end, entity = p + len(alias), g.aliases[alias]
                if (self._free(p, end) and self._ends_name(end, entity, end - p)
                        and not (entity.type != PERSON and self._inside_longer_name(p, end))
                        and not (entity.type == ORG and self._after_abbreviation(p))
                        and not (_LATIN_WORD.fullmatch(alias) and _LONGER_LATIN_NAME.match(self.text, end))):
                    self._known(p, end, entity)
                    break

    def _ends_name(self, end: int, entity: Entity, length: int) -> bool:
        """A name ends at a token boundary, or where a title or organization
        word begins; a one-character name only before a title (習氏)."""
        title = self._title_at(end)
        if length == 1:
            return title is not None
        return end in self.ends or title is not None or self._word_after(end, "admin") is not None

    def _datelines(self) -> None:
        """`【モスクワ共同】`: an agency named by its short name, which elsewhere is a word."""
        for m in _dateline_pattern().finditer(self.text):
            entity = gazetteer().aliases.get(_dateline_names()[m.group(1)])
            if entity is not None:
                self._add(m.start(1), m.end(1), m.group(1), entity.id, entity.type)

    def _inside_longer_name(self, start: int, end: int) -> bool:
        """`アジア` in `セントラルアジアタイムズ` or `アジア・ソサエティー`, `カザフスタン`
        in `アルミニウム・オブ・カザフスタン`: a known name inside an unknown one."""
        joined = self.text[start - 1:start] in _JOINERS or self.text[end:end + 1] in _JOINERS
        if not (joined or _KATAKANA.match(self.text[start:end])):
            return False  # G20サミット: a code before a word
        before = self.sentence.token_ending_at(start)
        if before is not None and before.surface in _JOINERS:
            before = self.sentence.token_ending_at(before.start)
        after = self.sentence.token_at(end)
        if after is not None and after.surface in _JOINERS:
            after = self.sentence.token_at(after.end)
        return any(t is not None and self._is_name_token(t) and t.pos[1] != "固有名詞" and not self._known_at(t.start)
                   for t in (before, after))

    def _after_abbreviation(self, pos: int) -> bool:
        """`露外務省`: a body of the country abbreviated before it, not the one the
        bare name means (外務省 alone is Japan's)."""
        return pos > 0 and self.text[pos - 1] in gazetteer().abbreviations and pos - 1 in self.starts

    def _known_at(self, pos: int) -> bool:
        named = gazetteer().by_first.get(self.text[pos:pos + 1], ())
        return any(len(alias) >= 2 and self.text.startswith(alias, pos) for alias in named)

    def _known(self, start: int, end: int, entity: Entity) -> None:
        name = self.text[start:end]
        if entity.type == COUNTRY and (org_end := self._organization_end(end)):
            self._add(start, org_end, self.text[start:org_end], self.registry.id_for(self.text[start:org_end], ORG),
                      ORG)
            return
        if self._administration(start, end, name, entity.id):
            return
        title_end, role = self._title(end)
        if entity.type == COUNTRY and self.text.startswith("政府", end):
            title_end = end + 2  # X政府 is the country X
        self._add(start, title_end, name, entity.id, entity.type, role)

    # -- titles, administrations, organizations after a name --
    def _title_at(self, pos: int) -> str | None:
        """The title at pos (a name's end is asked more than once: asked once)."""
        if pos not in self._titles:
            self._titles[pos] = self._find_title(pos)
        return self._titles[pos]

    def _find_title(self, pos: int) -> str | None:
        found = match_after(self.text, pos, _words("title"))
        if found:
            return found[0]
        if portfolio := self._portfolio_title(pos):
            return portfolio
        abbreviation = self.text[pos:pos + 1]
        if abbreviation in gazetteer().abbreviations:  # トランプ米大統領
            found = match_after(self.text, pos + 1, _words("title"))
            return abbreviation + found[0] if found else None
        return None

    def _portfolio_title(self, pos: int) -> str | None:
        """`経済再生相`, `経済再生担当大臣`: a minister's portfolio (common nouns)
        and 相, 大臣 or 長官 (actor_words.tsv, kind `minister`)."""
        nouns = 0
        token = self.sentence.token_at(pos)
        while token is not None and nouns <= MAX_PORTFOLIO:
            if token.surface in _word_set("minister"):
                return self.text[pos:token.end] if nouns else None
            if token.pos[1] != "普通名詞" or token.pos[0] != "名詞":
                return None
            nouns += 1
            token = self.sentence.token_at(token.end)
        return None

    def _title(self, end: int) -> tuple[int, str | None]:
        title = self._title_at(end)
        if title is None:
            return end, None
        abbreviation = gazetteer().abbreviations.get(title[0])
        if abbreviation and not _is_word(title, "title"):
            self._add(end, end + 1, title[0], abbreviation.id, abbreviation.type)
            self.taken[end] = False  # the person's mention spans the title too
            return end + len(title), title[1:]
        return end + len(title), title

    def _word_after(self, pos: int, kind: str) -> tuple[int, str] | None:
        """A word of this kind at pos, perhaps after 前/元 or a country abbreviation."""
        key = (pos, kind)
        if key not in self._words_after:
            self._words_after[key] = self._find_word_after(pos, kind)
        return self._words_after[key]

    def _find_word_after(self, pos: int, kind: str) -> tuple[int, str] | None:
        found = match_after(self.text, pos, _words(kind))
        if found:
            return pos + len(found[0]), ""
        skip = self.text[pos:pos + 1]  # abbreviations are one character, as 前 and 元
        if skip in ("前", "元") or skip in gazetteer().abbreviations:
            found = match_after(self.text, pos + 1, _words(kind))
            if found:
                return pos + 1 + len(found[0]), skip
        return None

    def _administration(self, start: int, end: int, name: str, base_id: str) -> bool:
        """`トランプ米政権`, `バイデン前政権`, `トランプ陣営`: the administration, an org."""
        found = self._word_after(end, "admin")
        if found is None:
            return False
        admin_end, skip = found
        abbreviation = gazetteer().abbreviations.get(skip)
        if abbreviation:
            self._add(end, end + 1, skip, abbreviation.id, abbreviation.type)
        self._add(start, admin_end, name, f"{base_id}{ADMINISTRATION}", ORG)
        return True

    def _organization_end(self, end: int) -> int | None:
        """`ウズベキスタン鉱業・地質省`, `中国外務省`: a name, a few common nouns, and
        an organization word make one org."""
        i = self.starts.get(end)
        nouns = 0
        while i is not None and i < len(self.tokens) and nouns <= MAX_ORG_NOUNS:
            tok = self.tokens[i]
            if tok.surface in _JOINERS:
                i += 1
                continue
            if tok.surface.endswith(_org_words()):
                return tok.end
            if tok.pos[0] != "名詞" or tok.pos[1] in ("固有名詞", "数詞"):
                return None
            nouns += 1
            i += 1
        return None

    # -- pass 2: one-character country forms --
    def _abbreviations(self) -> None:
        """One-character country forms where they are words (`米大統領`, `中ロ`, `露外務省`),
        not inside others (`北米`, `訪米中`)."""
        g = gazetteer()
        for m in g.abbreviation_characters.finditer(self.text):
            p, ch = m.start(), m.group()
            entity = g.abbreviations[ch]
            if self.taken[p] or not self._abbreviation_here(p):
                continue
            if (body := self._body_of(p + 1, entity)) is not None:  # 露外務省 is ロシア外務省
                self._add(p, body[0], self.text[p:body[0]], body[1].id, body[1].type)
                continue
            end = p + 3 if self.text.startswith("政府", p + 1) else p + 1  # 米政府 is the country
            self._add(p, end, ch, entity.id, entity.type)

    def _same_country_bodies(self) -> None:
        """`同国運輸省`: a body of the country the article named last."""
        if self.registry.last_country is None:
            return
        name, country_id = self.registry.last_country
        for m in re.finditer(_SAME_COUNTRY, self.text):
            end = self._organization_end(m.end())
            if end is None or not self._free(m.start(), end):
                continue
            body = self.text[m.end():end]
            known = next((e for b, e in _bodies_of(country_id) if b == body), None)
            actor_id = known.id if known else self.registry.id_for(name + body, ORG)
            self._add(m.start(), end, self.text[m.start():end], actor_id, ORG)

    def _body_of(self, pos: int, country: Entity) -> tuple[int, Entity] | None:
        """`露外務省`: the country's one-character form and what, after the country's
        full name, the gazetteer knows as an organization (`ロシア外務省`)."""
        for body, entity in _bodies_of(country.id):
            if self.text.startswith(body, pos):
                return pos + len(body), entity
        return None

    def _abbreviation_here(self, p: int) -> bool:
        text, abbreviations = self.text, gazetteer().abbreviations
        before = text[p - 1:p]
        if text[p] == "中" and text[p - 2:p - 1] == "訪":
            return False  # 訪米中: "during the visit to the US"
        if not (p in self.starts or before in abbreviations or before in _ABBREVIATION_OPENERS):
            return False
        if before in abbreviations and p - 1 >= 0 and not self._abbreviation_run(p - 1):
            return False
        rest = p + 1
        if text[rest:rest + 1] in abbreviations:  # 中ロ, 米中, 日米
            return self._abbreviation_run(p)
        if before in abbreviations or before in _ABBREVIATION_OPENERS:
            return rest in self.ends or self._government_or_name(rest)
        return self._government_or_name(rest)

    def _abbreviation_run(self, p: int) -> bool:
        """A run of abbreviations is a word of its own: `中ロ首脳`, not `日中は`."""
        start, end = self._run_around(p)
        opened = start > 0 and self.text[start - 1] in _ABBREVIATION_OPENERS
        return (start in self.starts or opened) and end - start >= 2 and (
            end in self.ends or self._government_or_name(end) or self.text.startswith(("関係", "間", "首脳"), end))

    def _run_around(self, p: int) -> tuple[int, int]:
        """The run of one-character country forms holding p, found once for all its
        positions (`米日中ロ…` asked of at every character was quadratic)."""
        if p in self._runs:
            return self._runs[p]
        abbreviations = gazetteer().abbreviations
        start = p
        while start > 0 and self.text[start - 1] in abbreviations:
            start -= 1
        end = p
        while end < len(self.text) and self.text[end] in abbreviations:
            end += 1
        for q in range(start, max(end, p + 1)):
            self._runs[q] = (start, end)
        return start, end

    def _government_or_name(self, pos: int) -> bool:
        """What makes a lone abbreviation an actor: 米政府, 米大統領, 日カザフ, 米ワシントン."""
        if match_after(self.text, pos, _words("government")) or self._title_at(pos):
            return True
        if self._known_at(pos):
            return True
        tok = self.sentence.token_at(pos)
        return tok is not None and tok.pos[1] == "固有名詞" and tok.pos[2] == "地名"

    # -- pass 3: names the gazetteer does not know --
    def _other_names(self) -> None:
        """Names the gazetteer does not know, by their cues (a title, an org word,
        a katakana run with ・, a Latin proper name); organization compounds first."""
        self._organization_compounds()
        after_run = 0
        for i in [k for k, t in enumerate(self.tokens) if _is_name_token(t.surface, t.pos[1])]:  # where runs begin
            if i >= after_run and (run_end := self._name_run(i)) > i:
                self._unknown(i, run_end)
                after_run = run_end

    def _organization_compounds(self) -> None:
        """`外交問題評議会`, `産業・建設省`: common nouns that end in a strong
        organization word name one, when they make a whole noun phrase."""
        if not any(word in self.text for word in _STRONG_ORG_WORDS):
            return  # no token ends in one
        i = 0
        while i < len(self.tokens):
            j, last = self._noun_compound(i)
            if last is not None and self._is_organization(i, last):
                start, stop = self.tokens[i].start, self.tokens[last].end
                name = self.text[start:stop]
                self._add(start, stop, name, self.registry.id_for(name, ORG), ORG)
            i = max(j, i + 1)

    def _noun_compound(self, i: int) -> tuple[int, int | None]:
        """Where the run of common nouns from token i ends, and its last token
        that ends in a strong organization word (None when none does)."""
        j, last = i, None
        while j < len(self.tokens):
            tok = self.tokens[j]
            if not (tok.pos[1] == "普通名詞" or tok.surface == "・" or (j > i and tok.pos[0] == "接尾辞")):
                break
            if tok.surface.endswith(_STRONG_ORG_WORDS) and (j > i or len(tok.surface) > 2):
                last = j
            j += 1
        return j, last

    def _is_organization(self, i: int, last: int) -> bool:
        start, stop = self.tokens[i].start, self.tokens[last].end
        name = self.text[start:stop]
        opens_phrase = i == 0 or self.tokens[i - 1].pos[0] not in ("名詞", "接頭辞", "接尾辞")
        closes_phrase = last + 1 < len(self.tokens) and self.tokens[last + 1].pos[0] != "名詞"
        return (opens_phrase and closes_phrase and len(name) >= 3 and name not in _STRONG_ORG_WORDS
                and not name.startswith(_REFERRING) and self._free(start, stop))

    def _name_run(self, i: int) -> int:
        """Tokens from i that form one name: proper nouns, katakana words,
        Latin letters, joined by ・ or =."""
        j = i
        while j < len(self.tokens) and self._is_name_token(self.tokens[j]) and not self.taken[self.tokens[j].start]:
            j += 1
            if (j + 1 < len(self.tokens) and self._joins(self.tokens[j - 1], self.tokens[j], self.tokens[j + 1])
                    and self._is_name_token(self.tokens[j + 1]) and not self.taken[self.tokens[j + 1].start]):
                j += 1
        return j

    @staticmethod
    def _joins(before: Token, joiner: Token, after: Token) -> bool:
        """・ and = join the parts of a name; a space joins Latin ones (Georgiy Freiman)."""
        latin = all(re.fullmatch(r"[A-Za-z]+", t.surface) for t in (before, after))
        return joiner.surface in _JOINERS or (joiner.surface == " " and latin)

    @staticmethod
    def _is_name_token(tok: Token) -> bool:
        return _is_name_token(tok.surface, tok.pos[1])

    def _unknown(self, i: int, j: int) -> None:
        first, last = self.tokens[i], self.tokens[j - 1]
        start, end = first.start, last.end
        name = self.text[start:end]
        if not self._free(start, end) or len(name) < 2:
            return
        folded = fold(name)
        entity = gazetteer().folded.get(folded) if len(folded) >= 4 else None
        if entity is not None:  # a spelling variant of a known name (ガザフスタン)
            self._known(start, end, entity)
            return
        if self._administration(start, end, name, self.registry.id_for(name, PERSON)):
            return
        kind = self._kind(self.tokens[i:j], end)
        if kind is None:
            return
        if kind == ORG and (org_end := self._organization_end(end)):
            end = org_end
            name = self.text[start:end]
        title_end, role = self._title(end) if kind == PERSON else (end, None)
        self._add(start, title_end, name, self.registry.id_for(name, kind), kind, role)

    def _kind(self, run: list[Token], end: int) -> str | None:
        """What an unknown name is, from what follows it and how Sudachi tags it."""
        surface = "".join(t.surface for t in run)
        latin = bool(re.fullmatch(r"[A-Za-z ]+", surface))
        if self._title_at(end):
            return PERSON
        if self._organization_end(end) or _org_name(surface) or _starts_with_known_org(surface):
            return ORG
        if (_ACRONYM.match(surface) and len(surface) <= MAX_ACRONYM and not _is_word(surface, "notactor")
                and not self._in_latin_phrase(run[0].start, end)):
            return ORG
        if "・オブ・" in surface:
            return ORG  # アルミニウム・オブ・カザフスタン
        names = [t for t in run if t.surface not in _JOINERS and t.surface.strip()]
        # アブラハム合意, アキレス腱: one name inside a word; a full name is a person before any noun
        compound = self._noun_follows(end) and len(names) == 1
        # A line of Latin names alone is a byline; one after a slash a photo credit.
        in_japanese = bool(_KANA.search(self.text)) and not self.text[:run[0].start].endswith("/")
        if any(t.pos[2] == "人名" for t in names) and all(t.pos[2] == "人名" or latin for t in names) \
                and not compound and (in_japanese or not latin):
            return PERSON
        if latin and in_japanese and re.fullmatch(r"[A-Z][a-z]+( [A-Z][a-z]+){1,2}", surface):
            return PERSON  # Anna Kowalski: capitalized words in a Japanese sentence
        if any(t.pos[2] == "組織" for t in names) and not compound:
            return ORG
        if all(t.pos[2] == "地名" for t in names) and not (compound and len(surface) <= 2):
            return PLACE
        return None

    def _in_latin_phrase(self, start: int, end: int) -> bool:
        """`RARE EARTH`, `UZB/HY`: capitals in an English phrase or a code, not an acronym."""
        return bool(re.match(r"[ /][A-Z]{2}", self.text[end:end + 3]) or re.search(r"[A-Z]{2}[ /]$", self.text[:start]))

    def _noun_follows(self, end: int) -> bool:
        tok = self.sentence.token_at(end)
        return tok is not None and tok.pos[1] == "普通名詞"


@lru_cache(maxsize=65_536)
def _is_name_token(surface: str, pos: str) -> bool:
    """Proper nouns, katakana words and Latin words can be part of a name."""
    if surface in _JOINERS or surface == "ー":
        return False
    return pos == "固有名詞" or bool(_KATAKANA.match(surface)) or bool(_LATIN_WORD.fullmatch(surface))


@cache
def _dateline_names() -> dict[str, str]:
    return {row[0]: row[2] for row in table("actor_words.tsv") if row[1] == "dateline" and len(row) > 2}


@cache
def _dateline_pattern() -> re.Pattern:
    return re.compile(rf"【[^】]{{0,12}}?({'|'.join(map(re.escape, _dateline_names()))})】")


@cache
def _org_words() -> tuple[str, ...]:
    return tuple(w for w, _ in _words("org"))


def _org_name(surface: str) -> bool:
    """`リエレメント・テクノロジーズ`: a name and an organization word; the word
    alone (`グループ`) or after a common acronym (`ITサービス`) is no name."""
    for word, _ in _words("org").by_last.get(surface[-1:], ()):  # only the words it can end with
        stem = surface.removesuffix(word).rstrip("・")
        if surface.endswith(word) and len(stem) >= 2 and not _is_word(stem, "notactor"):
            return True
    return False


def _starts_with_known_org(surface: str) -> bool:
    """`三菱商事RtMジャパン`: a known organization's name begins a longer one."""
    named = gazetteer().by_first.get(surface[:1], ())
    return any(surface.startswith(a) and len(a) < len(surface) and gazetteer().aliases[a].type == ORG for a in named)


@cache
def _bodies_of(country_id: str) -> tuple[tuple[str, Entity], ...]:
    """The organizations the gazetteer names after a country's name (`ロシア` +
    `外務省`), as (what follows the name, the organization), longest first."""
    aliases = gazetteer().aliases
    names = [a for a, e in (*aliases.items(), *gazetteer().abbreviations.items()) if e.id == country_id]
    bodies = {alias[len(name):]: entity for alias, entity in aliases.items() if entity.type == ORG
              for name in names if alias.startswith(name) and len(alias) > len(name) + 1}
    return tuple(sorted(bodies.items(), key=lambda kv: -len(kv[0])))


def extract(sentence: Sentence, context: Context) -> list[ActorMention]:
    """The actors the sentence names; unknown ones get ids from the context's registry."""
    if context.registry is None:
        context.registry = Registry()
    return _Finder(sentence, context.registry).run()


def link_bare_bodies(mentions: list[ActorMention]) -> list[ActorMention]:
    """In one article, `商務省` without a country is the `米商務省` the gazetteer
    knows, when the article names that country and no other that has one."""
    countries = {m.id for m in mentions if m.type == COUNTRY}
    out = []
    for m in mentions:
        if m.type == ORG and m.id == f"{ORG}:{_display(m.name)}":
            known = {entity for country in countries for body, entity in _bodies_of(country) if body == m.name}
            if len(known) == 1:
                m = replace(m, id=known.pop().id)
        out.append(m)
    return out


def link_surnames(mentions: list[ActorMention]) -> list[ActorMention]:
    """In one article, `ウッド氏` is the `ロバート・ウッド氏` it named in full, and
    `赤沢氏` the `赤沢亮正` (a Japanese name puts the surname first)."""
    full: dict[str, str] = {}
    for m in mentions:
        if m.type == PERSON and len(parts := _parts(m.name)) > 1:
            full.setdefault(fold(parts[-1]), m.id)
        elif m.type == PERSON and _KANJI_NAME.fullmatch(m.name):  # 赤沢亮正: the surname comes first
            for k in range(1, len(m.name) - 1):
                full.setdefault(fold(m.name[:k + 1]), m.id)
    out = []
    for m in mentions:
        if m.type == PERSON and len(_parts(m.name)) == 1 and m.id.startswith(f"{PERSON}:"):
            other = full.get(fold(m.name))
            if other and other != m.id:
                m = ActorMention(m.start, m.end, m.text, other, m.name, m.type, m.role)
        out.append(m)
    return out
