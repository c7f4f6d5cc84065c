"""A script in bench/ never takes an app's name: bench/run.py runs with bench/ first on sys.path, where
bench/imports.py once hid the `imports` app and broke every page of the benchmark."""

from pathlib import Path

from django.apps import apps

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_no_bench_script_is_named_after_an_app():
    labels = {config.name.split(".")[0] for config in apps.get_app_configs()}
    clashes = sorted(p.stem for p in BENCH.glob("*.py") if p.stem in labels)
    assert clashes == []
