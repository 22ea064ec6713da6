"""`make serve`: build, serve `output/` on localhost, rebuild on every change, reload browsers.

A change to a story, a data file or the theme rebuilds in this process: the page
fingerprints (bilingual/fingerprints.py) re-render only the pages that depend on it, and
Markdown comes from its cache. Content errors are printed and shown over the page in the
browser; the server keeps running and keeps the last good site. A change to the code
(plugins/, pelicanconf.py) restarts the process, since Python modules cannot be reloaded
safely. The search index is not rebuilt on preview updates (`make site` builds it).

`make site` while the preview runs is done by the preview (`build_site`, asked through
handoff.py): the first one builds the whole site as `make site` does, into a folder beside
`output/` swapped in whole, with the search index, in this process; after it, as long as only
stories' text or titles change, the preview's quick updates also index the search pages in
the background, and the next `make site` only finishes that index. Anything else (a data
file, the theme, the settings, a story added, deleted or with other front matter, a whole
build of the preview, an output folder replaced by another build) makes the next `make site`
a whole build again.

What the preview keeps from one build to the next (Pelican's story objects, file hashes,
the last build's generator for quick updates) is its build session's (`Preview.session`,
bilingual/session.py), never module state.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import http.server
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.fingerprints import file_hash
from bilingual.session import BuildSession
from content_model.messages import messages_language, msg, msg_plural, render
from content_model.stories import story_paths
from content_model.terminal import note_lines, print_notes, print_warnings, warning_lines
from images.originals import warnings as photo_warnings
from shared.build_day import build_date

from . import handoff, output_folder
from .cli import BuildResult, manifest_path, run_build, write_manifest

# no search index (make site builds it)
PREVIEW_SETTINGS = {"SEARCH_INDEX": False}
LIVE_SCRIPT = b'<script src="/__preview/live.js" defer></script>'
LIVE_JS = """
(() => {
  const show = (errors, heading) => {
    let box = document.getElementById("preview-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "preview-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1rem;background:#7a0916;color:#fff;font:14px/1.5 monospace;" +
        "z-index:99999;white-space:pre-wrap";
      document.body.append(box);
    }
    box.textContent = heading + "\\n\\n" + errors.join("\\n");
  };
  let seen = null;
  const events = new EventSource("/__preview/events");
  events.onmessage = async (message) => {
    const state = JSON.parse(message.data);
    if (seen !== null && state.build !== seen && state.ok) { location.reload(); return; }
    seen = state.build;
    show(state.errors, state.heading);
  };
})();
"""


# Files a build reads besides the stories, the theme, the plugins and content/ (whose data,
# images and bulletins are in every page's key): the settings files, the pinned packages,
# and the Decap CMS bundle the desk copies (node_modules, beside plugins/).
OTHER_INPUTS = ("*.py", "requirements.lock", "package-lock.json")
DECAP_DIST = Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"


Stamp = tuple[int, int, int, int]


@dataclass
class InputFiles:
    """The files a build reads as a `make site` built by the preview read them: each file's
    stamp (modification and change times, size, inode: a write changes the change time,
    which no tool sets back) and the hash of its bytes; and the build day. A file whose
    stamp moved is hashed again: a `git checkout` of the same bytes is no change."""

    day: str
    stamps: dict[str, Stamp]  # by absolute path (strings: tens of thousands of files)
    hashes: dict[str, str]
    stories: frozenset[str]

    @classmethod
    def of(cls, root: Path) -> InputFiles:
        stamps = _input_stamps(root)
        hashes = {p: file_hash(Path(p)) for p in stamps}
        stories = frozenset(os.path.abspath(p) for p in story_paths(root))
        return cls(build_date().isoformat(), stamps, hashes, stories)

    def changed(self, root: Path) -> set[str] | None:
        """The files whose bytes changed since; None when a file was added or deleted, or
        the build day is another."""
        if build_date().isoformat() != self.day:
            return None
        stamps = _input_stamps(root)
        if stamps.keys() != self.stamps.keys():
            return None
        moved = [p for p, stamp in stamps.items() if stamp != self.stamps[p]]
        return {p for p in moved if file_hash(Path(p)) != self.hashes[p]}

    @staticmethod
    def stamps_of(paths: Iterable[str | Path]) -> dict[str, Stamp | None]:
        """The stamps of `paths` now: taken before a quick update reads them."""
        found: dict[str, Stamp | None] = {}
        for path in paths:
            try:
                found[os.path.abspath(path)] = _stamp(path)
            except FileNotFoundError:
                found[os.path.abspath(path)] = None
        return found

    def update(self, before: dict[str, Stamp | None]) -> bool:
        """Take the files of `before` (their stamps before a quick update read them) as
        built; False when one was saved again since (the next look finds it changed)."""
        if any(st is None or p not in self.stamps for p, st in before.items()):
            return False  # deleted, or new: not the files of the last `make site`
        if self.stamps_of(before) != before:
            return False
        hashes = {p: file_hash(Path(p)) for p in before}
        if self.stamps_of(before) != before:
            return False
        self.stamps.update({p: st for p, st in before.items() if st is not None})
        self.hashes.update(hashes)
        return True


def _stamp(path: str | Path) -> Stamp:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _input_stamps(root: Path) -> dict[str, Stamp]:
    """Every file a build reads: content/, the theme, the plugins, the settings files, the
    pinned packages, the desk's Decap bundle."""
    files = [str(p) for pattern in OTHER_INPUTS for p in root.glob(pattern) if p.is_file()]
    for folder in (root / "content", root / "theme", root / "plugins", DECAP_DIST):
        for parent, dirs, names in os.walk(os.path.abspath(folder), followlinks=True):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            files += [os.path.join(parent, n) for n in names]
    found = {}
    for path in files:
        try:
            found[os.path.abspath(path)] = _stamp(path)
        except FileNotFoundError:  # deleted while listed, or a dangling link
            continue
    return found


