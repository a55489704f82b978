from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions
from .models import Person, TwoFactor
from .permissions import check_can, role_permissions
from .policy import policy_for
from .ratelimit import is_locked_out, record_attempt
from .scope import org_view
from .twofactor import SESSION_KEY


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/"


def sign_in(request: HttpRequest) -> HttpResponse:
    error = ""
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()[:150]
        password = request.POST.get("password", "")
        ip = _client_ip(request)
        if is_locked_out(username, ip):
            error = "Too many attempts. Wait fifteen minutes and try again."
        else:
            user = authenticate(request, username=username, password=password)
            record_attempt(username, ip, user is not None)
            if user is None:
                error = "That username and password do not match."
            else:
                login(request, user)
                two_factor = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
                if two_factor:
                    request.session[SESSION_KEY] = True
                    return redirect(f"/signin/code/?next={_next(request)}")
                return redirect(_next(request))
    return render(
        request, "people/sign_in.html",
        {"error": error, "username": username, "next": _next(request)}, status=400 if error else 200,
    )  # fmt: skip


@login_required
def sign_in_code(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        two_factor = TwoFactor.objects.filter(user=request.user).first()
        if is_locked_out(request.user.username, _client_ip(request)):
            error = "Too many attempts. Wait fifteen minutes and try again."
        elif two_factor and actions.verify_code(two_factor, request.POST.get("code", "")):
            request.session.pop(SESSION_KEY, None)
            request.session.cycle_key()
            return redirect(_next(request))
        else:
            record_attempt(request.user.username, _client_ip(request), False)
            error = "That code did not match. Try the newest code from your app."
    return render(request, "people/code.html", {"error": error, "next": _next(request)})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("people:login")


@org_view
def policy_page(request: HttpRequest, me: Person) -> HttpResponse:
    compiled = policy_for(me.organisation)
    if request.method == "POST":
        try:
            actions.do_acknowledge_policy(me, request.POST.get("version", ""))
            messages.success(request, "Thank you: you have acknowledged the policy.")
            return redirect("dashboard:org", org=me.organisation.slug)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request, "people/policy.html",
        {"policy": compiled.policy, "acknowledged": me.acknowledged_version == compiled.version},
    )  # fmt: skip


@org_view
def people_list(request: HttpRequest, me: Person) -> HttpResponse:
    compiled = policy_for(me.organisation)
    people = Person.objects.filter(organisation=me.organisation).select_related("user")
    rows = [(p, sorted(role_permissions(p))) for p in people]
    form = {"username": "", "display_name": "", "role": ""}
    if request.method == "POST":
        check_can(me, "manage_people")
        form = {k: request.POST.get(k, "").strip() for k in form}
        try:
            actions.do_add_person(me, form["username"], form["display_name"] or form["username"],
                                  form["role"], request.POST.get("password", ""))  # fmt: skip
            messages.success(request, f"{form['username']} has been added.")
            return redirect("people:list", org=me.organisation.slug)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return render(
        request, "people/list.html",
        {"rows": rows, "roles": compiled.policy.roles, "form": form},
    )  # fmt: skip


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    existing = TwoFactor.objects.filter(user=request.user).first()
    allowed = actions.can_use_two_factor(request.user)
    ctx: dict = {"existing": existing, "allowed": allowed, "error": ""}
    if request.method == "POST" and allowed:
        step = request.POST.get("step")
        if step == "begin":
            secret = actions.do_begin_two_factor(request.user)
            request.session["two_factor_secret_shown"] = secret
        elif step == "confirm":
            try:
                actions.do_confirm_two_factor(request.user, request.POST.get("code", ""))
                messages.success(request, "Two-factor sign-in is on.")
                return redirect("people:two_factor")
            except ValidationError as exc:
                ctx["error"] = " ".join(exc.messages)
        elif step == "remove":
            actions.do_remove_two_factor(request.user)
            messages.success(request, "Two-factor sign-in is off.")
            return redirect("people:two_factor")
        existing = TwoFactor.objects.filter(user=request.user).first()
        ctx["existing"] = existing
    secret = request.session.get("two_factor_secret_shown")
    if existing and not existing.confirmed_at and secret:
        import pyotp

        uri = pyotp.TOTP(secret).provisioning_uri(name=request.user.username, issuer_name="Tactful")
        buf = io.StringIO()
        segno.make(uri).save(buf, kind="svg", scale=4, xmldecl=False, svgns=True)
        ctx.update({"secret": secret, "qr_svg": buf.getvalue()})
    return render(request, "people/two_factor.html", ctx)
