from django.utils import translation

from stakeholders.models import Domain


def test_the_standard_domains_are_seeded_in_both_languages(db):
    assert list(Domain.objects.values_list("code", flat=True)) == [
        "health",
        "education",
        "employment",
        "housing",
        "social-protection",
        "legal-aid",
        "civil-registration",
        "data-statistics",
        "culture-cohesion",
        "urban-planning",
        "governance",
        "vulnerable-migrants",
    ]
    assert not Domain.objects.filter(name_ar="").exists() and not Domain.objects.filter(name_ar=None).exists()
    health = Domain.objects.get(code="health")
    with translation.override("ar"):
        assert str(health) == "الصحة"
    with translation.override("fr"):
        assert str(health) == "Santé"
