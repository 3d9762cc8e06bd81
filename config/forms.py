"""How every form of Remedy renders: Bootstrap 5, through Django's form renderer.

`FORM_RENDERER` points here. The renderer gives each field Bootstrap's classes (`is-invalid` when
the field has errors) through its BoundField, and renders a field as one Bootstrap field group
(`templates/forms/field.html`); `templates/_form_fields.html` lays the fields of a form out. So
our forms, django-two-factor-auth's login wizard and every future form look alike without a mixin
or a hand-written loop per form.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


def bootstrap_class(widget: forms.Widget) -> str:
    if isinstance(widget, CHECK_WIDGETS):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


class BootstrapBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = [widget.attrs.get("class", ""), attrs.get("class", ""), bootstrap_class(widget)]
        if self.form.is_bound and self.errors:
            classes.append("is-invalid")
            attrs.setdefault("aria-invalid", "true")
        attrs["class"] = " ".join(dict.fromkeys(c for c in " ".join(classes).split() if c))
        return attrs


class BootstrapFormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
    bound_field_class = BootstrapBoundField
