"""The store: an embedded SQLite file that `claims extract` writes and `claims
compare` reads, keyed by where each article is: its absolute path (an article
on standard input: its content hash). Two files with one text (a syndicated
story, two outlets) are two articles.

A re-run replaces an article's rows, never duplicates them; an edited article
(same path, new text) replaces its old claims. Each article is written in one
transaction, so a run killed half-way leaves whole articles or nothing. The
schema carries a version: an older store is migrated, a newer one refused.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from claimcli import EXTRACTOR
from claimcli.errors import ClaimsError
from claimcli.output.jsonl import dumps
from claimcli.records import ClaimText, claim_of

# 2: articles.extractor, the version of the extractor that wrote their claims;
# 3: articles keyed by where they are, not by their text (two outlets of one story are two articles)
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY, hash TEXT NOT NULL, path TEXT NOT NULL, outlet TEXT, published TEXT, title TEXT,
    url TEXT, added TEXT NOT NULL, actors TEXT NOT NULL DEFAULT '[]', extractor INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS claims (
    article TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE, position INTEGER NOT NULL,
    id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (article, position));
"""
# Schema 2 → 3: the same rows, each article keyed by its path as it was stored.
_FROM_2 = """
ALTER TABLE claims RENAME TO claims_2;
ALTER TABLE articles RENAME TO articles_2;
DROP INDEX IF EXISTS articles_path;
DROP INDEX IF EXISTS claims_article;
{schema};
INSERT OR REPLACE INTO articles SELECT path, hash, path, outlet, published, title, url, added, actors, extractor
    FROM articles_2;
INSERT OR REPLACE INTO claims SELECT a.path, c.position, c.id, c.body
    FROM claims_2 c JOIN articles_2 a ON a.hash = c.article;
DROP TABLE claims_2;
DROP TABLE articles_2
"""


class StoreError(ClaimsError):
    """The store cannot be used; the message says why and where."""


