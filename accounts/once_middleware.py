"""The middleware of accounts/once.py: of two posts of the same create form, the second
does not act again."""

from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .models import FormSubmission
from .once import claim_key, posted_token

# Claims are kept this long, then cleared (every CLEAR_EVERY-th claim clears the old ones).
KEEP = timedelta(days=2)
CLEAR_EVERY = 100


class OnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        claim = getattr(request, "_once_claim", None)
        if claim is not None:
            settle(claim, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        token = posted_token(request)
        if token is None:
            return None
        key = claim_key(token, request.path)
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(key=key)
        except IntegrityError:
            return answer_again(request, FormSubmission.objects.filter(key=key).first())
        if claim.pk % CLEAR_EVERY == 0:
            FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        request._once_claim = claim
        return None


def settle(claim: FormSubmission, response) -> None:
    """Record how the first post was answered, or drop its claim if it changed nothing."""
    if response.status_code >= 400:
        FormSubmission.objects.filter(pk=claim.pk).delete()
        return
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    FormSubmission.objects.filter(pk=claim.pk).update(done=True, location=location[:2000])


def answer_again(request, claim: FormSubmission | None):
    """The answer to a post whose token was used already."""
    if claim is not None and claim.done and claim.location:
        messages.info(
            request,
            _("You sent this form twice (a double click?): it was acted on once. Here it is."),
        )
        return redirect(claim.location)
    if claim is not None and claim.done:
        message = _(
            "You sent this form twice (a double click?): the second time was ignored, so "
            "nothing was done twice. Go back and reload the page to see where it stands."
        )
    else:
        message = _(
            "This form is already being sent. Wait a moment, then go back and reload the "
            "page to see the result: it is acted on once."
        )
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    return render(
        request, "accounts/sent_twice.html", {"message": message, "back": back}, status=409
    )
