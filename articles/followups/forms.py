"""The reader's "Have a follow-up question?" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowUpQuestion

# A field people never see (hidden by CSS and from screen readers) that form-filling robots fill.
HONEYPOT = "website"


class FollowUpForm(forms.ModelForm):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    persona = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = FollowUpQuestion
        fields = ["question", "email"]
        labels = {"question": _("Your question"), "email": _("Your email address (optional)")}
        help_texts = {
            "question": _("Please do not include personal health details such as your name or test results."),
            "email": _("Only to tell you when we have answered; deleted after that."),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].error_messages["required"] = _("Please write your question.")
        self.fields["email"].error_messages["invalid"] = _("Please enter an email address like name@example.org, or leave it empty.")

    def clean_question(self):
        return self.cleaned_data["question"].replace("\r\n", "\n").strip()

    @property
    def is_robot(self):
        return bool(self.data.get(HONEYPOT))
