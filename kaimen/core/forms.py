"""The forms every app builds on: Bootstrap-styled widgets, plain-LF text, the optimistic
`version` field and formsets of typed-in rows."""

from typing import Any

from django import forms


class BootstrapMixin:
    """Give widgets Bootstrap classes, and mark the fields in error as invalid."""

    fields: dict[str, forms.Field]

    def style_widgets(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            errors = getattr(self, "_errors", None)  # never validate just to style
            if errors and name in errors:
                css += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
            else:
                widget.attrs.pop("aria-invalid", None)
            widget.attrs["class"] = css


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_widgets()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self.style_widgets()


class TextField(forms.CharField):
    """Multi-line text: browsers send CRLF line ends; store plain LF so unchanged text compares
    equal to what is stored (a repeated save stays a no-op)."""

    def __init__(self, *, rows: int = 4, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class BaseRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """Rows typed in and not marked for deletion, in order (the forms the service sees)."""

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def used_forms(self) -> list[Any]:
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.is_blank()
            and not form.cleaned_data.get("DELETE")
        ]
