"""The recommendations register, mounted at /monitoring/."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.register, name="register"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("new/", views.recommendation_form, name="recommendation_add"),
    path("import/", views.import_page, name="import"),
    path("report/", views.report_page, name="report"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation"),
    path("<int:pk>/edit/", views.recommendation_form, name="recommendation_edit"),
    path("<int:pk>/assess/", views.assessment_add, name="assessment_add"),
    path("<int:pk>/links/", views.recommendation_links, name="recommendation_links"),
]
