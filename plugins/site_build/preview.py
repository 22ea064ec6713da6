"""`make serve`: build, serve `output/` on localhost, rebuild on every change, reload browsers.

A change to a story, a data file or the theme rebuilds in this process: the page
fingerprints (bilingual/fingerprints.py) re-render only the pages that depend on it, and
Markdown comes from its cache. Content errors are printed and shown over the page in the
browser; the server keeps running and keeps the last good site. A change to the code
(plugins/, pelicanconf.py) restarts the process, since Python modules cannot be reloaded
safely. The search index is not rebuilt on preview updates (`make site` builds it).

What the preview keeps from one build to the next (Pelican's story objects, file hashes,
the last build's generator for quick updates) is its build session's (`Preview.session`,
bilingual/session.py), never module state.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bilingual.session import BuildSession
from content_model.messages import messages_language, msg, msg_plural, render
from content_model.terminal import note_lines, print_notes, print_warnings

from . import output_folder
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


class Preview:
    def __init__(self, root: Path, output: Path, port: int):
        self.root, self.output, self.port = root.resolve(), output.resolve(), port
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

    # --- building --------------------------------------------------------------------------

    def rebuild(self, reason: str, changed: list[Path] | None = None) -> BuildResult:
        """A whole (incremental) build, or the quick update of `story_edit` when `changed`
        are story files whose text or title alone changed since the last good build."""
        result = self.quick_update(changed) if changed else None
        if result is None:
            # a `make site` of the same output in another terminal is waited for, not refused
            result = run_build(
                self.root,
                self.output,
                overrides=PREVIEW_SETTINGS,
                in_place=True,
                wait_for_lock=True,
                lang=self.lang,
                session=self.session,
            )
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
        return result

    def quick_update(self, changed: list[Path]) -> BuildResult | None:
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
                lines = [e.render(self.lang) for e in errors]
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
            notes=note_lines(project.notes, self.lang),
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

    def run(self) -> int:
        self.rebuild("start")
        server = self.serve_in_background()
        print(f"Preview at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
        try:
            self.watch()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
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
