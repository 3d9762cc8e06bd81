"""The deadlines tab of a case, mounted under /cases/<reference>/deadlines/.

No `app_name`: the name joins the `cases` namespace of the case's URL tree (`casework.urls`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_deadlines, name="deadlines"),
]
