"""Import our exports into real Label Studio and doccano servers, and read theirs back.

    make interop                     (= python interop/run_servers.py --work /tmp/annotator-interop)
    python interop/run_servers.py --only labelstudio --keep

Installs label-studio==1.23.2 and doccano==1.8.4 (each in its own throwaway venv under
--work, outside the repository; about 1 GB, several minutes the first time), starts each
on 127.0.0.1 only, creates a project, imports our export of a small annotated corpus
through the tool's own HTTP API, checks what the tool stored, exports it again from the
tool and imports that into a fresh project of ours. Prints one line per check and exits
1 if any failed. Nothing here runs in `make check`: it needs the package index and minutes.

doccano's `webserver` command binds 0.0.0.0, so its WSGI app is served by gunicorn bound
to 127.0.0.1 instead; its import runs in a celery worker, started beside it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.core.model import AnnotatedDocument, Document, DocumentStance, Span
from annotator.services.document_import import import_files
from annotator.services.export import export_project
from annotator.store.ingest import ingest
from annotator.store.project_store import ProjectStore

LABEL_STUDIO = "label-studio==1.23.2"
# doccano 1.8.4's own pins have rotted: environs needs marshmallow 3, and its pandas
# 1.5 wheels are built against numpy 1.
DOCCANO = ["doccano==1.8.4", "marshmallow==3.26.1", "numpy==1.26.4"]
PASSWORD = "interop-pass-123"
TOKEN = "interoptoken" + "0" * 28
STARTUP_SECONDS = 300

RESULTS: list[tuple[bool, str]] = []


def check(ok: bool, what: str) -> None:
    RESULTS.append((ok, what))
    print(f"{'ok  ' if ok else 'FAIL'} {what}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def venv(path: Path, packages: list[str], python: str) -> Path:
    """A venv at `path` with `packages`, made once; returns its bin folder."""
    stamp = path / ".interop-stamp"
    if stamp.exists() and stamp.read_text() == " ".join(packages):
        return path / "bin"
    subprocess.run([python, "-m", "venv", str(path)], check=True)
    subprocess.run([str(path / "bin" / "pip"), "install", "--quiet", *packages], check=True)
    stamp.write_text(" ".join(packages))
    return path / "bin"


@contextmanager
def server(commands: list[list[str]], env: dict[str, str], log: Path) -> Iterator[None]:
    """Run `commands` as child processes for the duration; stops exactly those."""
    processes = []
    with log.open("w") as out:
        try:
            for command in commands:
                processes.append(
                    subprocess.Popen(
                        command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
                    )
                )
            yield
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


class Http:
    """A tiny JSON client for 127.0.0.1, with cookies (doccano) or a token (Label Studio)."""

    def __init__(self, base: str, token: str | None = None):
        assert base.startswith("http://127.0.0.1:"), base  # loopback only
        self.base = base
        self.token = token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None, ctype: str = ""
    ) -> tuple[int, Any]:
        headers = {"Content-Type": ctype or "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                headers["X-CSRFToken"] = cookie.value
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, None
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def wait(self, path: str, ready: Callable[[int], bool] = lambda s: s == 200) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            status, _ = self.call("GET", path)
            if ready(status):
                return True
            time.sleep(2)
        return False


def corpus() -> list[AnnotatedDocument]:
    """Three documents: two annotators, one alone, one untouched; emoji, a line break."""
    texts = [
        "More than 160 experts 👩‍💻 signed the letter.\nThe EU rejects it.",
        "Over 40 prominent experts warned.",
        "Nobody annotated this one.",
    ]
    docs = [Document(id=f"doc{i}", text=t, title=f"Article {i}") for i, t in enumerate(texts)]
    a = docs[0].text
    return [
        AnnotatedDocument(
            docs[0],
            [
                Span("s1", "doc0", 0, a.index(" signed"), "Claim", "alice", "against", "EU", "n"),
                Span("s2", "doc0", a.index("The EU"), len(a) - 1, "Claim", "bob"),
                Span("s3", "doc0", a.index("EU"), a.index("EU") + 2, "Source", "bob"),
            ],
            [DocumentStance("doc0", "alice", "EU", "favor")],
        ),
        AnnotatedDocument(docs[1], [Span("s4", "doc1", 0, 33, "Claim", "alice")]),
        AnnotatedDocument(docs[2]),
    ]


def make_project(path: Path) -> ProjectStore:
    if path.exists():
        path.unlink()
    store = ProjectStore.create(path)
    ingest(store, corpus())
    return store


def reimport(work: Path, name: str, export: Path) -> tuple[int, set[str]]:
    """Import a tool's export into a fresh project of ours: (spans, annotators)."""
    path = work / f"{name}.annotator"
    if path.exists():
        path.unlink()
    with ProjectStore.create(path) as store:
        import_files(store, [export])
        spans = store.annotations.spans()
    return len(spans), {s.annotator for s in spans}


