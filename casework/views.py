from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.cases_visible_to(request.user).select_related("branch", "theme")
    return render(request, "casework/case_list.html", {"cases": cases})


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(request.user, reference)
    return render(request, "casework/case_detail.html", {"case": case})
