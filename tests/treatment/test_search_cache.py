"""The search page is rendered once per search and cached; any change to the directory shows
in the very next search of the process that made it, and within a second in every other."""

import re

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse, set_script_prefix

from firststep import versions
from tests.treatment.admin_forms import change_form
from treatment import search
from treatment.models import Facility

pytestmark = pytest.mark.django_db
URL = reverse("treatment:search")


@pytest.fixture
def visitor():
    """Someone searching, in a browser of their own (staff_client is the `client` fixture)."""
    return Client()


def _admin_post(staff_client, facility: Facility, **changes) -> None:
    """Save a facility's admin form as staff would, with some fields changed."""
    url, data = change_form(staff_client, facility)
    data["active"] = "on" if facility.active else ""
    data.update(changes)
    data = {name: value for name, value in data.items() if value != ""}  # unticked boxes
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_the_same_search_again_comes_from_the_cache(
    client, make_facility, django_assert_num_queries
):
    make_facility("Blue Ridge Recovery", miles_north=3)
    first = client.get(URL, {"near": "22902", "radius": "25"})
    with django_assert_num_queries(0):  # the directory version was read a moment ago
        again = client.get(URL, {"near": "22902", "radius": "25"})
    assert again.content == first.content
    assert "Blue Ridge Recovery" in again.content.decode()


def test_the_parameters_order_and_stray_ones_share_one_cached_page(
    client, make_facility, django_assert_num_queries
):
    make_facility("Blue Ridge Recovery")
    client.get(URL + "?near=22902&category=outpatient")
    with django_assert_num_queries(0):
        html = client.get(URL + "?utm_source=mail&category=outpatient&near=22902").content
    # Links carry the search, never what else was in one person's URL.
    assert b"utm_source" not in html
    assert b"?near=22902&amp;category=outpatient" in html


def test_filters_pages_and_radii_each_get_their_own_page(client, make_facility):
    make_facility("Talk Therapy Center", codes="SA OP", miles_north=1)
    make_facility("Detox Place", codes="SA DT", miles_north=2)
    make_facility("Far Detox", codes="SA DT", miles_north=40)
    for n in range(21):
        make_facility(f"Clinic {n:02}", codes="SA OP MD", miles_north=3 + n / 10)

    everything = client.get(URL, {"near": "22902"}).content.decode()
    detox = client.get(URL, {"near": "22902", "category": "detox"}).content.decode()
    wider = client.get(URL, {"near": "22902", "category": "detox", "radius": "50"}).content.decode()
    second = client.get(URL, {"near": "22902", "page": "2"}).content.decode()

    assert "23 facilities within 25 miles" in everything and "Page 1 of 2" in everything
    assert "1 facility within 25 miles" in detox and "Talk Therapy Center" not in detox
    assert "2 facilities within 50 miles" in wider and "Far Detox" in wider
    assert "Page 2 of 2" in second and "Clinic 20" in second
    assert "Clinic 20" not in everything


def test_each_language_gets_its_own_page(
    client, settings, make_facility, django_assert_num_queries
):
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    make_facility("Blue Ridge Recovery")
    client.get(URL, {"near": "22902"}, headers={"accept-language": "en"})
    with django_assert_num_queries(3):  # a search of its own, not the English page
        client.get(URL, {"near": "22902"}, headers={"accept-language": "es"})
    with django_assert_num_queries(0):
        client.get(URL, {"near": "22902"}, headers={"accept-language": "es"})


def test_a_staff_correction_shows_in_the_next_search(visitor, staff_client, make_facility):
    facility = make_facility("Blue Ridge Recovery", phone="+14345550100")
    assert "Blue Ridge Recovery" in visitor.get(URL, {"near": "22902"}).content.decode()

    _admin_post(staff_client, facility, name="Blue Ridge Recovery Center", phone="+14345550999")

    html = visitor.get(URL, {"near": "22902"}).content.decode()
    assert "Blue Ridge Recovery Center" in html and "(434) 555-0999" in html


def test_a_facility_staff_deactivate_leaves_the_next_search(visitor, staff_client, make_facility):
    facility = make_facility("Closed Clinic")
    assert "Closed Clinic" in visitor.get(URL, {"near": "22902"}).content.decode()

    _admin_post(staff_client, facility, active="")

    html = visitor.get(URL, {"near": "22902"}).content.decode()
    assert "Closed Clinic" not in html and "0 facilities within 25 miles" in html


