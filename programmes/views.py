"""The programme pages: read-only, GET only, for the programme's members (404 for anyone else)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_safe

from common.pdf import DocumentLanguage
from common.responses import pdf_response, xlsx_response

from . import documents, exports, selectors


def _programme_or_404(request, slug):
    programme = selectors.programme_get_for_user(user=request.user, slug=slug)
    if programme is None:
        raise Http404
    return programme


@login_required
@require_safe
def programme_list(request):
    page = Paginator(selectors.programme_list_for_user(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "programmes/programme_list.html", {"page": page, "programmes": page.object_list})


@login_required
@require_safe
def dashboard(request, slug):
    programme = _programme_or_404(request, slug)
    overview = selectors.programme_overview(programme=programme)
    return render(
        request,
        "programmes/dashboard.html",
        {"programme": programme, "overview": overview, "pdf_languages": DocumentLanguage.choices},
    )


@login_required
@require_safe
def dashboard_xlsx(request, slug):
    programme = _programme_or_404(request, slug)
    data = exports.overview_xlsx_bytes(selectors.programme_overview(programme=programme), rtl=get_language_bidi())
    return xlsx_response(data, f"programme-{programme.slug}-{get_language()}.xlsx")


@login_required
@require_safe
def dashboard_pdf(request, slug, language):
    if language not in DocumentLanguage.values:
        raise Http404
    programme = _programme_or_404(request, slug)
    data = documents.overview_pdf(programme=programme, language=language)
    return pdf_response(data, f"programme-{programme.slug}-{language}.pdf", attachment=True)
