"""Ratification record PDF timings: 200 stakeholders (the benchmark's record), in French, Arabic and both.

    .venv/bin/python bench/record_pdf.py                 # the table
    .venv/bin/python bench/record_pdf.py --profile       # plus a cProfile of one warm render (fr)
    .venv/bin/python bench/record_pdf.py --out DIR       # also write the PDFs and their pages as PNG
    .venv/bin/python bench/record_pdf.py --stakeholders 50
    .venv/bin/python bench/record_pdf.py --floor         # plus WeasyPrint's floor: the rows' texts, bare

Runs on a throwaway SQLite database in a temporary folder with the benchmark's settings and data
(bench/scenario.py: `generate_scale_data`, a final ToR version with a role for each stakeholder,
every request decided). Columns: "first" is the first render of that language (the very first row
is the cold one: fonts, stylesheet and templates load then), "wall" and "cpu" the medians of 5 warm
renders (cpu: this process's CPU time, which other work on a shared machine does not inflate).
--out also runs `pdftoppm -r 50 -png` on each PDF, to look at the pages.
--floor also times raw WeasyPrint on the same rows' texts in a bare table (bench/bare.py): what no
styling of the record can go under with this engine on this machine.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5


def _setup(tmp: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'record.sqlite3'}"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def _version(stakeholders: int):
    """The benchmark's record: every active stakeholder with a role, a request and a decision."""
    from django.utils import timezone

    from bench import scenario as sc
    from terms.models import RatificationRequest, RatificationStatus

    scenario = sc.build_registry(stakeholders)
    scenario.city.stakeholders.update(is_active=True)
    version = sc.build_terms(scenario)
    RatificationRequest.objects.filter(version=version, status=RatificationStatus.PENDING).update(
        status=RatificationStatus.RATIFIED, decided_at=timezone.now(), signed_name="Bench Contact", channel="link"
    )
    return version


def _timed(function) -> tuple[float, float, bytes]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _floor(version) -> None:
    import weasyprint

    from bench.bare import bare_tables
    from common.pdf import font_config
    from terms.documents import ratification_record_html

    print(f"\n{'lang':<4} {'pages':>5} {'floor s':>7}   (bare table of the same texts, raw WeasyPrint, cpu)")
    for language in ("fr", "ar"):
        bare = bare_tables(ratification_record_html(version=version, language=language))

        def render(bare=bare):
            return weasyprint.HTML(string=bare).write_pdf(font_config=font_config())

        _, _, data = _timed(render)
        cpu = statistics.median(_timed(render)[1] for _ in range(RUNS))
        print(f"{language:<4} {_pages(data):>5} {cpu:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stakeholders", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--floor", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="record-pdf-bench-") as tmp:
        started = time.perf_counter()
        _setup(Path(tmp))
        from common.pdf import DocumentLanguage
        from terms.documents import ratification_record_pdf

        version = _version(args.stakeholders)
        rows = version.ratification_requests.count()
        print(f"setup {time.perf_counter() - started:.1f} s, {rows} requests", file=sys.stderr)

        table = []
        for language in DocumentLanguage.values:

            def render(lang=language):
                return ratification_record_pdf(version=version, language=lang)

            first, _, data = _timed(render)
            warm = [_timed(render) for _ in range(RUNS)]
            wall = statistics.median(w for w, _, _ in warm)
            cpu = statistics.median(c for _, c, _ in warm)
            table.append((language, _pages(data), len(data), first, wall, cpu))
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                pdf = args.out / f"record-{language}.pdf"
                pdf.write_bytes(data)
                subprocess.run(
                    ["pdftoppm", "-r", "50", "-png", str(pdf), str(args.out / f"record-{language}")], check=True
                )

        print(f"{'lang':<4} {'pages':>5} {'KiB':>6} {'first s':>7} {'wall s':>7} {'cpu s':>7}   ({rows} stakeholders)")
        for language, pages, size, first, wall, cpu in table:
            print(f"{language:<4} {pages:>5} {size / 1024:>6.0f} {first:>7.3f} {wall:>7.3f} {cpu:>7.3f}")

        if args.floor:
            _floor(version)

        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(ratification_record_pdf, version=version, language="fr")
            print("\n--- profile: fr, one warm render ---")
            stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
            stats.print_stats(45)
            stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
