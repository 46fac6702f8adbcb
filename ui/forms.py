"""Designsystemet forms: every app's forms mix in DesignsystemetForm."""

import html
import uuid

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_noop

# Django 6.1's label for an empty choice has no Norwegian in Django's own catalogue; naming it here lets
# makemessages keep our «– Velg –» instead of marking it obsolete.
gettext_noop("- Select an option -")


class FastSelect(forms.Select):
    """A <select> whose options are joined with format_html instead of a template each.

    Django renders every <option> through a template; a list of 150 services or 3,000 people then costs tens
    of milliseconds a page. The markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        # Joined with the standard library's escape: format_html per option cost as much as the rest of a page
        # with a list of 150 services.
        options = "".join(
            f'<option value="{_escape(option["value"])}"{" selected" if option["selected"] else ""}>'
            f"{_escape(option['label'])}</option>"
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe(options),  # noqa: S308 (every value escaped above)
        )


def _escape(value) -> str:
    """Django's conditional_escape without its lazy wrapper: what is already safe HTML stays as it is."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


_WIDGET_CLASSES = {
    forms.Select: "ds-input",
    FastSelect: "ds-input",
    forms.SelectMultiple: "ds-input",
    forms.Textarea: "ds-input",
    forms.CheckboxInput: "ds-input",
    forms.CheckboxSelectMultiple: "ds-input",
    forms.RadioSelect: "ds-input",
}


class DesignsystemetForm:
    """Styles widgets as Designsystemet inputs and ties each error to its field for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget.__class__ = FastSelect  # same widget, faster rendering
            css_class = _WIDGET_CLASSES.get(type(field.widget), "ds-input")
            field.widget.attrs.setdefault("class", css_class)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described_by = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": " ".join(described_by)}
                )


class SubmissionKeyMixin:
    """A hidden one-time key, so that a double-clicked submit is stored once (see the services)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"] = forms.UUIDField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4()
