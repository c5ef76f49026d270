from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import health, security, throttle, verification
from .forms import (
    ConfirmEmailForm,
    EmailAuthenticationForm,
    RecipientPasswordResetForm,
    SettingsForm,
    SignupForm,
    ThrottledPasswordChangeForm,
)
from .models import Role

SIGNUP_EMAIL = "signup_email"  # the session key the "check your inbox" page reads
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in: a new session, its clocks started
        self.request.session[security.SESSION_REMEMBER] = bool(form.cleaned_data.get("remember"))
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, its old password checked through the throttle like a sign-in."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, its email in the language of the account it goes to (accounts/mail.py)."""

    form_class = RecipientPasswordResetForm


@never_cache
@require_GET
def healthz(request):
    """200 with JSON when the database answers, 503 when it does not; Redis and the object
    storage, where configured, are reported beside it (accounts/health.py)."""
    body, status = health.report()
    return JsonResponse(body, status=status)


# --- Sign-up and email verification ---------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    """A teacher signs up. The answer is the same whether or not the address has an account:
    a new account gets a verification link, an existing one a notice to its owner."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if throttle.signup_refused(request, form):
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        if form.is_valid():
            email = form.cleaned_data["email"]
            signup_teacher(
                request,
                name=form.cleaned_data["name"],
                email=email,
                password=form.cleaned_data["password1"],
            )
            request.session[SIGNUP_EMAIL] = email
            return redirect("signup-sent")
    return render(request, "accounts/signup.html", {"form": form})


def signup_teacher(request, *, name: str, email: str, password: str) -> None:
    existing = verification.existing_account(email, password)
    if existing is not None:
        verification.send_signup_notice(
            existing.email,
            login_url=request.build_absolute_uri(reverse("login")),
            reset_url=request.build_absolute_uri(reverse("password_reset")),
            owner=existing,
        )
        return
    user = verification.create_unverified(
        email=email, password=password, name=name, role=Role.TEACHER
    )
    if user is not None:
        send_link(request, user)


def send_link(request, user) -> None:
    token = verification.verification_token(user)
    url = request.build_absolute_uri(reverse("verify-email", args=[token]))
    verification.send_verification(user, url=url)


@never_cache
@require_GET
def signup_sent(request):
    return render(
        request,
        "accounts/signup_sent.html",
        {"email": request.session.get(SIGNUP_EMAIL, ""), "days": verification.VALID_DAYS},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify_email(request, token):
    """The emailed link. GET shows what it does; POST confirms (with the password unless
    the account's owner is signed in) and signs them in."""
    try:
        user, _data = verification.read_token(token)
    except verification.VerificationProblem as problem:
        return render(
            request, "accounts/verify_problem.html", {"problem": str(problem)}, status=410
        )
    signed_in = request.user.is_authenticated and request.user.pk == user.pk
    form = None if signed_in else ConfirmEmailForm(request.POST or None, request=request, user=user)
    if request.method == "POST" and (form is None or form.is_valid()):
        if not signed_in:
            login(request, user, backend=MODEL_BACKEND)
        if verification.mark_verified(user):
            messages.success(request, _("Your email address is confirmed. Welcome to Rollcall."))
        return redirect("home")
    return render(
        request,
        "accounts/verify_email.html",
        {"form": form, "account": user, "action": request.path},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify_status(request):
    """Whether one's address is confirmed, and a button for a new link (throttled)."""
    user = request.user
    if request.method == "POST" and not user.email_verified:
        if not throttle.allow_address(user.email):
            messages.error(
                request, _("Too many links asked for this address. Wait an hour and try again.")
            )
            return render(request, "accounts/verify_status.html", status=429)
        send_link(request, user)
        messages.success(
            request, _("A new link is on its way to %(email)s.") % {"email": user.email}
        )
        return redirect("verify-status")
    return render(request, "accounts/verify_status.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    """Name, language, time zone (and a student's reminders). The language is also kept in the
    language cookie, so the pages before the next sign-in speak it too."""
    form = SettingsForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        translation.activate(user.language or translation.get_language())
        messages.success(request, _("Settings saved."))
        response = redirect("account-settings")
        if user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=request.is_secure(),
            )
        else:
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    return render(
        request,
        "accounts/settings.html",
        {"form": form, "now": timezone.now()},
        status=422 if form.errors else 200,
    )
