"""The long fuzz run: `python tests/fuzz/run_fuzz.py [CASES] [--minutes M] [--seed S]` mutates the
real reports of ../shared as the suite's test does and counts the exceptions `parse_bytes` raises,
grouped by type and place, with a reproducible case (source, seed, steps) for each group."""

from __future__ import annotations

import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from mutations import mutate, sources  # noqa: E402

from pipelines.parse import parse_bytes  # noqa: E402


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv and argv[0].isdigit() else 100_000
    minutes = float(argv[argv.index("--minutes") + 1]) if "--minutes" in argv else 600.0
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    files = sources()
    data = [p.read_bytes() for p in files]
    rng = random.Random(seed)
    found: Counter[str] = Counter()
    example: dict[str, str] = {}
    started = time.monotonic()
    done = 0
    while done < cases and time.monotonic() - started < minutes * 60:
        which, case_seed, steps = rng.randrange(len(files)), rng.randrange(2**32), rng.randint(1, 6)
        mutated = mutate(data[which], random.Random(case_seed), steps)
        try:
            parse_bytes(mutated, files[which].name)
        except Exception as exc:  # what the run is looking for
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {str(exc)[:80]}"
            found[key] += 1
            example.setdefault(key, f"source={files[which].name} seed={case_seed} steps={steps}")
        done += 1
        if done % 1000 == 0:
            print(f"{done} cases, {sum(found.values())} exceptions, {time.monotonic() - started:.0f} s", flush=True)
    print(f"{done} cases in {time.monotonic() - started:.0f} s: {sum(found.values())} exceptions, {len(found)} kinds")
    for key, n in found.most_common():
        print(f"  {n:6d}  {key}  (e.g. {example[key]})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
