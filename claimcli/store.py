"""The store: an embedded SQLite file that `claims extract` writes and `claims
compare` reads, keyed by each article's content hash.

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
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from claimcli import EXTRACTOR
from claimcli.records import ClaimText

SCHEMA_VERSION = 2  # 2: articles.extractor, the version of the extractor that wrote their claims
BUSY_TIMEOUT_MS = 30_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    hash TEXT PRIMARY KEY, path TEXT NOT NULL, outlet TEXT, published TEXT, title TEXT, url TEXT,
    added TEXT NOT NULL, actors TEXT NOT NULL DEFAULT '[]', extractor INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(hash) ON DELETE CASCADE,
    position INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article, position);
"""


class StoreError(RuntimeError):
    """The store cannot be used; the message says why and where."""


def default_path() -> Path:
    """$CLAIMS_DB, else claims.db in the per-user data folder."""
    if os.environ.get("CLAIMS_DB"):
        return Path(os.environ["CLAIMS_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("claims", appauthor=False)) / "claims.db"


class Store:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _patiently(self._set_up)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc

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
            for statement in filter(str.strip, _SCHEMA.split(";")):
                self.db.execute(statement)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"the store {self.path} has schema {row[0]}, newer than this claims "
                                 f"({SCHEMA_VERSION}): upgrade claims or use another --db")
            elif int(row[0]) < 2:  # its claims were written without frames: extractor 1
                self.db.execute("ALTER TABLE articles ADD COLUMN extractor INTEGER NOT NULL DEFAULT 1")
                self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    def _transaction(self):
        return _Transaction(self.db)

    # -- writing --
    def save(self, article: dict, claims: list[dict], actors: list[dict]) -> None:
        """Replace one article (by content hash, and any older text at its path) in one transaction."""
        try:
            with self._transaction():
                self.db.execute("DELETE FROM articles WHERE hash = ? OR path = ?", (article["hash"], article["path"]))
                self.db.execute(
                    "INSERT INTO articles (hash, path, outlet, published, title, url, added, actors, extractor) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (article["hash"], article["path"], article.get("outlet"), article.get("published"),
                     article.get("title"), article.get("url"), datetime.now(UTC).isoformat(),
                     json.dumps(actors, ensure_ascii=False), EXTRACTOR))
                self.db.executemany(
                    "INSERT OR REPLACE INTO claims (id, article, position, body) VALUES (?, ?, ?, ?)",
                    [(c["id"], article["hash"], i, json.dumps(c, ensure_ascii=False)) for i, c in enumerate(claims)])
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from exc

    # -- reading --
    def has(self, content_hash: str) -> bool:
        """Whether the store has the article's claims as this claims extracts them."""
        return self.db.execute("SELECT 1 FROM articles WHERE hash = ? AND extractor >= ?",
                               (content_hash, EXTRACTOR)).fetchone() is not None

    def older(self) -> int:
        """Articles whose claims an older extractor wrote (compare reads them with empty frames)."""
        return self.db.execute("SELECT count(*) FROM articles WHERE extractor < ?", (EXTRACTOR,)).fetchone()[0]

    def claims(self, content_hash: str | None = None, with_text: bool = False) -> Iterator[dict | ClaimText]:
        """Claims of one article, or of the whole store, in a stable order; with their JSON when `with_text`."""
        if content_hash is None:
            rows = self.db.execute("SELECT c.body FROM claims c JOIN articles a ON a.hash = c.article "
                                   "ORDER BY a.path, c.position")
        else:
            rows = self.db.execute("SELECT body FROM claims WHERE article = ? ORDER BY position", (content_hash,))
        for (body,) in rows:
            yield ClaimText(json.loads(body), body) if with_text else json.loads(body)

    def actors(self, content_hash: str | None = None) -> Iterator[dict]:
        query = "SELECT actors FROM articles" + (" WHERE hash = ?" if content_hash else "") + " ORDER BY path"
        for (body,) in self.db.execute(query, (content_hash,) if content_hash else ()):
            yield from json.loads(body)

    def integrity(self) -> str:
        with closing(self.db.cursor()) as cur:
            return cur.execute("PRAGMA integrity_check").fetchone()[0]


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
