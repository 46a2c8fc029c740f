"""/healthz: up or down for a load balancer, cheap, and saying nothing more."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_says_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_is_one_query_and_sets_no_cookie(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_it_says_unavailable_when_the_database_does_not(client):
    failure = OperationalError('connection to server at "db.internal" failed: password=hunter2')
    with mock.patch("firststep.views.connection.cursor", side_effect=failure):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert b"db.internal" not in response.content
    assert b"hunter2" not in response.content


def test_it_answers_head_for_load_balancers(client):
    assert client.head(reverse("healthz")).status_code == 200


def test_it_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405
