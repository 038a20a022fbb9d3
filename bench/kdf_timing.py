"""Time one Argon2id derivation with KdfParams.DEFAULT, the cost of every unlock.

Run: .venv/bin/python bench/kdf_timing.py [repeats]
Prints the median and the spread in seconds, plus the CPU model and core count, because
the figure only means something together with the machine it was measured on.
"""

import os
import platform
import statistics
import sys
import time

from stalking_tui.storage.keyslots import KdfParams, _derive


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    params = KdfParams.DEFAULT
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        _derive(b"bench passphrase", os.urandom(16), params)
        timings.append(time.perf_counter() - start)

    print(f"params: {params.model_dump()}")
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"median {statistics.median(timings):.3f} s, min {min(timings):.3f} s, max {max(timings):.3f} s over {repeats} runs")


if __name__ == "__main__":
    main()
