"""Time the treatment directory's search on the real SAMHSA file and on 100,000 facilities.

    .venv/bin/python bench/directory.py            # SQLite (a throwaway file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/directory.py

Works in a throwaway database of its own (Django's test-database machinery with a distinct
name), so nothing else is touched. Prints p50/p95 per data set; targets: p95 <= 50 ms on the
real 12,205 and <= 100 ms at 100,000, on SQLite and PostgreSQL alike.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ would come first on the path and its http.py would shadow the stdlib's.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "firststep.settings")
REAL_FILE = ROOT.parent / "shared" / "data" / "samhsa-substance-use-facilities.csv.gz"
SEARCHES = 150
SYNTHETIC = 100_000
TARGETS_MS = {"real": 50, "synthetic": 100}


def main() -> int:
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    database = connection.settings_dict
    tmp = tempfile.TemporaryDirectory()
    if database["ENGINE"].endswith("sqlite3"):
        # A file, not the in-memory default: closer to how the site runs.
        database["TEST"]["NAME"] = str(Path(tmp.name) / "bench-directory.sqlite3")
    else:
        database["TEST"]["NAME"] = f"{database['NAME']}_bench_directory"
    old = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
        return run()
    finally:
        teardown_databases(old, verbosity=0)
        tmp.cleanup()


def run() -> int:
    from treatment.importers import facility_import
    from treatment.models import Facility

    rng = random.Random(20240601)  # the same searches every run
    started = time.perf_counter()
    report = facility_import(path=REAL_FILE)
    print(
        f"Imported the real file: {report.created} facilities from {report.read} rows"
        f" in {time.perf_counter() - started:.1f} s"
    )
    searches = _searches(rng)
    ok = _time("real", searches)

    real_codes = list(Facility.objects.values_list("service_codes", flat=True))
    Facility.objects.all().delete()
    started = time.perf_counter()
    _make_synthetic(rng, real_codes)
    print(
        f"Made {Facility.objects.count():,} synthetic facilities"
        f" in {time.perf_counter() - started:.1f} s"
    )
    ok = _time("synthetic", searches) and ok
    return 0 if ok else 1


def _searches(rng: random.Random) -> list[str]:
    """Varied searches: ZIPs where facilities are and aren't, cities, radii, filter mixes."""
    from treatment import vocabulary
    from treatment.importers.cleaning import zip_centroids
    from treatment.models import Facility

    facility_zips = list(
        Facility.objects.exclude(zip_code="").values_list("zip_code", flat=True).distinct()
    )
    any_zips = [z for z in zip_centroids() if not z.startswith(("00", "96"))]
    cities = ["New York, NY", "Los Angeles, CA", "Chicago, IL", "Houston, TX", "Denver, CO"]
    cities += ["Baltimore, MD", "Charlottesville, VA", "Boise, ID", "Anchorage, AK"]
    # Written loosely, as people do: the place search must understand these too.
    cities += ["worcester ma", "Denver, Colorado", "ST. LOUIS, MO", "Tuscaloosa"]
    filters = [
        [],
        [("category", "outpatient")],
        [("category", "detox"), ("category", "medication")],
        [("category", "residential")],
        [("medication", "buprenorphine")],
        [("medication", "methadone"), ("payment", "MD")],
        [("payment", "MD"), ("payment", "MC"), ("payment", "SF")],
        [("category", "iop"), ("language", "SP")],
        [("group", "PW"), ("category", "medication")],
        [("telehealth", "1"), ("category", "outpatient")],
        [("category", "aftercare"), ("group", "VET")],
        [("age", "YAD"), ("gender", "FEM"), ("category", "outpatient")],
        [("language", "SP"), ("age", "ADLT")],
    ]
    searches = []
    for n in range(SEARCHES):
        if n % 10 == 0:
            near = rng.choice(cities)
        elif n % 4 == 0:
            near = rng.choice(any_zips)
        else:
            near = rng.choice(facility_zips)
        params = [("near", near), ("radius", rng.choice(vocabulary.RADII))]
        params += rng.choice(filters)
        if n % 7 == 0:
            params.append(("page", "2"))
        searches.append(urlencode(params))
    return searches


def _time(label: str, searches: list[str]) -> bool:
    from django.http import QueryDict

    from treatment.search import facility_search, parse_search

    def one(text: str) -> int:
        params = QueryDict(text)
        parsed = parse_search(params)
        assert parsed.query is not None, (text, parsed.form.errors)
        page = facility_search(query=parsed.query, page=int(params.get("page", 1)))
        [hit.facility.name for hit in page.hits]
        return page.count

    for text in searches[:10]:  # warm the ZIP and city tables and the database's caches
        one(text)
    timings, counts = [], []
    for text in searches:
        started = time.perf_counter()
        counts.append(one(text))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    target = TARGETS_MS[label]
    verdict = "ok" if p95 <= target else "OVER TARGET"
    print(
        f"  {label:9} {len(timings)} searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms,"
        f" max {timings[-1]:.1f} ms (target p95 <= {target} ms: {verdict});"
        f" results per search: median {statistics.median(counts):.0f}, max {max(counts)}"
    )
    return p95 <= target


def _make_synthetic(rng: random.Random, real_codes: list[str]) -> None:
    """100,000 facilities spread over the US: around real ZIP centers, with real code mixes."""
    from django.db import connection, transaction

    from treatment.importers.cleaning import zip_centroids
    from treatment.models import Facility
    from treatment.vocabulary import features_for

    zips = list(zip_centroids().items())
    mixes = [(codes, features_for(codes.split())) for codes in real_codes]
    batch = []
    with transaction.atomic():
        for n in range(SYNTHETIC):
            batch.append(_synthetic(rng, n, zips, mixes))
            if len(batch) == 2000:
                Facility.objects.bulk_create(batch)
                batch = []
        Facility.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _synthetic(rng: random.Random, n: int, zips: list, mixes: list):
    from treatment.models import Facility

    zip_code, (lat, lng) = rng.choice(zips)
    codes, features = rng.choice(mixes)
    return Facility(
        name=f"Synthetic Facility {n}",
        street1=f"{n} Bench Street",
        city="Bench",
        state="VA",
        zip_code=zip_code,
        phone="+14345550100",
        latitude=lat + rng.uniform(-0.05, 0.05),
        longitude=lng + rng.uniform(-0.05, 0.05),
        location_source=Facility.LOCATED_BY_ZIP,
        service_codes=codes,
        features=features,
        source=Facility.SOURCE_DIRECTORY,
        source_id=f"bench:{n}",
    )


if __name__ == "__main__":
    sys.exit(main())
