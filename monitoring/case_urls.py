"""A case's follow-up of the Views, mounted under /cases/<reference>/follow-up/.

No `app_name`: the names join the `cases` namespace of the case's URL tree (`casework.urls`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.case_follow_up, name="follow_up"),
    path("record/", views.case_follow_up_record, name="follow_up_record"),
    path("remedies/<int:pk>/edit/", views.case_remedy_edit, name="follow_up_remedy_edit"),
]
