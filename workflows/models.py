"""Workflow data lives in viewflow's Process and Task; we only add their audit history."""

from simple_history import register
from viewflow.workflow.models import Process, Task

# Every step of the legal route is evidence: who took, assigned, completed or cancelled a task.
for _model in (Process, Task):
    if not hasattr(_model, "history"):
        register(
            _model, app="workflows", table_name=f"workflows_historical{_model._meta.model_name}"
        )
