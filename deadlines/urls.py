from django.urls import path

from . import views

app_name = "deadlines"

urlpatterns = [
    path("", views.deadline_list, {"scope": "mine"}, name="mine"),
    path("branch/", views.deadline_list, {"scope": "branch"}, name="branch"),
    path("overdue/", views.deadline_list, {"scope": "overdue"}, name="overdue"),
    path("upcoming/", views.deadline_list, {"scope": "upcoming"}, name="upcoming"),
    path("export/<str:scope>/", views.deadline_export, name="export"),
    path("<int:pk>/", views.deadline_detail, name="detail"),
    path("<int:pk>/complete/", views.deadline_complete, name="complete"),
    path("<int:pk>/cancel/", views.deadline_cancel, name="cancel"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
]
