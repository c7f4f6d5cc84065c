"""One date must not break a city (issue #13).

An editor saved consultation 4 with date=0001-01-01; afterwards the city's calendar feed, the
consultation's .ics and sending invitations answered 500 (OverflowError converting to UTC: midnight
on 1 January of year 1 in Tunis is before the first moment UTC can hold).

1. Every user-entered date or month (common/dates.py: the years 1990 to 2100) is refused outside the
   range, by the model (forms, services, the admin) with a translated message.
2. Rows stored before the rule (or written behind the app's back) still show: every page of the city,
   GET and POST, answers without a server error with such dates in a zone east and a zone west of UTC.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.utils import translation

from cities.models import City
from common.dates import MAX_DATE, MIN_DATE, as_utc, validate_plausible_date
from consultations.models import Consultation, Invitation
from consultations.services import invitations as invitations_services
from inventory.models import Assessment, Programme
from planning.forms import MonthField
from planning.models import Action, Indicator, Measurement, RoadmapApproval
from ratification.forms import PaperDecisionForm
from stakeholders.models import Stakeholder
from terms.forms import VersionStatusForm
from terms.models import TorVersion
from tests.factories import ConsultationFactory, ContactFactory, StakeholderFactory

from .access import access_for
from .kwargs import UnknownKwarg, fill_kwargs
from .urlwalk import walk

D = dt.date
# Every date or month field a user fills in, by model.
USER_DATES = [
    (Consultation, "date"),
    (Action, "start_month"),
    (Action, "end_month"),
    (Indicator, "baseline_date"),
    (Indicator, "target_date"),
    (Measurement, "measured_on"),
    (RoadmapApproval, "decided_on"),
    (Stakeholder, "joined_on"),
    (TorVersion, "presented_on"),
    (Programme, "start_month"),
    (Programme, "end_month"),
    (Assessment, "assessed_on"),
]
# A date and a zone where the consultation's hours have no UTC equivalent: east of Greenwich on the
# first day Python knows, west of it on the last.
EXTREMES = [
    pytest.param(D(1, 1, 1), "Africa/Tunis", id="0001-01-01-Tunis"),
    pytest.param(D(9999, 12, 31), "America/Los_Angeles", id="9999-12-31-Los_Angeles"),
]


@pytest.mark.parametrize("value", [D(1, 1, 1), D(1989, 12, 31), D(2101, 1, 1), D(9999, 12, 31)])
def test_the_validator_refuses_dates_outside_the_range(value):
    with pytest.raises(ValidationError) as error:
        validate_plausible_date(value)
    assert error.value.messages == ["Saisissez une date entre les années 1990 et 2100."]


@pytest.mark.parametrize("value", [MIN_DATE, D(2023, 11, 7), MAX_DATE, None])
def test_the_validator_accepts_dates_inside_the_range(value):
    validate_plausible_date(value)


@pytest.mark.parametrize(("model", "field"), USER_DATES, ids=lambda v: getattr(v, "__name__", v))
def test_every_user_entered_date_field_carries_the_validator(model, field):
    assert validate_plausible_date in model._meta.get_field(field).validators


def test_the_message_is_translated_into_arabic():
    with translation.override("ar"):
        with pytest.raises(ValidationError) as error:
            validate_plausible_date(D(1, 1, 1))
        assert error.value.messages == ["يُرجى إدخال تاريخ بين سنتي 1990 و2100."]


@pytest.mark.parametrize(
    "form",
    [
        lambda v: VersionStatusForm({"status": "presented", "presented_on": v}),
        lambda v: PaperDecisionForm({"decision": "ratified", "signed_name": "A", "decided_on": v}),
    ],
    ids=["tor-presented-on", "paper-decided-on"],
)
def test_forms_with_their_own_date_fields_refuse_it_too(form):
    bound = form("0001-01-01")
    assert not bound.is_valid()
    assert "Saisissez une date entre les années 1990 et 2100." in str(bound.errors)
    assert form("2023-11-07").is_valid()


def test_an_editor_cannot_save_a_consultation_in_year_one(city, eve):
    consultation = ConsultationFactory(city=city, number=4, date=D(2024, 6, 1))
    client = Client()
    client.force_login(eve)
    url = f"/fr/c/tunis/consultations/{consultation.number}/edit/"
    page = client.get(url)
    data = {
        name: value for name, value in page.context["form"].initial.items() if value is not None and name != "languages"
    }
    data.update(date="0001-01-01", start_time="09:00", end_time="13:00", languages=["fr", "ar"])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Saisissez une date entre les années 1990 et 2100." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.date == D(2024, 6, 1)


def test_a_month_outside_the_range_gets_the_range_message(city, eve):
    field = MonthField()
    with pytest.raises(ValidationError) as error:
        field.clean("1989-12")
    assert error.value.messages == ["Saisissez une date entre les années 1990 et 2100."]
    assert field.clean("1990-01") == MIN_DATE
    assert field.clean("2100-T4") == D(2100, 10, 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))), dt.datetime.min),
        (dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8))), dt.datetime.max),
        (dt.datetime(2023, 11, 7, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), dt.datetime(2023, 11, 7, 8, 0)),
    ],
    ids=["year-1-east", "year-9999-west", "ordinary"],
)
def test_as_utc_copes_with_wall_times_utc_cannot_hold(value, expected):
    assert as_utc(value) == expected.replace(tzinfo=dt.UTC)


# --- Rows stored before the rule ----------------------------------------------------------------------------


def _times(value: dt.date) -> dict:
    """Hours that UTC cannot hold on that date in a zone east (year 1) or west (year 9999) of Greenwich."""
    if value.year == 1:
        return {"start_time": dt.time(0, 0), "end_time": dt.time(0, 30)}
    return {"start_time": dt.time(22, 0), "end_time": dt.time(23, 30)}


def _store_extreme_dates(world, value: dt.date) -> None:
    """Every user-entered date of the world's objects set to `value`, behind the validators' back."""
    Consultation.objects.filter(pk=world.get("consultation").pk).update(date=value, **_times(value))
    Action.objects.filter(pk=world.get("action").pk).update(start_month=value.replace(day=1), end_month=value)
    indicator = world.get("indicator")
    # The target comes after the baseline (a database constraint): a day apart, inside Python's range.
    day = dt.timedelta(days=1)
    baseline, target = (value, value + day) if value.year == 1 else (value - day, value)
    Indicator.objects.filter(pk=indicator.pk).update(baseline_date=baseline, target_date=target)
    Measurement.objects.filter(pk=world.get("measurement").pk).update(measured_on=value)
    Stakeholder.objects.filter(pk=world.get("stakeholder").pk).update(joined_on=value)
    TorVersion.objects.filter(pk=world.get("version").pk).update(presented_on=value)


CITY_ROUTES = [r for r in walk() if (a := access_for(r)) is not None and a.kind == "city"]


def _walk(client, world, routes) -> list[str]:
    """Each server error of a GET or POST on these routes."""
    failures = []
    for route in routes:
        try:
            url = route.url(fill_kwargs(route, world))
        except UnknownKwarg:
            continue
        access = access_for(route)
        for method in ("get", "post"):
            if (access.get if method == "get" else access.post) is None:
                continue
            sid = transaction.savepoint()
            try:
                response = getattr(client, method)(url)
            finally:
                transaction.savepoint_rollback(sid)
            if response.status_code >= 500:
                exc = response.exc_info[1] if response.exc_info else None
                failures.append(f"{route.name} {method.upper()} {url}: {type(exc).__name__}: {exc}")
    return failures


def _extreme_world(world, value, zone):
    City.objects.filter(pk=world.city.pk).update(time_zone=zone)
    world.city.time_zone = zone
    for name in ("consultation", "action", "indicator", "measurement", "stakeholder", "version", "invitation"):
        world.get(name)
    _store_extreme_dates(world, value)


@pytest.mark.parametrize(("value", "zone"), EXTREMES)
def test_every_page_copes_with_dates_stored_before_the_rule(value, zone, world, superuser):
    """The calendar feed, the .ics and sending invitations (which attaches it) included."""
    _extreme_world(world, value, zone)
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    failures = _walk(client, world, CITY_ROUTES)
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(("value", "zone"), EXTREMES)
def test_invitations_go_out_for_a_consultation_stored_with_such_a_date(value, zone, city):
    City.objects.filter(pk=city.pk).update(time_zone=zone)
    city.refresh_from_db()
    consultation = ConsultationFactory(city=city, number=1)
    Consultation.objects.filter(pk=consultation.pk).update(date=value, **_times(value))
    consultation.refresh_from_db()
    stakeholder = StakeholderFactory(city=city)
    ContactFactory(stakeholder=stakeholder, is_primary=True, email="amal@example.org")
    result = invitations_services.invitation_send(consultation=consultation, stakeholders=None)
    assert [i.stakeholder for i in result.sent] == [stakeholder]
    invitation = Invitation.objects.get()
    assert invitation.sent_at is not None
