"""`make bench`: our build against vanilla Pelican on the same Markdown bodies.

For each N (bilingual stories, so 2N files): our cold build (no output, no cache), the same
without the search index (Pagefind, which vanilla Pelican does not make), our rebuild after
editing one story (a fresh process; and again while `make serve` runs, which then does the
build: right after the save, and once the preview has caught up with it), our preview update
after one edit of a story's text and after one edit of its title (the `make serve` process,
warm), and vanilla Pelican 4.12 with its built-in
translations (`lang` + `slug`), default theme, feeds and pagination. Each is a fresh
process timed from outside; peak memory is the process's maximum resident set. Prints
medians and ratios.

Usage: python -m benchmarks.run [--sizes 200 1000 5000] [--repeat 3] [--work /tmp/bench]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus import REPO, bodies_only, make_corpus
from .photos import add_photos, phone_photos

VANILLA_SETTINGS = """\
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
SITEURL = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
DEFAULT_PAGINATION = 10
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
"""

# Runs inside the preview's own process: the first build warms it, then one edit is timed.
PREVIEW_SCRIPT = """\
import resource, sys, time
from pathlib import Path
from site_build.preview import Preview
root = Path(sys.argv[1]); story = root / "content/articles" / sys.argv[2]
preview = Preview(root, root / "output", port=0)
assert preview.rebuild("start").ok
def cpu():  # this process and its forked workers (the title edit's renders)
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in used)
times = []
for i in range(int(sys.argv[3])):
    text = story.read_text(encoding="utf-8")
    if sys.argv[4] == "title":  # shown by the lists, the home, partner pages...
        text = text.replace('title: "', f'title: "Sửa {i} ', 1)
    else:  # the text only: shown by the story's own pages
        text += f"\\nThêm một câu {i}.\\n"
    story.write_text(text, encoding="utf-8")
    started, used = time.perf_counter(), cpu()
    assert preview.rebuild("edit", [story]).ok  # what the watcher passes
    times.append(f"{time.perf_counter() - started:.4f}:{cpu() - used:.4f}")
print(" ".join(times))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the command and its children


# A fresh wrapper per command: its children's ru_maxrss is that command's own peak
# (forked build workers included), not the largest of every run so far.
WRAPPER = """\
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


# Our build without the search index (Pagefind), which vanilla Pelican does not make
NO_SEARCH_SETTINGS = "from pelicanconf import *  # noqa: F403\nSEARCH_INDEX = False\n"


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *cmd], cwd=cwd, env=env, capture_output=True, text=True
    )
    code, seconds, peak_kb, cpu = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr}")
    return Run(float(seconds), int(peak_kb) / 1024, float(cpu))


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO / "plugins"),
        "BUILD_PROGRESS": "0",
        # the build day: after the corpus's last story (2024-12-28), so that every story is
        # published (a story dated after the build day waits for its day)
        "SOURCE_DATE_EPOCH": "1748736000",  # 2025-06-01
    }


def edit_story(root: Path, name: str, i: int) -> None:
    path = root / "content" / "articles" / name
    path.write_text(path.read_text(encoding="utf-8") + f"\nSửa lần {i}.\n", encoding="utf-8")


def process_cpu(pid: int) -> float:
    """CPU seconds of a running process, of the children it has waited for and of those
    still running (the preview's Pagefind processes), with theirs."""
    ticks = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        todo += children.get(current, [])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, quiet: float = 0.5, limit: float = 120.0) -> None:
    """Until the process has used almost no CPU for `quiet` seconds (the preview has
    brought the save in and indexed it)."""
    deadline = time.monotonic() + limit
    used = process_cpu(pid)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = process_cpu(pid)
        if now - used < 0.02:
            return
        used = now


