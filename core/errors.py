"""Error reporting: Sentry (or any service speaking its protocol, e.g. GlitchTip) when SENTRY_DSN is set."""

from core.requestid import current_request_id


def sentry_init(*, dsn: str, environment: str = "production", release: str = "") -> bool:
    """Start the Sentry SDK for Django when ``dsn`` is set; False (and nothing imported) when it is empty."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,  # no user names, cookies or form data of pemda accounts leave the portal
        traces_sample_rate=0.0,
        before_send=tag_request_id,
    )
    return True


def tag_request_id(event: dict, hint) -> dict:
    """Every reported error carries the request id the 500 page showed and the logs carry."""
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
