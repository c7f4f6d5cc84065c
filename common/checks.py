"""System checks of the plumbing: a deployment that would issue unsigned documents says so.

Informational (`check --deploy` shows them, `--fail-level WARNING` passes): a site may run before its
certificate arrives; the verify page then says "not signed" of what it issued meanwhile."""

from django.core.checks import Info, register

from .signing import signing_available, signing_is_demo


@register(deploy=True)
def signing_certificate_check(app_configs, **kwargs):
    """`check --deploy` says when documents would go out unsigned, or signed with the demo certificate."""
    if not signing_available():
        return [
            Info(
                "No signing certificate: records and frozen versions are issued unsigned.",
                hint="Set SIGNING_PKCS12_PATH and SIGNING_PKCS12_PASSPHRASE (or run `manage.py signing_setup` for a demo).",
                id="common.I001",
            )
        ]
    if signing_is_demo():
        return [
            Info(
                "Documents are signed with the self-signed demo certificate of `signing_setup`.",
                hint="Use a certificate from an authority the verifiers trust (SIGNING_PKCS12_PATH, SIGNING_TRUST_ROOTS).",
                id="common.I002",
            )
        ]
    return []