def bench_handoff(root: Path, repeat: int, env: dict[str, str]) -> dict[str, list[Run]]:
    """One-story rebuilds while `make serve` runs: `make site` is then done by the preview
    (site_build/handoff.py). `now`: run right after the save (the preview brings the save
    in, or has just started to, and the search index of its language is made while the
    command waits); `later`: once the preview has caught up (quick update and search index
    done in the background at the save). CPU: the command's and the preview's during it."""
    build = [sys.executable, "-m", "site_build", "build", "--root", str(root)]
    serve = [sys.executable, "-m", "site_build", "serve", "--root", str(root), "--port", "0"]
    log = root / "serve.log"
    results: dict[str, list[Run]] = {"now": [], "later": []}
    with open(log, "w") as out:
        preview = subprocess.Popen(serve, cwd=root, env=env, stdout=out, stderr=out)
    try:
        while "Preview at" not in log.read_text(errors="replace"):
            if preview.poll() is not None:
                raise SystemExit(f"make serve failed:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        timed(build, root, env)  # the first make site handed over: a whole build
        for i in range(repeat):
            for kind in ("now", "later"):
                seen = log.read_text(errors="replace").count("[tin-00002.vi.md]")
                edit_story(root, "tin-00002.vi.md", i)
                if kind == "later":  # the watcher has brought the save in, the index is done
                    while log.read_text(errors="replace").count("[tin-00002.vi.md]") == seen:
                        time.sleep(0.05)
                    wait_until_idle(preview.pid)
                before = process_cpu(preview.pid)
                run = timed(build, root, env)
                run.cpu += process_cpu(preview.pid) - before
                results[kind].append(run)
        if log.read_text(errors="replace").count("[make site]") != 1 + 2 * repeat:
            raise SystemExit(f"make site was not done by the preview:\n{log.read_text()}")
    finally:
        preview.send_signal(signal.SIGINT)
        try:
            preview.wait(timeout=30)
        except subprocess.TimeoutExpired:
            preview.kill()
            preview.wait()
    return results


def bench_size(n: int, repeat: int, work: Path) -> dict[str, list[Run]]:
    env = environment()
    python = sys.executable
    ours = make_corpus(work / f"ours-{n}", n)
    vanilla = bodies_only(ours, work / f"vanilla-{n}")
    (vanilla / "pelicanconf.py").write_text(VANILLA_SETTINGS, encoding="utf-8")
    build = [python, "-m", "site_build", "build", "--root", str(ours)]
    (ours / "nosearch.py").write_text(NO_SEARCH_SETTINGS, encoding="utf-8")
    results: dict[str, list[Run]] = {
        "cold": [], "nosearch": [], "rebuild": [], "vanilla": [], "preview": [], "title": []
    }  # fmt: skip
    for i in range(repeat):
        for kind, settings in (("nosearch", ["--settings", "nosearch.py"]), ("cold", [])):
            shutil.rmtree(ours / "output", ignore_errors=True)
            shutil.rmtree(ours / ".cache", ignore_errors=True)
            results[kind].append(timed([*build, *settings], ours, env))
        edit_story(ours, "tin-00000.vi.md", i)
        results["rebuild"].append(timed(build, ours, env))
        shutil.rmtree(vanilla / "output", ignore_errors=True)
        vanilla_cmd = [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"]
        results["vanilla"].append(timed([*vanilla_cmd, "-q"], vanilla, env))
    handed = bench_handoff(ours, repeat, env)
    results["rebuild_serve_now"], results["rebuild_serve_later"] = handed["now"], handed["later"]
    for kind, edit in (("preview", "text"), ("title", "title")):
        out = subprocess.run(
            [python, "-c", PREVIEW_SCRIPT, str(ours), "tin-00001.vi.md", str(repeat), edit],
            cwd=ours, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        results[kind] = [
            Run(float(t.split(":")[0]), 0.0, float(t.split(":")[1]))
            for t in out.stdout.split()[-repeat:]
        ]
    return results


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def bench_photos(count: int, repeat: int, work: Path) -> None:
    """Target 1 of issue 17: what a 4032x3024 phone photo adds to a cold build. The same
    `count` stories are built cold with a phone photo each and without photos (no search
    index in either: it is the photos' cost that is measured), on every core and on one."""
    env = environment()
    with_photos = make_corpus(work / "photos", count)
    add_photos(with_photos, phone_photos(work / "phone-photos", count))
    without = make_corpus(work / "no-photos", count)
    for root in (with_photos, without):
        (root / "nosearch.py").write_text(NO_SEARCH_SETTINGS, encoding="utf-8")
    runs: dict[tuple[str, str], list[Run]] = {}
    for _ in range(repeat):
        for workers in ("", "1"):
            for name, root in (("photos", with_photos), ("none", without)):
                shutil.rmtree(root / "output", ignore_errors=True)
                shutil.rmtree(root / ".cache", ignore_errors=True)
                build = [sys.executable, "-m", "site_build", "build", "--root", str(root)]
                run_env = {**env, "BUILD_WORKERS": workers} if workers else env
                run = timed([*build, "--settings", "nosearch.py"], root, run_env)
                runs.setdefault((name, workers or "all"), []).append(run)
    for workers, label in (("all", f"{os.cpu_count()} cores"), ("1", "1 core")):
        photos, none = runs[("photos", workers)], runs[("none", workers)]
        per_photo = (median(photos) - median(none)) / count
        per_cpu = (median_cpu(photos) - median_cpu(none)) / count
        print(
            f"photos, {label:>7}: {count} stories with a 4032x3024 photo {median(photos):.2f} s, "
            f"without {median(none):.2f} s: {per_photo:.3f} s per photo "
            f"(target <= 0.25 s on 2 cores), CPU {per_cpu:.3f} s per photo",
            flush=True,
        )
    sizes: dict[str, list[int]] = {}
    for path in (with_photos / "output" / "images").iterdir():
        kind = path.name.rsplit("-", 2)[-2] + path.suffix if "w-" in path.name else path.suffix
        sizes.setdefault(kind, []).append(path.stat().st_size)
    largest = max(max(v) for v in sizes.values())
    print(
        "photo files (median KB): "
        + ", ".join(
            f"{k} {statistics.median(v) / 1024:.0f}"
            for k, v in sorted(sizes.items(), key=lambda kv: (len(kv[0]), kv[0]))
        )
        + f"; largest file {largest / 1e6:.2f} MB (limit 1.5)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/huu-nghi-bench"))
    parser.add_argument("--photos", type=int, default=24, help="phone photos (0: none)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    load = os.getloadavg()[0]
    busy = load > (os.cpu_count() or 1)
    note = " (above the core count, timings are inflated)" if busy else ""
    print(f"load average at start: {load:.1f}{note}")
    if args.photos:
        bench_photos(args.photos, args.repeat, args.work)
    header = (
        f"{'N':>5} {'cold':>8} {'vanilla':>8} {'ratio':>6} {'no srch':>8} {'ratio':>6} "
        f"{'rebuild':>8} {'preview':>8} {'p.title':>8} {'s/story':>8} {'peak MB':>8} "
        f"{'vanilla MB':>10}"
    )
    print(header)
    for n in args.sizes:
        r = bench_size(n, args.repeat, args.work)
        cold, vanilla = median(r["cold"]), median(r["vanilla"])
        nosearch = median(r["nosearch"])
        print(
            f"{n:>5} {cold:>7.2f}s {vanilla:>7.2f}s {cold / vanilla:>6.2f} "
            f"{nosearch:>7.2f}s {nosearch / vanilla:>6.2f} "
            f"{median(r['rebuild']):>7.2f}s {median(r['preview']):>7.2f}s "
            f"{median(r['title']):>7.2f}s "
            f"{cold / n:>8.4f} {max(x.peak_mb for x in r['cold']):>8.0f} "
            f"{max(x.peak_mb for x in r['vanilla']):>10.0f}",
            flush=True,
        )
        # CPU time (user + system, workers included): much less moved by a busy machine
        cpu_cold, cpu_vanilla = median_cpu(r["cold"]), median_cpu(r["vanilla"])
        print(
            f"{'':>5} CPU: cold {cpu_cold:.2f}s, vanilla {cpu_vanilla:.2f}s "
            f"(ratio {cpu_cold / cpu_vanilla:.2f}), no srch {median_cpu(r['nosearch']):.2f}s, "
            f"rebuild {median_cpu(r['rebuild']):.2f}s, preview {median_cpu(r['preview']):.2f}s, "
            f"p.title {median_cpu(r['title']):.2f}s",
            flush=True,
        )
        now, later = r["rebuild_serve_now"], r["rebuild_serve_later"]
        print(
            f"{'':>5} rebuild while make serve runs (the preview builds): right after the save "
            f"{median(now):.2f}s (CPU {median_cpu(now):.2f}s), once the preview caught up "
            f"{median(later):.2f}s (CPU {median_cpu(later):.2f}s); without: the rebuild column",
            flush=True,
        )


if __name__ == "__main__":
    main()
