"""Make the old-schema project fixtures, each with the code of the version that wrote it.

    .venv/bin/python tests/store/old_projects/make_old_project.py          # all versions

For each schema version N (1, 2, 3, ...) up to the current one, this checks out the commit
that introduced migration N (`git worktree add --detach`, in a temporary folder) and runs
itself there as a child (`--child N OUT`, with that commit's `annotator` package first on
`sys.path`), which writes `vN.annotator` through that version's own store API and
`vN.expected.json`, everything it stored as that version reads it back. A commit that
introduced two migrations at once (1 and 2 came together) writes the older file by applying
only the first N steps of its own migration list. Run it again only to add the fixture of a
new version: released fixtures must stay as they are.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _write(int(sys.argv[2]), Path(sys.argv[3]))
        return 0
    migration_names = _current_migration_names()
    for version, name in enumerate(migration_names, start=1):
        out = HERE / f"v{version}.annotator"
        if out.exists():
            print(f"v{version}: kept (fixtures are never regenerated)")
            continue
        commit = _commit_introducing(name)
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch) / "tree"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), commit],
                check=True,
                capture_output=True,
            )
            try:
                env = {**os.environ, "PYTHONPATH": str(tree)}
                subprocess.run(
                    [sys.executable, __file__, "--child", str(version), str(out)],
                    check=True,
                    env=env,
                    cwd=scratch,
                )
            finally:
                subprocess.run(
                    ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                    check=True,
                )
        print(f"v{version}: written by {commit[:10]} ({name})")
    return 0


def _current_migration_names() -> list[str]:
    sys.path.insert(0, str(REPO))
    from annotator.store import schema

    return [m.name for m in schema.migrations._migrations]


def _commit_introducing(migration: str) -> str:
    log = subprocess.run(
        [
            "git",
            "-C",
            str(REPO),
            "log",
            "--reverse",
            "--format=%H",
            f"-S{migration}",
            "--",
            "annotator/store/schema.py",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not log:
        raise SystemExit(f"no commit introduces {migration}")
    return log[0]


def _write(version: int, out: Path) -> None:
    """In the child: that version's code writes the project and says what it holds."""
    import annotator
    from annotator.store import schema

    assert Path(annotator.__file__).resolve().parents[1] != REPO, "not the old code"
    # That commit may know more steps than `version` (1 and 2 arrived together).
    del schema.migrations._migrations[version:]
    schema.SCHEMA_VERSION = version
    with_version_module = False
    try:
        from annotator.store import schema_version

        schema_version.SCHEMA_VERSION = version  # type: ignore[misc]
        with_version_module = True
    except ImportError:
        pass
    from annotator.core.model import (
        AnnotatedDocument,
        Document,
        SchemeItem,
        SchemeKind,
        Span,
    )
    from annotator.store.ingest import ingest
    from annotator.store.project_store import ProjectStore

    texts = {
        "en": "More than 160 experts warned Washington.\nThe ban is “dangerous”, the letter said.",
        "emoji": "Experts 👩‍💻 protest 🇺🇸 restrictions 😀 on AI.\r\nSecond line with é (e\u0301).",
        "cjk": "专家警告华盛顿：限制人工智能模型可能适得其反。\nמומחים מזהירים את וושינגטון.",
    }
    store = ProjectStore.create(out)
    ingest(
        store,
        [
            AnnotatedDocument(Document(id=key, text=text, title=f"{key} article", source=key))
            for key, text in texts.items()
        ],
    )
    store.scheme.add(SchemeItem(SchemeKind.LABEL, f"Added in v{version}", "#336699", "", "x"))
    target = store.scheme.get().targets[0].name
    span_fields = {f.name for f in fields(Span)}
    count = 0
    for key, text in texts.items():
        for annotator_name, stance in (("alice", "against"), ("bob", "favor")):
            for start in range(0, min(len(text), 30), 7):
                count += 1
                store.annotations.add_span(
                    Span(
                        f"{key}-{annotator_name}-{start}",
                        key,
                        start,
                        start + 5,
                        "Claim" if start % 2 else f"Added in v{version}",
                        annotator_name,
                        stance if start % 3 else None,
                        target if start % 3 else None,
                        f"note {count} ‘quoted’; DROP TABLE spans; --",
                    )
                )
            store.annotations.set_document_stance(key, annotator_name, target, stance)
        store.documents.set_done(key, "alice", True)
    if "origin" in span_fields:
        store.annotations.add_span(
            Span("gold-1", "en", 0, 9, "Claim", "gold", origin="accepted from alice")
        )
    store.settings.set("guidelines", f"# Guidelines written by schema {version}\n\nBe fair.")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == version
    expected = {
        "schema_version": version,
        "had_schema_version_module": with_version_module,
        "documents": {d: store.documents.get(d).text for d in store.documents.ids()},
        "spans": [
            {name: getattr(s, name) for name in sorted(span_fields)}
            for s in store.annotations.spans()
        ],
        "document_stances": sorted(
            [s.document_id, s.annotator, s.target, s.stance]
            for s in store.annotations.document_stances()
        ),
        "done": sorted(
            [d, a]
            for d in store.documents.ids()
            for a in ("alice", "bob")
            if store.documents.is_done(d, a)
        ),
        "labels": [item.name for item in store.scheme.get().labels],
        "guidelines": store.settings.get("guidelines"),
    }
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    store.conn.execute("VACUUM")
    store.close()
    out.chmod(0o644)  # a fixture in the repository, not someone's private project
    out.with_suffix(".expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
    )


if __name__ == "__main__":
    sys.exit(main())
