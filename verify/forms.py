"""The verify page's form: a PDF to upload, or a SHA-256 to paste."""

import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_normalise(value: str) -> str:
    """Lower case, without the blanks and colons that copying a hash from a PDF or a tool may add."""
    return re.sub(r"[\s:]", "", value or "").lower()


def is_sha256(value: str) -> bool:
    return bool(_SHA256.fullmatch(value))


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("A PDF document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    sha256 = forms.CharField(
        label=_("or its SHA-256"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("64 hexadecimal characters, as printed on the document or given by a checksum tool."),
    )

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > settings.VERIFY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(settings.VERIFY_MAX_UPLOAD_BYTES)}
            )
        return document

    def clean_sha256(self):
        value = sha256_normalise(self.cleaned_data.get("sha256", ""))
        if value and not is_sha256(value):
            raise forms.ValidationError(_("A SHA-256 is 64 characters, digits 0-9 and letters a-f."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("document") and not cleaned.get("sha256"):
            raise forms.ValidationError(_("Choose a PDF file or paste a SHA-256."))
        return cleaned
