"""Crash safety of `screenshot` (issue #12): kill `main.py --db STORE screenshot OUT.png
--layout OUT.json` with SIGKILL at random moments while an older OUT.png and OUT.json are there,
then check that each is either its old bytes or a complete new file.

    python -m benchmarks.kill_screenshot --trials N [--json] [--size 1600x1000] [--seed S]
        [--workdir DIR] [--kill-from 0.5] [--main PATH]

Setup, once per run: a store of the sample story made through the command line, the "old" files
(a screenshot of it at another size, and its layout), and --timing-runs uninterrupted
screenshots: the fastest, T, sets the range of kill times, uniform in [kill-from x T, 1.1 x T]
(seeded): the files are written at the very end, after Qt has started and the window has
settled, so earlier kills only show that nothing was touched.

Each trial puts the old files in a fresh folder, runs the screenshot into them, sleeps and sends
SIGKILL. OUT.png is "old" (its old bytes), "new" (a whole PNG: signature, every chunk's CRC,
IHDR first, IEND last, the image data inflating to its end) or "damaged" (anything else, a
missing file too); OUT.json likewise ("new": JSON that parses, with lanes). Hidden temporary
files left beside them (".OUT.png.*.partial": a kill while writing) are counted, not failures.
Exit status 1 when any file is damaged or a screenshot that was not killed failed.
--main runs another checkout's main.py (e.g. the code before the fix, to see the checker catch
what it is there to catch). POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.kill_import import SAMPLE, app_env, code_state

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "main.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OLD_SIZE = "800x500"
KILL_SPREAD = 1.1
FAILURES_LISTED = 20


# -- checking the files ------------------------------------------------------------------------

def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a whole PNG, or None when it is not one: the signature, every chunk
    whole with its CRC right, IHDR first and IEND last with nothing after it, and the image
    data a zlib stream that ends."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    at, size, inflate = len(PNG_SIGNATURE), None, zlib.decompressobj()
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        end = at + 12 + length
        if end > len(data):
            return None
        body = data[at + 8:at + 8 + length]
        if zlib.crc32(kind + body) != int.from_bytes(data[end - 4:end], "big"):
            return None
        if size is None:
            if kind != b"IHDR":
                return None
            size = (int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big"))
        elif kind == b"IDAT":
            try:
                inflate.decompress(body, 0)  # (kept small: only whether it ends)
            except zlib.error:
                return None
        elif kind == b"IEND":
            return size if end == len(data) and inflate.eof else None
        at = end
    return None


def png_state(path: Path, old: bytes) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return "damaged"  # gone, or not a file
    if data == old:
        return "old"
    return "new" if png_size(data) is not None else "damaged"


def layout_state(path: Path, old: bytes) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return "damaged"
    if data == old:
        return "old"
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "damaged"
    return "new" if isinstance(doc, dict) and isinstance(doc.get("lanes"), list) else "damaged"


# -- trials ------------------------------------------------------------------------------------

@dataclass
class Trial:
    index: int
    png: str
    layout: str
    returncode: int
    delay_s: float
    leftovers: list[str] = field(default_factory=list)
    stderr: str = ""

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


def screenshot(main: Path, db: Path, out: Path, layout: Path, size: str,
               env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(main), "--db", str(db), "screenshot", str(out),
                             "--size", size, "--layout", str(layout)],
                            cwd=main.parent, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def run_trial(index: int, main: Path, db: Path, olds: tuple[bytes, bytes], size: str,
              delay: float, scratch: Path, env: dict[str, str]) -> Trial:
    folder = Path(tempfile.mkdtemp(prefix=f"trial-{index:04d}-", dir=scratch))
    out, layout = folder / "OUT.png", folder / "OUT.json"
    out.write_bytes(olds[0])
    layout.write_bytes(olds[1])
    proc = screenshot(main, db, out, layout, size, env)
    try:
        _, err = proc.communicate(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)  # no-op if it has just exited by itself
        _, err = proc.communicate()
    trial = Trial(index=index, png=png_state(out, olds[0]),
                  layout=layout_state(layout, olds[1]), returncode=proc.returncode,
                  delay_s=delay,
                  leftovers=sorted(p.name for p in folder.iterdir()
                                   if p.name not in ("OUT.png", "OUT.json")))
    if proc.returncode not in (0, -signal.SIGKILL):
        trial.stderr = err.decode("utf-8", "replace").strip()[-500:]
    shutil.rmtree(folder, ignore_errors=True)
    return trial


def failed(trial: Trial) -> bool:
    return ("damaged" in (trial.png, trial.layout)
            or trial.returncode not in (0, -signal.SIGKILL)
            or (trial.returncode == 0 and (trial.png, trial.layout) != ("new", "new")))


def summarise(trials: list[Trial], timing: float, size: str, main: Path,
              seconds: float) -> dict[str, Any]:
    def count(pred: Any) -> int:
        return sum(1 for t in trials if pred(t))

    killed = [t.delay_s for t in trials if t.killed]
    return {
        "trials": len(trials),
        "damaged_targets": count(lambda t: t.png == "damaged") + count(
            lambda t: t.layout == "damaged"),
        "damaged_png": count(lambda t: t.png == "damaged"),
        "damaged_layout": count(lambda t: t.layout == "damaged"),
        "png": {state: count(lambda t, s=state: t.png == s) for state in ("old", "new")},
        "layout": {state: count(lambda t, s=state: t.layout == s) for state in ("old", "new")},
        "killed": len(killed),
        "completed": count(lambda t: t.returncode == 0),
        "errors": count(lambda t: t.returncode not in (0, -signal.SIGKILL)),
        # a kill while a file was being written (the hidden temporary file is left)
        "killed_while_writing": count(lambda t: bool(t.leftovers)),
        "killed_at_s": {"min": round(min(killed), 3), "median": round(statistics.median(killed), 3),
                        "max": round(max(killed), 3)} if killed else None,
        "screenshot_s": round(timing, 3),
        "size": size,
        "main": str(main),
        "seconds": round(seconds, 1),
        "code": code_state() if main == MAIN else None,
        "failures": [{"trial": t.index, "png": t.png, "layout": t.layout, "exit": t.returncode,
                      "at_s": round(t.delay_s, 3), "leftovers": t.leftovers, "stderr": t.stderr}
                     for t in trials if failed(t)][:FAILURES_LISTED],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.kill_screenshot",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, required=True, metavar="N")
    parser.add_argument("--size", default="1600x1000", metavar="WxH")
    parser.add_argument("--seed", type=int, default=0, metavar="S")
    parser.add_argument("--kill-from", type=float, default=0.5, metavar="F",
                        help="kill times start at F x the uninterrupted screenshot's time")
    parser.add_argument("--timing-runs", type=int, default=2, metavar="K")
    parser.add_argument("--workdir", type=Path, default=None, metavar="DIR")
    parser.add_argument("--main", type=Path, default=MAIN, metavar="PATH",
                        help="the main.py to run (default: this checkout's)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (args.trials >= 1 and args.timing_runs >= 1 and 0 <= args.kill_from <= KILL_SPREAD):
        parser.error(f"need --trials, --timing-runs >= 1 and 0 <= --kill-from <= {KILL_SPREAD}")
    args.main = args.main.resolve()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    holder = None
    if args.workdir is None:
        holder = tempfile.TemporaryDirectory(prefix="kill-screenshot-")
        workdir = Path(holder.name)
    else:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = app_env(workdir)
    db = workdir / "sample.db"
    for suffix in ("", "-wal", "-journal", "-shm", ".lock"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    made = subprocess.run([sys.executable, str(args.main), "--db", str(db), "import",
                           str(SAMPLE)], cwd=args.main.parent, env=env, capture_output=True,
                          text=True, timeout=300)
    if made.returncode != 0:
        raise SystemExit(f"could not make the store: {made.stderr.strip()}")
    setup = workdir / "setup"
    shutil.rmtree(setup, ignore_errors=True)
    setup.mkdir()
    old_png, old_layout = setup / "old.png", setup / "old.json"
    proc = screenshot(args.main, db, old_png, old_layout, OLD_SIZE, env)
    if proc.wait(timeout=300) != 0:
        raise SystemExit("could not make the old screenshot")
    olds = (old_png.read_bytes(), old_layout.read_bytes())
    timings = []
    for run in range(args.timing_runs):
        began = time.monotonic()
        proc = screenshot(args.main, db, setup / f"t{run}.png", setup / f"t{run}.json",
                          args.size, env)
        if proc.wait(timeout=300) != 0:
            raise SystemExit("an uninterrupted screenshot failed")
        timings.append(time.monotonic() - began)
    timing = min(timings)
    scratch = workdir / "trials"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    rng = random.Random(args.seed)
    trials = []
    for index in range(args.trials):
        delay = rng.uniform(args.kill_from * timing, KILL_SPREAD * timing)
        trial = run_trial(index, args.main, db, olds, args.size, delay, scratch, env)
        trials.append(trial)
        if not args.json:
            print(f"trial {index}: {'killed' if trial.killed else 'finished'} at "
                  f"{delay:.2f} s: png {trial.png}, layout {trial.layout}"
                  f"{', left ' + ' '.join(trial.leftovers) if trial.leftovers else ''}",
                  flush=True)
    shutil.rmtree(scratch, ignore_errors=True)
    report = summarise(trials, timing, args.size, args.main, time.monotonic() - started)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{report['trials']} trials of a {args.size} screenshot ({timing:.2f} s "
              f"uninterrupted): killed {report['killed']}, finished {report['completed']}; "
              f"damaged PNG {report['damaged_png']}, damaged layout {report['damaged_layout']}; "
              f"killed while writing {report['killed_while_writing']}")
        for failure in report["failures"]:
            print(f"  FAILED trial {failure['trial']}: {json.dumps(failure)}")
    if holder is not None:
        holder.cleanup()
    return 1 if any(failed(t) for t in trials) else 0


if __name__ == "__main__":
    sys.exit(main())
