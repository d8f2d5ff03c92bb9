"""修改密码: every signed-in user changes their own password here, whatever their
role (the admin site, where 管理员 set others' passwords, is closed to the rest).

Django's own views do the work: the old password is asked for, the new one passes
AUTH_PASSWORD_VALIDATORS, and `update_session_auth_hash` keeps this session signed
in while the user's other sessions end at their next request (their stored hash no
longer matches), as after `zfxxgk users set --password-stdin` or the admin site.
Two things are added: the old password is checked through `authenticate`, so a
wrong one counts as a failed login for django-axes (this page is no way round the
login throttle), and the change is an entry in 操作记录, as every other one is."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth import views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction

from .. import audit
from .manage import password_problems


class OwnPasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        """As a login does: a locked-out pair (name, address) is refused even with the
        right password, and a wrong one is counted towards the lock."""
        old = self.cleaned_data["old_password"]
        if auth.authenticate(self.request, username=self.user.get_username(), password=old) is None:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        """The validators' findings in the words `zfxxgk users` uses."""
        password = self.cleaned_data.get(password_field_name)
        for said in password_problems(password, user) if password else ():
            self.add_error(password_field_name, said + "。")

    def save(self, commit=True):
        """The password alone: the rest of the user as this request read it (an account
        an administrator disabled meanwhile) is not saved back."""
        with transaction.atomic():
            user = super().save(commit=False)
            if commit:
                user.save(update_fields=["password"])
            audit.record(user, "修改密码", user, f"{user.get_username()}（本人修改）")
        return user


class OwnPasswordView(views.PasswordChangeView):
    form_class = OwnPasswordForm
    template_name = "registration/own_password.html"  # not the admin site's template name
    title = "修改密码"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class OwnPasswordDoneView(views.PasswordChangeDoneView):
    template_name = "registration/own_password_done.html"
    title = "密码已修改"
