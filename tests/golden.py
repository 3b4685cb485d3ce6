"""The golden corpus: the seeds and 50 synthetic reports, and the SHA-256 of every output.

``tests/data/golden.json`` records what the code gave when it was last meant to change its
output; ``tests/test_golden.py`` builds everything again and compares byte for byte, so a
refactoring that changes a single table cell, page byte or PDF byte fails.

    .venv/bin/python tests/golden.py --update   # after a change of output that is meant

Parquet files and the manifests are left out: they record library and code versions, not content
(the CSVs hold the same rows). A PDF is compared with its ``/CreationDate`` and ``/ModDate`` blanked
(Chromium stamps the moment of printing there) and the node ids of its tagged structure
(``/ID (node00000066)``, ``/Headers [(node...)]``) blanked: those count the browser's DOM nodes,
which depend on how the browser is driven (Playwright adds a node or two), not on the page.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden.json"
RAW = ROOT / "data" / "raw"
SYNTHETIC = 50
#: The pages printed to PDF (printing all 53 would add half a minute for no new kind of page).
PRINTED = ("comparison.html", "somerset-2016-06.html", "st-helens-2015-07.html")


_VOLATILE = re.compile(rb"(/CreationDate |/ModDate )\(D:[0-9+\-'Z]*\)|(\(node)[0-9]+\)")


def _sha(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        data = _VOLATILE.sub(lambda m: (m[1] or m[2]) + b")", data)
    return hashlib.sha256(data).hexdigest()


def make_corpus(raw: Path) -> None:
    """The seeds and 50 synthetic reports made from them (``benchmarks/synth.py``, seed 0)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    synth.generate(SYNTHETIC, raw)
    for seed in RAW.iterdir():
        shutil.copy(seed, raw / seed.name)


def build(work: Path, *, pdf: bool) -> dict[str, str]:
    """Extract, publish and (if ``pdf``) print the golden corpus under ``work``; file -> SHA-256."""
    from sqs_analysis import cli
    from sqs_analysis.publish import pages

    raw, data, out = work / "raw", work / "data", work / "reports"
    make_corpus(raw)
    assert cli.extract(raw, data, progress=False) == cli.EXIT_OK
    _, failed = pages.publish(data, out, ROOT / "notebooks", jobs=2)
    assert not failed, failed
    sums = {f"tables/{p.name}": _sha(p) for p in sorted(data.glob("*.csv"))}
    sums |= {f"pages/{p.name}": _sha(p) for p in sorted(out.glob("*.html"))}
    if pdf:
        printed = work / "printed"
        printed.mkdir()
        for name in PRINTED:
            shutil.copy(out / name, printed / name)
        command = [sys.executable, "-m", "sqs_analysis.publish.printing", str(printed)]
        subprocess.run([*command, str(printed / "pdf")], check=True, capture_output=True)
        sums |= {f"pdf/{p.name}": _sha(p) for p in sorted((printed / "pdf").glob("*.pdf"))}
    return sums


def main() -> int:
    """``--update``: record the outputs of the code as it is now."""
    if sys.argv[1:] != ["--update"]:
        print(__doc__)
        return 2
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        sums = build(Path(tmp), pdf=True)
    GOLDEN.write_text(json.dumps(sums, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Recorded {len(sums)} outputs in {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
