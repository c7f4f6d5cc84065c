import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratification.services import ratification_readiness
from stakeholders.models import Domain
from terms.kind import TOR_RATIFICATION
from terms.models import CoordinationRole, RoleAssignment, TorVersion, VersionStatus
from terms.selectors import matrix_stakeholders, role_matrix
from terms.services.roles import role_assignment_add, role_assignment_remove
from tests.factories import ContactFactory, RoleAssignmentFactory, StakeholderFactory, TorVersionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def role(code):
    return CoordinationRole.objects.get(code=code)


def test_the_catalogue_is_seeded_in_both_languages():
    assert list(CoordinationRole.objects.values_list("code", "name_fr", "name_ar")) == [
        ("lead-coordinator", "Coordinateur principal", "المنسّق الرئيسي"),
        ("secretariat", "Secrétariat", "الأمانة"),
        ("thematic-focal-point", "Point focal thématique", "نقطة الاتصال المحورية"),
        ("me-focal-point", "Point focal suivi et évaluation", "نقطة الاتصال للمتابعة والتقييم"),
        ("communication-focal-point", "Point focal communication", "نقطة الاتصال للتواصل"),
        ("member", "Membre", "عضو"),
    ]


def test_the_matrix_puts_roles_in_domain_cells_and_flags_gaps(city, final_version):
    health, housing = Domain.objects.get(code="health"), Domain.objects.get(code="housing")
    a = StakeholderFactory(city=city, name_fr="A")
    b = StakeholderFactory(city=city, name_fr="B")
    StakeholderFactory(city=city, name_fr="C")  # active, no role
    StakeholderFactory(city=city, name_fr="D", is_active=False)  # inactive, no role: not listed
    RoleAssignmentFactory(version=final_version, stakeholder=a, role=role("thematic-focal-point"), domain=health)
    RoleAssignmentFactory(version=final_version, stakeholder=a, role=role("secretariat"))
    RoleAssignmentFactory(version=final_version, stakeholder=b, role=role("member"), domain=housing)

    stakeholders = list(matrix_stakeholders(version=final_version))
    assert [s.name_fr for s in stakeholders] == ["A", "B", "C"]
    matrix = role_matrix(version=final_version, stakeholders=stakeholders)
    domains = [d.code for d in matrix.domains]
    row_a, row_b, row_c = matrix.rows
    assert [a.role.code for a in row_a.cells[domains.index("health")]] == ["thematic-focal-point"]
    assert [a.role.code for a in row_a.general] == ["secretariat"]
    assert [a.role.code for a in row_b.cells[domains.index("housing")]] == ["member"]
    assert (row_a.has_role, row_b.has_role, row_c.has_role) == (True, True, False)
    # Health is led (a thematic focal point); housing has only a member: not led.
    unled = {d.code for d in matrix.unled_domains}
    assert "health" not in unled and "housing" in unled
    assert len(unled) == Domain.objects.count() - 1
    assert matrix.without_role_count == 1


def test_an_inactive_stakeholder_holding_a_role_is_still_listed(city, final_version):
    gone = StakeholderFactory(city=city, name_fr="Ancien", is_active=False)
    RoleAssignmentFactory(version=final_version, stakeholder=gone)
    assert [s.name_fr for s in matrix_stakeholders(version=final_version)] == ["Ancien"]


def test_assignments_refuse_duplicates_and_other_cities(city, other_city, tor):
    version = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    s = StakeholderFactory(city=city)
    role_assignment_add(version=version, stakeholder=s, role=role("member"))
    with pytest.raises(ValidationError, match="already holds"):
        role_assignment_add(version=version, stakeholder=s, role=role("member"))
    with pytest.raises(ValidationError, match="another city"):
        role_assignment_add(version=version, stakeholder=StakeholderFactory(city=other_city), role=role("member"))
    # The same role for two domains is two assignments.
    role_assignment_add(version=version, stakeholder=s, role=role("member"), domain=Domain.objects.get(code="health"))
    assert RoleAssignment.objects.filter(version=version, stakeholder=s).count() == 2


def test_a_domain_has_one_lead_and_the_matrix_warns_of_a_domain_the_stakeholder_does_not_work_in(
    client, alice, city, tor
):
    # Issue 12: the matrix accepted a second lead and a focal point outside the stakeholder's domains.
    version = TorVersionFactory(tor=tor, status=VersionStatus.PRESENTED)
    health = Domain.objects.get(code="health")
    lead_role = CoordinationRole.objects.filter(leads_domain=True).first()
    first, second = StakeholderFactory(city=city, name_fr="Premier pilote"), StakeholderFactory(city=city)
    first.domains.add(health)
    role_assignment_add(version=version, stakeholder=first, role=lead_role, domain=health)
    with pytest.raises(ValidationError, match="Premier pilote"):
        role_assignment_add(version=version, stakeholder=second, role=lead_role, domain=health)

    client.force_login(alice)
    member = role("member")
    url = f"/fr/c/{city.slug}/terms/v/{version.number}/roles/"
    response = client.post(url, {"stakeholder": second.pk, "role": member.pk, "domain": health.pk}, follow=True)
    page = response.content.decode()
    assert "Rôle attribué" in page
    assert "n’intervient pas dans" in page
    # Removing asks first, and the remove button reads on a lead's blue chip.
    page = client.get(url).content.decode()
    assert 'data-confirm="Retirer le rôle' in page
    assert "role-remove text-white" in page


def test_roles_lock_once_ratification_starts(city, final_version):
    s = StakeholderFactory(city=city)
    assignment = RoleAssignmentFactory(version=final_version, stakeholder=s)
    TorVersion.objects.filter(pk=final_version.pk).update(ratification_sent_at=timezone.now())
    final_version.refresh_from_db()
    with pytest.raises(ValidationError, match="locked"):
        role_assignment_add(version=final_version, stakeholder=s, role=role("secretariat"))
    with pytest.raises(ValidationError, match="locked"):
        role_assignment_remove(assignment=assignment)


def test_readiness_lists_active_stakeholders_without_role_or_contact_email(city, final_version):
    ok = StakeholderFactory(city=city, name_fr="Complet")
    ContactFactory(stakeholder=ok)
    RoleAssignmentFactory(version=final_version, stakeholder=ok)
    no_role = StakeholderFactory(city=city, name_fr="Sans rôle")
    ContactFactory(stakeholder=no_role)
    no_email = StakeholderFactory(city=city, name_fr="Sans courriel")
    ContactFactory(stakeholder=no_email, email="")
    RoleAssignmentFactory(version=final_version, stakeholder=no_email)
    secondary_only = StakeholderFactory(city=city, name_fr="Contact secondaire")
    ContactFactory(stakeholder=secondary_only, is_primary=False)
    RoleAssignmentFactory(version=final_version, stakeholder=secondary_only)
    StakeholderFactory(city=city, name_fr="Inactif", is_active=False)

    readiness = ratification_readiness(TOR_RATIFICATION, version=final_version)
    without_role, without_contact = ([s.name_fr for s in gap.stakeholders] for gap in readiness.gaps)
    assert without_role == ["Sans rôle"]
    assert without_contact == ["Contact secondaire", "Sans courriel"]
    assert not readiness.ready
