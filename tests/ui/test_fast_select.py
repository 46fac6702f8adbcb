from django import forms

from ui.forms import DesignsystemetForm, FastSelect


class _Form(DesignsystemetForm, forms.Form):
    kind = forms.ChoiceField(choices=[("", "– Velg –"), ("a", "Å & <b>"), ("b", "B")], required=True)


def test_fast_select_renders_the_same_options_escaped_and_selected():
    form = _Form(data={"kind": "a"})
    html = str(form["kind"])
    assert isinstance(form.fields["kind"].widget, FastSelect)
    opening = html.split(">", 1)[0]
    for attribute in ('name="kind"', 'class="ds-input"', 'id="id_kind"', " required"):
        assert attribute in opening
    assert '<option value="a" selected>Å &amp; &lt;b&gt;</option>' in html
    assert '<option value="b">B</option>' in html
    assert '<option value="">– Velg –</option>' in html
