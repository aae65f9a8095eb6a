from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=50, required=False)


class CorrectionForm(forms.Form):
    page = forms.CharField(label=_("页面地址"), max_length=300, required=False)
    description = forms.CharField(
        label=_("哪里有误"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("例如：数据有误、链接打不开、文字错漏。不超过1000字。"),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["page"].widget.attrs["class"] = "form-control"
