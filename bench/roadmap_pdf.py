"""Roadmap PDF timings: cold and warm (median of 5) per language, for the Tunis demo and a big plan.

    .venv/bin/python bench/roadmap_pdf.py            # the table
    .venv/bin/python bench/roadmap_pdf.py --profile  # plus a cProfile of one warm render per plan (ar)
    .venv/bin/python bench/roadmap_pdf.py --out DIR  # also write the PDFs there (to look at them)
    .venv/bin/python bench/roadmap_pdf.py --memory   # plus the peak memory of one render of the big plan
    .venv/bin/python bench/roadmap_pdf.py --floor    # plus WeasyPrint's floor: the big plan's rows, bare

Runs on a throwaway SQLite database in a temporary folder (dev settings otherwise). Columns: "first" is
the first render of that plan and language (the very first row is the cold one: fonts, stylesheets and
templates load then), "render" the median of 5 renders with the PDF cache bypassed, "cached" the median
of 5 calls of roadmap_pdf once the frozen version's PDF is cached, as the view sees it.
--memory renders the big plan once per language in a fresh process of its own (after one render of the
demo, so that fonts and stylesheets are loaded, as in a worker) and prints that process's resident memory
before the render and at its peak (VmRSS and VmHWM, /proc/self/status), as a worker would see it.
--floor times raw WeasyPrint on the big plan's table rows, texts only, in bare tables (bench/bare.py).
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5


def _setup(tmp: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())


def _frozen_demo_version():
    from cities.models import City
    from planning.models import RoadmapVersion
    from planning.services.roadmap import roadmap_version_freeze

    city = City.objects.get(slug="tunis")
    version = RoadmapVersion.objects.filter(city=city, sha256__gt="").order_by("-number").first()
    if version is None:
        version = RoadmapVersion.objects.get(city=city, status="draft")
        version = roadmap_version_freeze(version=version, user=city.memberships.first().user)
    return version


def _big_plan_version(actions: int, indicators: int):
    """A city of its own with `actions` actions of `indicators` indicators each, frozen."""
    from cities.models import City
    from planning.models import ActionStatus, Frequency, IndicatorType
    from planning.services.actions import action_create
    from planning.services.indicators import indicator_create
    from planning.services.roadmap import roadmap_version_create, roadmap_version_freeze, roadmap_version_update
    from stakeholders.models import Category, Domain, Level
    from stakeholders.services import stakeholder_create

    tunis = City.objects.get(slug="tunis")
    city = City.objects.create(slug="big", name_fr="Grande ville", name_ar="مدينة كبيرة", time_zone="Africa/Tunis")
    domains = list(Domain.objects.order_by("pk")[:6])
    people = [
        stakeholder_create(
            city=city,
            name_fr=f"Partie prenante {n} de la ville",
            name_ar=f"الطرف المعني رقم {n} في المدينة",
            category=Category.values[n % len(Category.values)],
            level=Level.values[n % len(Level.values)],
        )
        for n in range(20)
    ]
    statuses = list(ActionStatus.values)
    for n in range(actions):
        action = action_create(
            city=city,
            title_fr=f"Action {n} : accompagner les nouveaux arrivants vers les services municipaux",
            title_ar=f"الإجراء {n}: مرافقة الوافدين الجدد نحو الخدمات البلدية",
            domain=domains[n % len(domains)],
            lead=people[n % len(people)],
            partners=[people[(n + 1) % len(people)], people[(n + 2) % len(people)]],
            start_month=datetime.date(2024, 1 + n % 12, 1),
            end_month=datetime.date(2025, 1 + n % 12, 1),
            status=statuses[n % len(statuses)],
            budget=Decimal(10000 + 250 * n),
            currency="TND",
            funding_source_fr="Budget municipal",
            funding_source_ar="الميزانية البلدية",
        )
        for k in range(indicators):
            indicator_create(
                action=action,
                name_fr=f"Indicateur {k} : personnes orientées vers un service",
                name_ar=f"المؤشر {k}: الأشخاص الموجهون إلى خدمة",
                kind=IndicatorType.values[k % len(IndicatorType.values)],
                unit_fr="personnes",
                unit_ar="أشخاص",
                baseline_value=Decimal(0),
                baseline_date=datetime.date(2024, 1, 1),
                target_value=Decimal(100 + k),
                target_date=datetime.date(2025, 12, 1),
                means_of_verification_fr="Registre des permanences, rapport trimestriel",
                means_of_verification_ar="سجل الحصص، تقرير فصلي",
                frequency=Frequency.values[k % len(Frequency.values)],
                responsible=people[(n + k) % len(people)],
            )
    draft = roadmap_version_create(city=city)
    roadmap_version_update(
        version=draft,
        introduction_fr="Plan de démonstration à grande échelle.",
        introduction_ar="خطة تجريبية كبيرة.",
        conclusions_fr="",
        conclusions_ar="",
    )
    return roadmap_version_freeze(version=draft, user=tunis.memberships.first().user)


def _render(version, language):
    """One render with the PDF cache bypassed (documents without a cache measure the same)."""
    from planning import documents

    render = getattr(documents, "roadmap_pdf_render", None)
    if render is not None:
        return render(version=version, language=language)
    return documents.roadmap_pdf(version=version, language=language)


def _timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _memory_child(database: str, demo_id: int, version_id: int, language: str) -> None:
    """In a process of its own: warm up on the demo, then one render of the big plan; prints the MiB."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = database
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from planning.models import RoadmapVersion

    _render(RoadmapVersion.objects.get(pk=demo_id), language)
    before = _status_mib("VmRSS")
    _render(RoadmapVersion.objects.get(pk=version_id), language)
    print(f"{before:.0f} {_status_mib('VmHWM'):.0f}")


