"""Remedy's URLs plus one page nobody wrote an expectation for (matrix self-test)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as remedy_urlpatterns

urlpatterns = [
    *remedy_urlpatterns,
    path("brand-new-page/", lambda request: HttpResponse("new"), name="brand_new_page"),
]
