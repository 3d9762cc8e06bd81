"""The publication pages of a case, mounted at /cases/<reference>/publication/ (`cases:` names)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.publication_detail, name="publication"),
    path("start/", views.publication_start, name="publication_start"),
    path("edit/", views.publication_edit, name="publication_edit"),
    path("route/add/", views.route_step_form, name="publication_route_add"),
    path("route/<int:pk>/edit/", views.route_step_form, name="publication_route_edit"),
    path("route/<int:pk>/delete/", views.route_step_delete, name="publication_route_delete"),
    path("documents/add/", views.document_form, name="publication_document_add"),
    path("documents/<int:pk>/edit/", views.document_form, name="publication_document_edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="publication_document_delete"),
    path("check/", views.publication_check, name="publication_check"),
    path("approve/", views.publication_approve, name="publication_approve"),
    path("admin-approve/", views.publication_admin_approve, name="publication_admin_approve"),
    path("publish/", views.publication_publish, name="publication_publish"),
    path("unpublish/", views.publication_unpublish, name="publication_unpublish"),
]