def run_labelstudio(work: Path) -> None:
    bin_dir = venv(work / "ls-venv", [LABEL_STUDIO], sys.executable)
    data = work / "ls-data"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    port = free_port()
    env = {
        "LABEL_STUDIO_BASE_DATA_DIR": str(data),
        "LABEL_STUDIO_USERNAME": "admin@annotator.invalid",
        "LABEL_STUDIO_PASSWORD": PASSWORD,
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        # 1.23 disables the legacy token for new organizations; the API needs one here
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
    }
    command = [str(bin_dir / "label-studio"), "start", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--internal-host", "127.0.0.1", "--no-browser"]
    with make_project(work / "ls-source.annotator") as store:
        for users in ("omit", "email"):
            export_project(store, "labelstudio", work / f"ls-tasks-{users}.json", users=users)
    with server([command], env, work / "label-studio.log"):
        api = Http(f"http://127.0.0.1:{port}", TOKEN)
        check(api.wait("/health"), f"Label Studio 1.23.2 started on 127.0.0.1:{port}")
        config = (work / "ls-tasks-omit.label_config.xml").read_text(encoding="utf-8")
        for users in ("omit", "email"):
            status, project = api.call(
                "POST", "/api/projects", {"title": f"annotator {users}", "label_config": config}
            )
            check(status == 201, f"Label Studio takes our labelling config ({status})")
            if status != 201:
                return
            if users == "email":
                for name in ("alice", "bob"):  # the members our e-mails name
                    api.call(
                        "POST",
                        "/api/users/",
                        {"email": f"{name}@annotator.invalid", "username": name},
                    )
            tasks = (work / f"ls-tasks-{users}.json").read_bytes()
            status, answer = api.call("POST", f"/api/projects/{project['id']}/import", raw=tasks)
            counts = answer if isinstance(answer, dict) else {}
            check(
                status == 201
                and counts.get("task_count") == 3
                and counts.get("annotation_count") == 3,
                f"Label Studio imports our tasks (completed_by {users}): HTTP {status}, "
                f"{counts.get('task_count')} tasks, {counts.get('annotation_count')} annotations"
                + ("" if status == 201 else f": {answer}"),
            )
            status, exported = api.call(
                "GET", f"/api/projects/{project['id']}/export?exportType=JSON"
            )
            back = work / f"ls-export-{users}.json"
            back.write_text(json.dumps(exported), encoding="utf-8")
            spans, annotators = reimport(work, f"ls-back-{users}", back)
            check(
                spans == 4 and annotators == {"alice", "bob"},
                f"Label Studio's own export imports back: {spans} spans, by {sorted(annotators)}",
            )


def run_doccano(work: Path, python: str) -> None:
    bin_dir = venv(work / "dc-venv", DOCCANO, python)
    home = work / "dc-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    site = next((work / "dc-venv" / "lib").glob("python*/site-packages"))
    backend = site / "backend"
    env = {
        "DOCCANO_HOME": str(home),
        "STANDALONE": "True",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"sqlite:///{home}/db.sqlite3",
        "MEDIA_ROOT": str(home / "media"),
    }
    full_env = {**os.environ, **env}
    subprocess.run(
        [str(bin_dir / "doccano"), "init"], env=full_env, check=True, capture_output=True
    )
    subprocess.run(
        [str(bin_dir / "doccano"), "createuser", "--username", "admin", "--password", PASSWORD],
        env=full_env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    web = [str(bin_dir / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    web += ["--chdir", str(backend), "config.wsgi"]
    worker = [str(bin_dir / "celery"), "--app=config", f"--workdir={backend}", "worker"]
    worker += ["--concurrency=1", "--loglevel=info"]
    kinds = {
        "sequence-labeling": ("SequenceLabeling", "SequenceLabelingProject", 4),
        # intent projects cannot overlap: our export keeps one layer (3 of the 4 spans)
        "intent": ("IntentDetectionAndSlotFilling", "IntentDetectionAndSlotFillingProject", 3),
        "relation": ("SequenceLabeling", "SequenceLabelingProject", 4),
        "classification": ("DocumentClassification", "TextClassificationProject", 0),
    }
    with make_project(work / "dc-source.annotator") as store:
        for kind in kinds:
            export_project(store, "doccano", work / f"dc-{kind}.jsonl", project=kind)
    with server([web, worker], {**env, "PYTHONPATH": str(backend)}, work / "doccano.log"):
        api = Http(f"http://127.0.0.1:{port}")
        check(api.wait("/v1/health/"), f"doccano 1.8.4 started on 127.0.0.1:{port}")
        status, _ = api.call("POST", "/v1/auth/login/", {"username": "admin", "password": PASSWORD})
        check(status == 200, f"doccano login ({status})")
        for kind, (task, resource, spans_expected) in kinds.items():
            # our spans may overlap (two annotators, nested claims): doccano keeps them only
            # in projects that allow it
            extra: dict[str, Any] = {"allow_overlapping": kind != "classification"}
            if kind == "relation":
                extra["use_relation"] = True
            status, project = api.call(
                "POST",
                "/v1/projects",
                {
                    "name": f"annotator {kind}",
                    "description": "interop",
                    "project_type": task,
                    "resourcetype": resource,
                    "guideline": "",
                    **extra,
                },
            )
            if status != 201:
                check(False, f"doccano project {kind}: HTTP {status} {project}")
                continue
            pid = project["id"]
            path = work / f"dc-{kind}.jsonl"
            boundary = "----annotator-interop"
            raw = (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="filepond"; '
                    f'filename="{path.name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                ).encode()
                + path.read_bytes()
                + f"\r\n--{boundary}--\r\n".encode()
            )
            status, upload = api.call(
                "POST",
                "/v1/fp/process/",
                raw=raw,
                ctype=f"multipart/form-data; boundary={boundary}",
            )
            label = "entities" if kind in ("intent", "relation") else "label"
            status, started = api.call(
                "POST",
                f"/v1/projects/{pid}/upload",
                {
                    "format": "JSONL",
                    "task": task if kind != "relation" else "RelationExtraction",
                    "uploadIds": [upload],
                    "column_data": "text",
                    "column_label": label,
                    "delimiter": "",
                    "encoding": "utf_8",
                },
            )
            result: Any = None
            for _ in range(120):
                _, result = api.call("GET", f"/v1/tasks/status/{started['task_id']}")
                if isinstance(result, dict) and result.get("ready"):
                    break
                time.sleep(1)
            errors = (result or {}).get("result", {}) or {}
            _, examples = api.call("GET", f"/v1/projects/{pid}/examples?limit=50")
            count = examples.get("count") if isinstance(examples, dict) else None
            spans = categories = 0
            for example in (examples or {}).get("results", []):
                for what in ("spans", "categories"):
                    _, got = api.call("GET", f"/v1/projects/{pid}/examples/{example['id']}/{what}")
                    if isinstance(got, list):
                        spans += len(got) if what == "spans" else 0
                        categories += len(got) if what == "categories" else 0
            wanted_categories = 1 if kind in ("intent", "classification") else 0
            check(
                count == 3
                and not errors.get("error")
                and spans == spans_expected
                and categories == wanted_categories,
                f"doccano {kind} project imports our export: {count} examples, {spans} spans, "
                f"{categories} categories, errors {errors.get('error') or (result or {}).get('error')}",
            )


def python_for_doccano() -> str:
    """A working Python 3.10 (doccano 1.8.4 supports 3.8-3.10), else this one."""
    candidates = [shutil.which("python3.10") or ""]
    candidates += sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.10*/bin/python"))
    for candidate in filter(None, candidates):
        done = subprocess.run([candidate, "--version"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.startswith("Python 3.10"):
            return candidate
    return sys.executable


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/annotator-interop"))
    parser.add_argument("--only", choices=("labelstudio", "doccano"))
    parser.add_argument(
        "--doccano-python",
        default=None,
        help="the Python for doccano's venv (default: a Python 3.10 if there is one)",
    )
    args = parser.parse_args()
    work = args.work.resolve()
    if Path(__file__).resolve().parents[1] in work.parents:
        parser.error("--work must be outside the repository")
    work.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "labelstudio"):
        run_labelstudio(work)
    if args.only in (None, "doccano"):
        run_doccano(work, args.doccano_python or python_for_doccano())
    failed = [what for ok, what in RESULTS if not ok]
    print(f"{len(RESULTS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