def _memory(plans: dict, big: str) -> None:
    import subprocess

    from django.db import connection

    database = os.environ["DATABASE_URL"]
    connection.close()
    print(f"\n{'plan':<12} {'lang':<4} {'RSS before MiB':>15} {'peak MiB':>9}")
    for language in ("fr", "ar", "bi"):
        done = subprocess.run(
            [sys.executable, __file__, "--memory-child", database, str(plans["demo"].pk), str(plans[big].pk), language],
            capture_output=True,
            text=True,
            check=True,
        )
        before, peak = done.stdout.split()[-2:]
        print(f"{big:<12} {language:<4} {before:>15} {peak:>9}")


def _floor(version) -> None:
    import weasyprint

    from bench.bare import bare_tables
    from common.pdf import font_config
    from planning.documents import roadmap_pdf_html

    print(f"\n{'lang':<4} {'pages':>5} {'floor s':>7}   (the big plan's rows in bare tables, raw WeasyPrint)")
    for language in ("fr", "ar", "bi"):
        bare = bare_tables(roadmap_pdf_html(version=version, language=language), font_size="8pt")

        def render(bare=bare):
            return weasyprint.HTML(string=bare).write_pdf(font_config=font_config())

        _, data = _timed(render)
        warm = statistics.median(_timed(render)[0] for _ in range(RUNS))
        print(f"{language:<4} {_pages(data):>5} {warm:>7.3f}")


def main() -> None:
    if sys.argv[1:2] == ["--memory-child"]:
        database, demo_id, version_id, language = sys.argv[2:6]
        _memory_child(database, int(demo_id), int(version_id), language)
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=60)
    parser.add_argument("--indicators", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--floor", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="roadmap-pdf-bench-") as tmp:
        started = time.perf_counter()
        _setup(Path(tmp))
        from django.core.cache import cache

        from common.pdf import DocumentLanguage
        from planning import documents

        plans = {"demo": _frozen_demo_version()}
        plans[f"big {args.actions}x{args.indicators}"] = _big_plan_version(args.actions, args.indicators)
        print(f"setup {time.perf_counter() - started:.1f} s", file=sys.stderr)

        rows = []
        for plan, version in plans.items():
            for language in DocumentLanguage.values:
                cache.clear()
                cold, data = _timed(lambda v=version, lang=language: _render(v, lang))
                warm = statistics.median(
                    _timed(lambda v=version, lang=language: _render(v, lang))[0] for _ in range(RUNS)
                )
                cache.clear()
                documents.roadmap_pdf(version=version, language=language)
                cached = statistics.median(
                    _timed(lambda v=version, lang=language: documents.roadmap_pdf(version=v, language=lang))[0]
                    for _ in range(RUNS)
                )
                rows.append((plan, language, _pages(data), len(data), cold, warm, cached))
                if args.out:
                    args.out.mkdir(parents=True, exist_ok=True)
                    (args.out / f"roadmap-{plan.split()[0]}-{language}.pdf").write_bytes(data)

        print(f"{'plan':<12} {'lang':<4} {'pages':>5} {'KiB':>6} {'first s':>7} {'render s':>9} {'cached s':>9}")
        for plan, language, pages, size, cold, warm, cached in rows:
            print(f"{plan:<12} {language:<4} {pages:>5} {size / 1024:>6.0f} {cold:>7.3f} {warm:>9.3f} {cached:>9.4f}")

        if args.memory:
            _memory(plans, f"big {args.actions}x{args.indicators}")

        if args.floor:
            _floor(plans[f"big {args.actions}x{args.indicators}"])

        if args.profile:
            for plan, version in plans.items():
                profiler = cProfile.Profile()
                profiler.runcall(_render, version, "ar")
                print(f"\n--- profile: {plan}, ar, one warm render ---")
                stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative")
                stats.print_stats(40)
                stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