def test_a_facility_staff_delete_leaves_the_next_search(visitor, staff_client, make_facility):
    facility = make_facility("Duplicate Entry")
    assert "Duplicate Entry" in visitor.get(URL, {"near": "22902"}).content.decode()

    url = reverse("admin:treatment_facility_delete", args=[facility.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302

    assert "Duplicate Entry" not in visitor.get(URL, {"near": "22902"}).content.decode()


def test_bulk_changes_move_the_version_on_too(client, make_facility):
    facility = make_facility("Blue Ridge Recovery")
    client.get(URL, {"near": "22902"})

    Facility.objects.filter(pk=facility.pk).update(name="Renamed in bulk")

    assert "Renamed in bulk" in client.get(URL, {"near": "22902"}).content.decode()


def test_a_reimport_with_a_changed_file_shows_in_the_next_search(client, fixture_file):
    call_command("import_facilities", str(fixture_file("directory-small.csv")), verbosity=0)
    charlottesville = client.get(URL, {"near": "22902"}).content.decode()
    denver = client.get(URL, {"near": "Denver, CO"}).content.decode()
    assert "(434) 555-0100" in charlottesville and "New Hope Center" not in denver

    call_command("import_facilities", str(fixture_file("directory-newer.csv")), verbosity=0)

    charlottesville = client.get(URL, {"near": "22902"}).content.decode()
    denver = client.get(URL, {"near": "Denver, CO"}).content.decode()
    assert "(434) 555-0199" in charlottesville and "(434) 555-0100" not in charlottesville
    assert "New Hope Center" in denver


def test_a_change_committed_by_another_process_shows_within_a_second(client, make_facility, clock):
    """Another process (an import, a staff member on another worker) shares only the database:
    this process reads the version from it again once a second."""
    facility = make_facility("Blue Ridge Recovery")
    client.get(URL, {"near": "22902"})
    with connection.cursor() as cursor:  # what that process's transaction commits
        cursor.execute(
            "UPDATE treatment_facility SET name = %s WHERE id = %s",
            ["Renamed elsewhere", facility.pk],
        )
        cursor.execute("UPDATE treatment_directoryversion SET number = number + 1")

    clock.advance(versions.RECHECK_SECONDS)
    assert "Renamed elsewhere" in client.get(URL, {"near": "22902"}).content.decode()


def test_the_directory_version_is_read_at_most_once_a_second(
    client, make_facility, clock, django_assert_num_queries
):
    make_facility("Blue Ridge Recovery")
    client.get(URL, {"near": "22902"})
    clock.advance(versions.RECHECK_SECONDS * 0.9)
    with django_assert_num_queries(0):
        client.get(URL, {"near": "22902"})
    clock.advance(versions.RECHECK_SECONDS * 0.1)
    with django_assert_num_queries(1):  # the version again; the page is still the same
        client.get(URL, {"near": "22902"})


def test_a_search_with_errors_is_not_kept(client, monkeypatch):
    parses = []
    parse = search.parse_search
    monkeypatch.setattr(search, "parse_search", lambda params: parses.append(1) or parse(params))
    for _ in range(2):
        html = client.get(URL, {"near": "12 Elm Street, apt 4"}).content.decode()
        assert "We could not find that place" in html
        assert 'value="12 Elm Street, apt 4"' in html
    assert len(parses) == 2  # parsed and rendered each time: what was typed is not cached


def test_the_page_before_any_search_still_works_and_is_cached(client, django_assert_num_queries):
    first = client.get(URL)
    with django_assert_num_queries(0):
        again = client.get(URL)
    assert again.content == first.content
    assert re.search(rb'name="near"', again.content) and b"results-title" not in again.content


# Each facility's card is kept too (treatment_tags.facility_card), so a search nobody has made
# before reuses the cards of facilities other searches listed.


def _card_renders(monkeypatch) -> list[str]:
    """The names of the facilities whose card is rendered from here on."""
    from treatment.templatetags import treatment_tags

    rendered = []
    real = treatment_tags.render_to_string

    def recording(template_name, context=None, *args, **kwargs):
        rendered.append(context["facility"].name)
        return real(template_name, context, *args, **kwargs)

    monkeypatch.setattr(treatment_tags, "render_to_string", recording)
    return rendered


def test_a_new_search_reuses_the_cards_other_searches_rendered(client, make_facility, monkeypatch):
    make_facility("Blue Ridge Recovery", miles_north=3)
    make_facility("Far Detox", codes="SA DT", miles_north=40)
    rendered = _card_renders(monkeypatch)

    client.get(URL, {"near": "22902"})
    wider = client.get(URL, {"near": "22902", "radius": "50"}).content.decode()

    assert rendered == ["Blue Ridge Recovery", "Far Detox"]
    assert "Blue Ridge Recovery" in wider and "Far Detox" in wider


def test_a_reused_card_shows_each_search_its_own_distance_and_link(client, make_facility):
    facility = make_facility("Blue Ridge Recovery", miles_north=3)
    place = search.find_place("22903")
    miles = search.miles_between(
        place.latitude, place.longitude, facility.latitude, facility.longitude
    )

    here = client.get(URL, {"near": "22902"}).content.decode()
    there = client.get(URL, {"near": "22903", "category": "outpatient"}).content.decode()

    link = reverse("treatment:facility", args=[facility.pk])
    assert "3.0 miles away" in here and f'href="{link}?near=22902"' in here
    assert f"{round(miles, 1)} miles away" in there and "3.0 miles away" not in there
    assert f'href="{link}?near=22903&amp;category=outpatient"' in there


def test_a_correction_shows_in_a_search_nobody_made_before(visitor, staff_client, make_facility):
    facility = make_facility("Blue Ridge Recovery", phone="+14345550100")
    assert "(434) 555-0100" in visitor.get(URL, {"near": "22902"}).content.decode()

    _admin_post(staff_client, facility, phone="+14345550999")

    html = visitor.get(URL, {"near": "22902", "radius": "50"}).content.decode()
    assert "(434) 555-0999" in html and "(434) 555-0100" not in html


def test_a_card_made_from_rows_read_before_a_change_is_not_kept_as_new(
    client, make_facility, monkeypatch, clock
):
    """Another process commits a change while this one renders a search from the rows it
    read before: the cards made from those rows must not be filed under the new version."""
    from treatment import views

    facility = make_facility("Blue Ridge Recovery")
    real_search = views.facility_search

    def search_then_another_process_commits(**kwargs):
        page = real_search(**kwargs)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE treatment_facility SET name = %s WHERE id = %s",
                ["Renamed elsewhere", facility.pk],
            )
            cursor.execute("UPDATE treatment_directoryversion SET number = number + 1")
        clock.advance(versions.RECHECK_SECONDS)
        return page

    monkeypatch.setattr(views, "facility_search", search_then_another_process_commits)
    assert "Blue Ridge Recovery" in client.get(URL, {"near": "22902"}).content.decode()
    monkeypatch.setattr(views, "facility_search", real_search)

    html = client.get(URL, {"near": "22902", "radius": "50"}).content.decode()
    assert "Renamed elsewhere" in html and "Blue Ridge Recovery" not in html


def test_a_facility_that_could_not_be_placed_keeps_its_distance_unknown(client, make_facility):
    make_facility("Unplaced Clinic", latitude=None, longitude=None)
    make_facility("Placed Clinic", miles_north=2)
    for radius in ("25", "50"):  # the second page reuses both cards
        html = client.get(URL, {"near": "22902", "radius": radius}).content.decode()
        unplaced = re.search(r"Unplaced Clinic.*?</li>", html, re.S)[0]
        placed = re.search(r"Placed Clinic</a>.*?</li>", html, re.S)[0]
        assert "Distance unknown" in unplaced and "miles away" not in unplaced
        assert "2.0 miles away" in placed and "Distance unknown" not in placed


def test_cards_link_under_the_prefix_the_site_is_served_under(client, make_facility):
    facility = make_facility("Blue Ridge Recovery")
    link = reverse("treatment:facility", args=[facility.pk])
    client.get(URL, {"near": "22902"})
    set_script_prefix("/firststep/")  # the site served under /firststep/ by a proxy
    try:
        mounted = client.get(URL, {"near": "22902", "radius": "50"}).content.decode()
    finally:
        set_script_prefix("/")
    assert f'href="/firststep{link}?near=22902&amp;radius=50"' in mounted


@pytest.mark.parametrize(
    "written",
    [
        "visitorValuePlaceholdercsrf_tokenForSharedPagesEnd",
        "visitorValuePlaceholder0123456789abcdefcsrf_tokenForSharedPagesEnd",  # a guess
    ],
)
def test_text_in_a_search_url_is_never_taken_for_a_placeholder(client, make_facility, written):
    """A search page repeats its parameters in its links; a visitor who writes what a shared
    page's placeholder looks like must not get someone's values put in there."""
    make_facility("Blue Ridge Recovery")
    response = client.get(URL, {"near": "22902", "telehealth": written})
    html = response.content.decode()
    assert f"telehealth={written}" in html
    assert "csrftoken" not in response.cookies


def test_cards_are_kept_apart_from_the_pages(client, make_facility):
    """Twenty cards come with every new search: in the pages' cache they would push out
    pages that cost ten times as much to render."""
    make_facility("Blue Ridge Recovery")
    make_facility("Far Detox", miles_north=20)
    client.get(URL, {"near": "22902"})
    cards = [key for key in caches["facility_cards"]._cache if ":facility-card:" in key]
    assert len(cards) == 2
    assert not [key for key in caches["fragments"]._cache if ":facility-card:" in key]


def test_a_card_without_the_pages_directory_version_is_refused(make_facility):
    """A card filed under anything but the page's version would outlive every correction."""
    from treatment.templatetags.treatment_tags import facility_card

    hit = search.Hit(make_facility("Blue Ridge Recovery"), 1.0)
    with pytest.raises(TypeError):
        facility_card(hit, "near=22902", "")
