"""A case's litigation-route actions, mounted under /cases/<reference>/workflow/.

No `app_name`: the names join the `cases` namespace of the case's URL tree (`casework.urls`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("start/", views.case_start, name="workflow_start"),
    path("stop/", views.case_stop, name="workflow_stop"),
    path("interim/", views.interim_open, name="interim_open"),
]
