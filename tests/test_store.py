"""The store: re-runs replace, edits replace, versions are checked."""

import json
import sqlite3
import subprocess
import sys

import pytest

from claimcli.store import SCHEMA_VERSION, Store, StoreError

ARTICLE = "日本政府は20日、中央アジアへの投資枠として3兆円を用意すると発表した。\n"


def extract(*paths: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcli", "extract", *paths, "--db", db, "--format", "jsonl"],
                          capture_output=True, text=True)


def test_extract_saves_and_a_rerun_replaces(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "s.db")
    extract(str(tmp_path / "a.txt"), db=db)
    extract(str(tmp_path / "a.txt"), db=db)
    with Store(db) as store:
        claims = list(store.claims())
        assert [m["amount"] for c in claims for m in c["money"]] == [3 * 10**12]
        assert store.integrity() == "ok"


def test_an_edited_article_replaces_its_old_claims(tmp_path):
    path = tmp_path / "a.txt"
    db = str(tmp_path / "s.db")
    path.write_text(ARTICLE, encoding="utf-8")
    extract(str(path), db=db)
    path.write_text(ARTICLE.replace("3兆円", "4兆円"), encoding="utf-8")
    extract(str(path), db=db)
    with Store(db) as store:
        assert [m["text"] for c in store.claims() for m in c["money"]] == ["4兆円"]


def test_claims_db_environment_variable(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "env.db"))
    subprocess.run([sys.executable, "-m", "claimcli", "extract", str(tmp_path / "a.txt")], capture_output=True)
    assert len(list(Store(tmp_path / "env.db").claims())) == 1


def test_a_newer_store_is_refused(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match="newer"):
        Store(db)
    done = subprocess.run([sys.executable, "-m", "claimcli", "compare", "--db", str(db)], capture_output=True,
                          text=True)
    assert done.returncode == 1 and "newer" in done.stderr and "Traceback" not in done.stderr


def test_a_failed_write_leaves_the_article_as_it_was(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = {"hash": "h1", "path": "a.txt"}
        claim = {"schema": 1, "id": "c1", "source": {"path": "a.txt"}, "sentence": {"text": "x"}}
        store.save(article, [("c1", json.dumps(claim))], [])
        with pytest.raises(StoreError):  # fails half-way through: the second row cannot be bound
            store.save(article, [("c2", json.dumps({**claim, "id": "c2"})), ("c3", {1, 2})], [])
        assert [c["id"] for c in store.claims("a.txt", "h1")] == ["c1"]


def test_no_store(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "never.db"
    subprocess.run([sys.executable, "-m", "claimcli", "extract", str(tmp_path / "a.txt"), "--no-store", "--db",
                    str(db)], capture_output=True)
    assert not db.exists()


def test_a_store_of_schema_1_is_migrated_and_its_articles_extracted_again(tmp_path):
    """Claims an older claims wrote carry no frames: given their file, they are extracted again."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.db"
    with sqlite3.connect(db) as raw:  # a store as claims 0.1 (schema 1) left it
        raw.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema', '1');
            CREATE TABLE articles (hash TEXT PRIMARY KEY, path TEXT NOT NULL, outlet TEXT, published TEXT,
                title TEXT, url TEXT, added TEXT NOT NULL, actors TEXT NOT NULL DEFAULT '[]');
            CREATE TABLE claims (id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(hash)
                ON DELETE CASCADE, position INTEGER NOT NULL, body TEXT NOT NULL);""")
        from claimcli.read.article import read_article

        article = read_article(str(tmp_path / "a.txt"), (tmp_path / "a.txt").read_bytes())
        raw.execute("INSERT INTO articles (hash, path, added) VALUES (?, ?, 'then')",
                    (article.content_hash, article.path))
        raw.execute("INSERT INTO claims VALUES ('c1', ?, 0, ?)", (article.content_hash, '{"id": "c1"}'))
    with Store(db) as store:  # migrated to schema 3: the same article, keyed by its path
        assert [r["path"] for r in store.list()] == [article.path] and store.summary()["claims"] == 1
        assert store.older() == 1 and not store.has(article.path, article.content_hash)
    done = subprocess.run([sys.executable, "-m", "claimcli", "compare", "--db", str(db), "--format", "jsonl"],
                          capture_output=True, text=True)
    assert "older claims" in done.stderr
    from claimcli.pipeline import stored_claims

    with Store(db) as store:
        claims = list(stored_claims([str(tmp_path / "a.txt")], store, []))
        assert claims and all("frame" in m for c in claims for m in c["money"])
        assert store.older() == 0
