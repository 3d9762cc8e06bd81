"""Forms of the publication pages: the working copy, a step of the route, a public document."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import CovenantArticle, Document, Region

from .models import PUBLIC_DOCUMENT_TEXT, Publication, PublicDocument, RouteStep


class PublicationForm(forms.ModelForm):
    article_numbers = forms.TypedMultipleChoiceField(
        label=_("Covenant articles"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decided_on = forms.DateField(
        label=_("adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Publication
        fields = [
            "title_ru",
            "summary_ru",
            "title_kk",
            "summary_kk",
            "title_en",
            "summary_en",
            "article_numbers",
            "theme",
            "region",
            "outcome",
            "decided_on",
            "views_symbol",
            "views_url",
            "follow_up_grade",
        ]
        widgets = {
            "summary_ru": forms.Textarea(attrs={"rows": 6}),
            "summary_kk": forms.Textarea(attrs={"rows": 6}),
            "summary_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article_numbers"].choices = [
            (a.number, str(a)) for a in CovenantArticle.objects.all()
        ]
        self.fields["region"].queryset = Region.objects.order_by("valid_to", "name")
        self.fields["region"].label_from_instance = lambda region: region.label()
        self.fields["follow_up_grade"].label_from_instance = lambda grade: (
            f"{grade.code} — {grade.localized_label().marked}"
        )


class RouteStepForm(forms.ModelForm):
    filed_month = forms.DateField(
        label=_("filed (month)"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    decided_month = forms.DateField(
        label=_("decided (month)"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    class Meta:
        model = RouteStep
        fields = [
            "order",
            "level",
            "procedure_type",
            "body_en",
            "body_ru",
            "body_kk",
            "filed_month",
            "decided_month",
            "outcome",
        ]
        help_texts = {"body_en": _("The court or body, never the judge's name.")}


class PublicDocumentForm(forms.ModelForm):
    source = forms.ModelChoiceField(
        label=_("Document of the case"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("Its text is taken from the file; the file itself is never published."),
    )
    text = forms.CharField(
        label=_("text to publish"),
        required=False,
        max_length=PUBLIC_DOCUMENT_TEXT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Leave empty to take the text from the document; then anonymise it here."),
    )

    class Meta:
        model = PublicDocument
        fields = ["source", "title", "language", "text"]

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = Document.objects.filter(case=case)
        if self.instance.pk:
            del self.fields["source"]
            self.fields["text"].required = True
