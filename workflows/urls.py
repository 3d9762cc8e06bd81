from django.urls import path
from django.views.generic import RedirectView
from viewflow.workflow.flow import FlowViewset

from . import views
from .flows import InterimMeasuresFlow, LitigationFlow

app_name = "workflows"


class LitigationViewset(FlowViewset):
    """Only the flow's task pages; lists, dashboards and charts are our own pages."""

    index_path = path("", RedirectView.as_view(pattern_name="workflows:inbox"), name="index")
    process_list_path = None
    process_detail_path = None
    process_cancel_path = None
    task_list_path = None
    chart_path = None
    flow_chart_path = None


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="workflows:inbox", permanent=False)),
    path("inbox/", views.task_list, {"tab": "inbox"}, name="inbox"),
    path("queue/", views.task_list, {"tab": "queue"}, name="queue"),
    path("archive/", views.task_list, {"tab": "archive"}, name="archive"),
    path("workload/", views.workload, name="workload"),
    path("workload/<int:user_pk>/", views.lawyer_tasks, name="lawyer_tasks"),
    path("tasks/<int:task_pk>/assign/", views.task_reassign, name="task_reassign"),
    path("", LitigationViewset(LitigationFlow, parent_namespace="workflows").urls),
    path("interim/", LitigationViewset(InterimMeasuresFlow, parent_namespace="workflows").urls),
]