def default_path() -> Path:
    """$CLAIMS_DB, else claims.db in the per-user data folder."""
    if os.environ.get("CLAIMS_DB"):
        return Path(os.environ["CLAIMS_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("claims", appauthor=False)) / "claims.db"


class Store:
    def __init__(self, path: str | Path | None = None, readonly: bool = False) -> None:
        """The store at `path`; `readonly` for commands that only read: they take no
        lock (never wait behind a writer), need no write access to its folder, and
        a store not made yet reads as empty."""
        self.path = Path(path) if path else default_path()
        try:
            if readonly and self._opened_for_reading():
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _patiently(self._set_up)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc

    def _opened_for_reading(self) -> bool:
        """Open read-only when the store is there at this schema (else: False, open it to write and migrate)."""
        if not self.path.exists():
            self.db = sqlite3.connect(":memory:", isolation_level=None)  # nothing stored yet: an empty store
            self._migrate()
            return True
        uri = self.path.resolve().as_uri()
        try:
            self.db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                      isolation_level=None)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:  # a read-only folder without the WAL index: read it as it is on disk
            self.db = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if self._version(row, 0) == SCHEMA_VERSION:
            return True
        self.db.close()
        return False

    def _set_up(self) -> None:
        self.db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: an article's
        # transaction survives the process being killed (only a power cut may lose the
        # last ones, never half of one), and extract no longer waits on the disk per article.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        with self._transaction():
            self.db.execute(_statements(_SCHEMA)[0])
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = self._version(row, SCHEMA_VERSION)
            if version < 2:  # its claims were written without frames: extractor 1
                self.db.execute("ALTER TABLE articles ADD COLUMN extractor INTEGER NOT NULL DEFAULT 1")
            if version < 3:
                for statement in _statements(_FROM_2.format(schema=_SCHEMA)):
                    self.db.execute(statement)
            for statement in _statements(_SCHEMA):
                self.db.execute(statement)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))

    def _version(self, row: tuple | None, none: int) -> int:
        """The schema the meta row names (`none` without one); a newer one than ours, or no number, is refused."""
        if row is None:
            return none
        try:
            version = int(row[0])
        except ValueError:
            raise StoreError(f"the store's schema version {row[0]!r} is not a number: is it a claims store?") from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"the store {self.path} has schema {row[0]}, newer than this claims "
                             f"({SCHEMA_VERSION}): upgrade claims or use another --db")
        return version

    def _transaction(self):
        return _Transaction(self.db)

    # -- writing --
    def save(self, article: dict, claims: list[tuple[str, str]], actors: list[dict]) -> None:
        """Replace one article (what was stored of its place) in one transaction;
        each claim as its id and its JSON line, made once for the store and the output."""
        key = article_key(article["path"], article["hash"])
        try:
            with self._transaction():
                self.db.execute("DELETE FROM articles WHERE key = ?", (key,))
                self.db.execute(
                    "INSERT INTO articles (key, hash, path, outlet, published, title, url, added, actors, extractor) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, article["hash"], article["path"], article.get("outlet"), article.get("published"),
                     article.get("title"), article.get("url"), datetime.now(UTC).isoformat(),
                     dumps(actors), EXTRACTOR))
                self.db.executemany(
                    "INSERT INTO claims (article, position, id, body) VALUES (?, ?, ?, ?)",
                    [(key, i, claim_id, line) for i, (claim_id, line) in enumerate(claims)])
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from exc

    def remove(self, keys: list[str]) -> int:
        """Forget these articles (by key) and their claims, in one transaction; how many there were."""
        with self._transaction():
            return sum(self.db.execute("DELETE FROM articles WHERE key = ?", (k,)).rowcount for k in keys)

    def prune(self, folders: list[str]) -> list[str]:
        """Forget the articles stored from these folders whose files are gone."""
        gone = [k for folder in folders for k in self.keys_under(folder) if not Path(k).is_file()]
        self.remove(gone)
        return gone

    def keys_under(self, path: str) -> list[str]:
        """The keys of the articles stored from a file (its key, or the path as
        stored) or from anything under a folder."""
        where = os.path.realpath(path)
        inside = where.rstrip(os.sep) + os.sep
        keys = [k for (k,) in self.db.execute("SELECT key FROM articles ORDER BY key")]
        return [k for k in keys if k in (where, path) or k.startswith(inside)]

    def vacuum(self) -> tuple[int, int]:
        """Give back the space of what was removed: the file's size before and after."""
        before = self.path.stat().st_size
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("VACUUM")
        return before, self.path.stat().st_size

    # -- reading --
    def has(self, path: str, content_hash: str) -> bool:
        """Whether the store has the article's claims as this claims extracts them."""
        return self.db.execute("SELECT 1 FROM articles WHERE key = ? AND hash = ? AND extractor >= ?",
                               (article_key(path, content_hash), content_hash, EXTRACTOR)).fetchone() is not None

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def summary(self) -> dict:
        """Where the store is and what it holds."""
        articles, outlets, last = self.db.execute(
            "SELECT count(*), count(DISTINCT outlet), max(added) FROM articles").fetchone()
        claims = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return {"schema": 1, "path": str(self.path), "articles": articles, "outlets": outlets, "claims": claims,
                "last_added": last, "bytes": self.path.stat().st_size if self.path.exists() else 0}

    def list(self) -> list[dict]:
        """One row per stored article, in path order."""
        rows = self.db.execute("SELECT a.key, a.path, a.outlet, a.published, a.title, a.added, "
                               "(SELECT count(*) FROM claims c WHERE c.article = a.key) "
                               "FROM articles a ORDER BY a.path, a.key")
        return [{"schema": 1, "key": k, "path": p, "outlet": o, "published": pub, "title": t, "added": added,
                 "claims": n} for k, p, o, pub, t, added, n in rows]

    def older(self) -> int:
        """Articles whose claims an older extractor wrote (compare reads them with empty frames)."""
        return self.db.execute("SELECT count(*) FROM articles WHERE extractor < ?", (EXTRACTOR,)).fetchone()[0]

    def claims(self, path: str | None = None, content_hash: str | None = None, with_text: bool = False,
               on_bad: Callable[[str], None] | None = None) -> Iterator[dict | ClaimText]:
        """Claims of one article (its path and text), or of the whole store, in a
        stable order; with their JSON when `with_text`. A row that is not a claim
        (a corrupted store) is named to `on_bad` and left out."""
        if path is None:
            rows = self.db.execute("SELECT c.article, c.position, c.body FROM claims c JOIN articles a "
                                   "ON a.key = c.article ORDER BY a.path, a.key, c.position")
        else:
            rows = self.db.execute("SELECT article, position, body FROM claims WHERE article = ? ORDER BY position",
                                   (article_key(path, content_hash or ""),))
        for key, position, body in rows:
            claim, problem = claim_of(body)
            if problem is None:
                yield ClaimText(claim, body) if with_text else claim
            elif on_bad is not None:
                on_bad(f"the store {self.path}: claim {position} of {key}: {problem}")

    def actors(self) -> Iterator[dict]:
        for (body,) in self.db.execute("SELECT actors FROM articles ORDER BY path, key"):
            try:
                rows = json.loads(body)
            except (json.JSONDecodeError, RecursionError, TypeError):
                continue  # a corrupted row: its article's claims say what is wrong
            yield from (r for r in rows if isinstance(r, dict)) if isinstance(rows, list) else ()

    def integrity(self) -> str:
        with closing(self.db.cursor()) as cur:
            return cur.execute("PRAGMA integrity_check").fetchone()[0]


def article_key(path: str, content_hash: str) -> str:
    """Where an article is: its absolute path (links resolved); one on standard input, its text's hash."""
    from claimcli.read.files import STDIN_NAME

    if path == STDIN_NAME:
        return f"{STDIN_NAME}:{content_hash}"
    return os.path.realpath(path)


def _statements(script: str) -> list[str]:
    return [s for s in script.split(";") if s.strip()]


def _patiently(step, seconds: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Run a step that another process's set-up may lock out for a moment
    (switching a new file to WAL takes a lock no busy handler waits for)."""
    deadline = time.monotonic() + seconds
    delay = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error: whole articles or nothing."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *exc) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