class Preview:
    def __init__(self, root: Path, output: Path, port: int, settings_file: str = "pelicanconf.py"):
        self.root, self.output, self.port = root.resolve(), output.resolve(), port
        self.settings_file = settings_file
        self.lang = messages_language()  # of content errors and notes (MESSAGES)
        # the heading of the errors shown over the page, in the editor's language
        self.heading = render(
            msg("Content errors: the site below is the last good build."), self.lang
        )
        self.state: dict[str, Any] = {"build": 0, "ok": True, "errors": [], "heading": self.heading}
        self.changed = threading.Condition()
        self.stop = threading.Event()
        # kept across builds: Pelican's story objects, file hashes, the last build's record
        self.session = BuildSession(self.root, keep_between_builds=True)
        # one build at a time: the watcher's, or a `make site` handed over (build_site)
        self.busy = threading.RLock()
        # after a `make site` built by this process, as long as only quick updates followed:
        # what output/ was made from (its folder's inode, `InputFiles`); None: the next
        # `make site` builds the whole site
        self.site: dict[str, Any] | None = None
        self.handoffs: list[str] = []  # how each `make site` was done: "quick" or "whole"

    # --- building --------------------------------------------------------------------------

    def rebuild(self, reason: str, changed: list[Path] | None = None) -> BuildResult:
        """A whole (incremental) build, or the quick update of `story_edit` when `changed`
        are story files whose text or title alone changed since the last good build."""
        with self.busy, self._site_lost_on_failure():
            before = InputFiles.stamps_of(changed or [])
            result = self.quick_update(changed) if changed else None
            if result is not None and result.ok and self.site is not None:
                self.site["inputs"].update(before)  # else `make site` looks at them again
            if result is None:
                self.site = None  # output/ is the preview's now, without a search index
                # a `make site` of the same output in another terminal is waited for
                result = self._whole_build(
                    overrides=PREVIEW_SETTINGS,
                    in_place=True,
                    wait_for_lock=True,
                    lang=self.lang,
                    session=self.session,
                )
            elif not result.ok:
                self.site = None
            self._announce(reason, result)
            return result

    def _whole_build(self, *args: Any, **kwargs: Any) -> BuildResult:
        """`run_build` of this preview's project and output. What the build makes lives
        until the next whole build: it is frozen for the garbage collector (gc.freeze), whose
        full collections during quick updates (which make few objects) then leave it alone
        instead of walking every object of the site (up to 1 s at N = 5000); the last
        build's objects are given back to it first (they may be garbage now)."""
        gc.unfreeze()
        try:
            return run_build(self.root, self.output, *args, **kwargs)
        finally:
            gc.freeze()

    @contextmanager
    def _site_lost_on_failure(self) -> Iterator[None]:
        """A build that raises (a theme error) may have changed pages in place and their
        keys: the next `make site` builds the whole site."""
        try:
            yield
        except BaseException:
            self.site = None
            raise

    def _announce(self, reason: str, result: BuildResult) -> None:
        """Print the build's outcome and tell the browsers (they reload, or show errors)."""
        if result.ok:
            print_notes(result.notes, self.lang)
            print_warnings(result.warnings, self.lang)
            rebuilt = msg(
                "[%(reason)s] rebuilt in %(seconds)s s: %(rendered)s pages rendered, "
                "%(reused)s unchanged",
                reason=reason,
                seconds=f"{result.seconds:.2f}",
                rendered=len(result.rendered),
                reused=result.reused,
            )
            print(render(rebuilt, self.lang))
        else:
            serving = msg_plural(
                "%(n)s content error (serving the last good site):",
                "%(n)s content errors (serving the last good site):",
                len(result.errors),
            )
            print(f"[{reason}] {render(serving, self.lang)}")
            for line in result.errors:
                print(f"  {line}", file=sys.stderr)
        with self.changed:
            self.state = {
                "build": self.state["build"] + 1,
                "ok": result.ok,
                "errors": result.errors,
                "heading": self.heading,
            }
            self.changed.notify_all()

    # --- `make site` handed to the preview (handoff.py) --------------------------------------

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        """The answer to a `make site` of another process: its build, done here, or a refusal
        (the other process then builds): another project, output or settings file, another
        build day, or a failure that is not a content error (the build shows it there)."""
        same = (
            request.get("root") == str(self.root)
            and request.get("output") == str(self.output)
            and request.get("settings") == self.settings_file
            and request.get("day") == build_date().isoformat()
            and request.get("source_date_epoch") == os.environ.get("SOURCE_DATE_EPOCH")
        )
        if not same:
            return {"refused": "not the build of this preview"}
        lang = request.get("lang") or self.lang
        try:
            result = self.build_site(lang)
        except Exception as exc:  # the asking process builds, and shows the error
            print(f"[make site] build failed: {exc}", file=sys.stderr)
            return {"refused": f"{type(exc).__name__}: {exc}"}
        return dataclasses.asdict(result)

    def build_site(self, lang: str | None = None) -> BuildResult:
        """What `make site` makes, in this process: `output/` as a whole build makes it, the
        search index included. Quick when the last `make site` was built here and only
        stories' text or titles changed since (the pages are those the quick updates made,
        the search index is finished); else a whole build into a folder swapped in."""
        lang = lang or self.lang
        with self.busy, self._site_lost_on_failure():
            started = time.perf_counter()
            result = self._quick_site(lang)
            how = "quick"
            if result is None:
                how = "whole"
                inputs = InputFiles.of(self.root)  # before: a file saved meanwhile is seen
                self.site = None
                result = self._whole_build(
                    self.settings_file,
                    wait_for_lock=True,
                    lang=lang,
                    session=self.session,
                )
                generator = self.session.record.generator
                if result.ok and generator is not None:
                    # built aside and swapped in: the quick updates write into output/
                    generator.output_path = str(self.output)
                    self.site = {"inode": self.output.stat().st_ino, "inputs": inputs}
            result.seconds = time.perf_counter() - started
            self.handoffs.append(how)
            self._announce("make site", result)
            return result

    def _quick_site(self, lang: str) -> BuildResult | None:
        """`make site` after quick updates only: the stories changed since then that the
        watcher has not brought in yet get their quick update, the search index is finished
        and written in place. None when that is not safe (see the module's docstring)."""
        site = self.site
        if site is None or not self.output.is_dir() or self.output.stat().st_ino != site["inode"]:
            return None
        inputs: InputFiles = site["inputs"]
        changed = inputs.changed(self.root)
        if changed is None or any(p not in inputs.stories for p in changed):
            return None  # a file added or deleted, or another input than a story changed
        rendered: list[str] = []
        if changed:
            before = inputs.stamps_of(changed)
            quick = self.quick_update([Path(p) for p in sorted(changed)], lang)
            if quick is None or not quick.ok:
                self.site = None
                return quick
            rendered = quick.rendered
            if not inputs.update(before):  # saved again meanwhile: which version is built?
                self.site = None
                return None
        indexing, self.session.indexing = self.session.indexing, None
        if indexing is not None:  # started by the quick updates; written in place
            with output_folder.locked(self.output, wait=True):
                indexing.wait()
        project = self.session.checked_project()
        generator = self.session.record.generator
        return BuildResult(
            True,
            rendered=rendered,
            notes=note_lines(project.notes, lang),
            warnings=warning_lines([*sorted(project.warnings), *photo_warnings(self.root)], lang),
            reused=len(generator.pages) - len(rendered),
        )

    def quick_update(self, changed: list[Path], lang: str | None = None) -> BuildResult | None:
        """After a save of stories' text or title (the rest of their front matter unchanged):
        those files checked alone, their Markdown rendered, and only the pages that show
        what changed planned and rendered (`BilingualGenerator.update_story`): their own
        pages after a text edit, also the pages that list them after a title edit. None when
        it does not apply: the last build failed, another kind of file changed, or other
        front matter changed (a whole build follows, which also redoes what was done here)."""
        from content_model.pelican_adapter import story_edit

        session = self.session
        generator = session.record.generator
        articles = self.root / "content" / "articles"
        paths = [Path(os.path.abspath(p)) for p in changed]
        if generator is None or not self.state["ok"] or not paths:
            return None
        if any(p.suffix != ".md" or articles not in p.parents for p in paths):
            return None
        started = time.perf_counter()
        rendered: list[str] = []
        with output_folder.locked(self.output, wait=True):
            edits = []
            for path in paths:
                edit = story_edit(session, path, generator.settings)
                if edit is None:
                    return None
                edits.append(edit)
            errors = sorted(e for edit in edits for e in edit.errors)
            if errors:
                lines = [e.render(lang or self.lang) for e in errors]
                return BuildResult(False, lines, seconds=time.perf_counter() - started)
            session.record.planned = []
            # while pages change in place no manifest describes them (a process stopped
            # halfway leaves none, and the next build renders everything); after, it says
            # what they are, so that a later build (`make site`, a restarted preview) never
            # takes a page made from the edited file for one made from its earlier version
            manifest = manifest_path(self.root, self.output)
            manifest.unlink(missing_ok=True)
            for edit in edits:
                pages = generator.update_story(edit.file.front.slug, edit.file.lang, edit.changed)
                if pages is None:  # nothing of this edit written: the record still holds
                    write_manifest(manifest, self.output, session.record.manifest)
                    return None
                rendered += pages
            write_manifest(manifest, self.output, session.record.manifest)
        project = session.checked_project()
        return BuildResult(
            True,
            rendered=sorted(set(rendered)),
            notes=note_lines(project.notes, lang or self.lang),
            warnings=[],  # a text or title edit changes none: the last whole build printed them
            reused=len(generator.pages) - len(set(rendered)),
            seconds=time.perf_counter() - started,
        )

    def watch(self) -> None:
        from watchfiles import watch

        watched = [self.root / "content", self.root / "theme"]
        code = [self.root / "plugins", self.root / "pelicanconf.py"]
        for changes in watch(*watched, *code, debounce=200, step=50, stop_event=self.stop):
            paths = [Path(p) for _, p in changes]
            if any(_inside(p, code) for p in paths):
                print("Code changed: restarting the preview.")
                os.execv(sys.executable, [sys.executable, *sys.argv])
            names = ", ".join(sorted({p.name for p in paths})[:3])
            try:
                self.rebuild(names, sorted(set(paths)))
            except Exception as exc:  # a theme error must not stop the preview
                print(f"[{names}] build failed: {exc}", file=sys.stderr)
                with self.changed:
                    self.state = {**self.state, "build": self.state["build"] + 1, "ok": False,
                                  "errors": [f"build failed: {exc}"]}  # fmt: skip
                    self.changed.notify_all()

    # --- serving ---------------------------------------------------------------------------

    def serve_in_background(self) -> http.server.ThreadingHTTPServer:
        handler = functools.partial(PreviewHandler, self, directory=str(self.output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def serve_handoffs(self) -> Any:
        """Answer `make site` of this output from now on (handoff.py); the listening socket,
        or None when another preview of the same output answers."""
        return handoff.serve(self.output, self.answer)

    def run(self) -> int:
        self.rebuild("start")
        server = self.serve_in_background()
        handoffs = self.serve_handoffs()
        print(f"Preview at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            self.watch()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            if handoffs is not None:
                handoffs.close()
        return 0


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, preview: Preview, *args: Any, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal shows builds, not every request

    def do_GET(self) -> None:
        if self.path == "/__preview/live.js":
            return self._send(LIVE_JS.encode(), "text/javascript")
        if self.path == "/__preview/events":
            return self._events()
        if self.path.split("?")[0].endswith((".html", "/")):
            return self._html()
        return super().do_GET()

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _html(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()
        body = path.read_bytes().replace(b"</body>", LIVE_SCRIPT + b"</body>", 1)
        self._send(body, "text/html")

    def _events(self) -> None:
        """Server-sent events: the build number and its errors, whenever a build ends."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.preview
        seen = -1
        try:
            while True:
                with preview.changed:
                    if preview.state["build"] == seen:
                        preview.changed.wait(timeout=15)
                    state = dict(preview.state)
                if state["build"] == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"data: {json.dumps(state)}\n\n".encode())
                    seen = state["build"]
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
