import datetime as dt

from consultations import demo
from consultations.models import AgendaItem, AgendaSubPoint, Consultation, ConsultationStatus, Invitation, Minutes
from stakeholders.models import Category
from tests.factories import StakeholderFactory


def _agenda(consultation):
    return [
        (
            f"{i.start_time:%H:%M}",
            f"{i.end_time:%H:%M}",
            i.title_fr,
            [p.title_fr for p in i.sub_points.all()],
            i.moderator_display,
            i.shares_slot,
        )
        for i in consultation.agenda_items.order_by("start_time", "position")
    ]


def test_it_reproduces_the_tunis_consultation_of_7_november_2023(city, other_city):
    demo.load(city, {}, other_city=other_city)
    first = Consultation.objects.get(city=city, number=1)
    assert (first.date, first.start_time, first.end_time) == (dt.date(2023, 11, 7), dt.time(10, 30), dt.time(13))
    assert (first.status, first.chatham_house, first.languages) == (ConsultationStatus.CLOSED, True, ["fr", "ar"])
    assert first.title_ar and first.objectives_fr.startswith("L'objectif spécifique de la première consultation")
    moderation = "Souhaib Khayati, Expert local"
    assert _agenda(first) == [
        ("10:30", "10:45", "Discours de bienvenue", ["Projet MC2CM RUCP", "Ville de Tunis"], "", False),
        ("10:45", "11:00", "Tour de table", [], "", False),
        ("11:00", "12:00", "Présentation des termes de référence", [], moderation, False),
        (
            "11:00",
            "12:00",
            "Attribution des rôles de coordination pour chaque partie prenante",
            ["Ville de Tunis"],
            moderation,
            True,
        ),
        ("12:00", "12:30", "Pause café", [], "", False),
        ("12:30", "13:00", "Discussion et étapes futures", [], moderation, False),
    ]
    assert not AgendaItem.objects.filter(consultation=first, title_ar="").exists()
    later = Consultation.objects.filter(city=city, number__gt=1).order_by("number")
    assert [(c.number, c.status, c.date.year) for c in later] == [
        (2, ConsultationStatus.PLANNED, 2024),
        (3, ConsultationStatus.PLANNED, 2024),
        (4, ConsultationStatus.PLANNED, 2024),
    ]
    assert Consultation.objects.filter(city=other_city).count() == 1


def test_it_is_idempotent(city, other_city):
    StakeholderFactory(city=city, category=Category.MUNICIPAL_SERVICE)
    StakeholderFactory(city=city, category=Category.ACADEMIA)
    demo.load(city, {}, other_city=other_city)
    counts = [m.objects.count() for m in (Consultation, AgendaItem, AgendaSubPoint, Invitation, Minutes)]
    demo.load(city, {}, other_city=other_city)
    assert [m.objects.count() for m in (Consultation, AgendaItem, AgendaSubPoint, Invitation, Minutes)] == counts
    assert counts == [5, 6, 3, 2, 1]
    assert list(Invitation.objects.filter(attended=True).values_list("stakeholder__category", flat=True)) == [
        Category.MUNICIPAL_SERVICE
    ]
