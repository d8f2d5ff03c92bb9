"""Users in the admin site, with their agency: every write audited, and a 管理员
who is not a superuser cannot make anyone a superuser, nor change a superuser
(their password included): the admin site must not lift anyone above the rules."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from ..admin_base import AuditedAdmin
from .models import Membership
from .roles import ADMIN, role_names
from .scope import membership_label

User = get_user_model()
ABOVE_THE_RULES = ("is_superuser", "user_permissions")
PERMISSION_ACTIONS = {"add": "增加", "change": "修改", "delete": "删除", "view": "查看"}


def permission_label(permission) -> str:
    """A permission as the pickers list it: Django stores the names of the default
    ones in English (“Can add log entry”), so those are said again in Chinese from
    the model's verbose name; the project's own permissions have Chinese names."""
    from django.apps import apps

    ct = permission.content_type
    model = ct.model_class()
    what = str(model._meta.verbose_name) if model else ct.model
    app = str(apps.get_app_config(ct.app_label).verbose_name) if model else ct.app_label
    action = permission.codename.split("_", 1)[0]
    default = model is not None and permission.codename == f"{action}_{model._meta.model_name}"
    name = f"可以{PERMISSION_ACTIONS[action]}{what}" if default and action in PERMISSION_ACTIONS else permission.name
    return f"{app} | {what} | {name}"


class ChinesePermissions:
    """The permission pickers of the user and group pages, labelled in Chinese."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


SHOWN_MISSING = ("这次提交缺少页面打开时各项的原值，无法判断您改了哪些项（不是从本页面提交的，或页面不完整），"
                 "没有保存。请重新打开这个用户的页面，修改后再保存。")


class ShownOnPage(forms.BaseForm):
    """A form whose fields each carry, hidden, the value the page showed: its
    `changed_data` is then what the administrator changed, not what differs from the
    database now (a role or an account disabled by someone else since the page was
    opened, which the page would otherwise put back). A POST without those values
    (made by hand, or a page cut short) is refused: each field missing there would
    read as unchanged, so an unticked 有效 box, an emptied field or a role taken
    away would be dropped while the save said it succeeded. A disabled field (the
    password hash) carries nothing: it cannot change, and the hash is not put in
    the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = not field.disabled

    def clean(self):
        data = super().clean()
        if self.missing_shown():
            raise forms.ValidationError(SHOWN_MISSING, code="shown_missing")
        return data

    def missing_shown(self) -> list[str]:
        """The fields whose shown value the POST lacks. A multiple choice (角色) shown
        empty puts nothing in the page: its absence is what the page showed."""
        out = []
        for name, field in self.fields.items():
            hidden = field.hidden_widget()
            if field.show_hidden_initial and not isinstance(hidden, forms.MultipleHiddenInput) \
                    and hidden.value_omitted_from_data(self.data, self.files, self.add_initial_prefix(name)):
                out.append(name)
        return out


def as_shown(form_class):
    """`form_class` made a `ShownOnPage` form."""
    return type(form_class.__name__, (ShownOnPage, form_class), {})


def model_fields(form, names) -> list[str]:
    """The names among `names` that are the model's own columns (not many-to-many)."""
    concrete = {f.name for f in form.instance._meta.concrete_fields}
    return [n for n in names if n in concrete]


class OnlyChangedInlines(forms.BaseInlineFormSet):
    """An existing row of the inline saves only the fields changed on the page."""

    def save_existing(self, form, obj, commit=True):
        obj = form.save(commit=False)
        if commit:
            obj.save(update_fields=model_fields(form, form.changed_data))
        return obj


class PasswordOnlyForm(AdminPasswordChangeForm):
    """The admin's 修改密码 saves the password alone: the whole user as this request
    read it (an account disabled meanwhile, a role) is not saved back."""

    def save(self, commit=True):
        user = super().save(commit=False)
        if commit:
            user.save(update_fields=["password"])
        return user


class MembershipInline(admin.StackedInline):
    model = Membership
    formset = OnlyChangedInlines
    can_delete = False
    extra = 1  # shown empty on the add page (and for users without one); one at most
    max_num = 1
    verbose_name = verbose_name_plural = "所属机关或地区"

    # A user's agency is part of the user: whoever may add or change users may set it
    # (the 管理员 role holds no permission on memberships, and Django hid the inline).
    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("auth.add_user" if obj is None else "auth.change_user")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("auth.change_user")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("auth.view_user")


class RoleFilter(admin.RelatedFieldListFilter):
    """The user list's filter by group, titled as the app names groups: 角色 (was 以 组)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "角色"


class ScopedUserAdmin(ChinesePermissions, AuditedAdmin, UserAdmin):
    """One page, one save for a new user: name, password, role and agency or region
    together. Django's add page asks for the name and password alone and sends the
    administrator to a second page for the role; a user saved and left there had no
    role at all."""

    inlines = [MembershipInline]
    list_display = ("username", "roles", "agency", "is_active", "last_login")
    list_filter = (("groups", RoleFilter), "is_active")
    search_fields = ("username", "first_name", "last_name", "membership__agency__name", "membership__region")
    add_form_template = "admin/zfxxgk_user_add.html"
    change_password_form = PasswordOnlyForm

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("membership__agency")
                .prefetch_related("groups"))

    @admin.display(description="角色")
    def roles(self, obj) -> str:
        return "、".join(role_names(obj)) or "（无角色）"

    @admin.display(description="所属机关或地区", ordering="membership__agency__name")
    def agency(self, obj) -> str:
        return membership_label(getattr(obj, "membership", None))
    add_fieldsets = ((None, {"classes": ("wide",),
                             "fields": ("username", "usable_password", "password1", "password2", "groups")}),)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name == "groups":
            field.label = "角色"
            picker = getattr(field.widget, "widget", field.widget)  # the two-list picker says 角色 too
            if hasattr(picker, "verbose_name"):
                picker.verbose_name = "角色"
            field.help_text = "录入员、审核员、管理员或只读；录入员还要在下面填所属机关，审核员可填机关或地区。"
        return field

    def response_add(self, request, obj, post_url_continue=None):
        """保存 goes back to the list, as on every other add page: all was asked here."""
        return admin.ModelAdmin.response_add(self, request, obj, post_url_continue)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += [f for f in ABOVE_THE_RULES if f not in fields]
        return fields

    @staticmethod
    def _above(request, obj) -> bool:
        """`obj` is a superuser and the one asking is not."""
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return not self._above(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._above(request, obj) and super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if self._above(request, self.get_object(request, id)):
            raise PermissionDenied("只有超级用户可以修改超级用户的密码")
        return super().user_change_password(request, id, form_url)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return as_shown(form) if obj is not None else form

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if obj is not None:
                formset.form = as_shown(formset.form)
            yield formset, inline

    def save_model(self, request, obj, form, change):
        """A changed user saves only what the administrator changed on the page (as
        `zfxxgk users set`): the rest of the row as read (a password, an account
        disabled by someone else meanwhile) is not saved back."""
        if not change:
            if ADMIN in {g.name for g in form.cleaned_data.get("groups") or ()}:
                obj.is_staff = True  # as `zfxxgk users add --role 管理员`: the admin site is theirs
            obj.is_superuser = obj.is_superuser and request.user.is_superuser  # whatever the form sent
            return super().save_model(request, obj, form, change)
        changed = model_fields(form, form.changed_data)
        if not request.user.is_superuser:  # whatever the form sent
            changed = [f for f in changed if f not in ABOVE_THE_RULES]
        obj.save(update_fields=changed)

    def save_related(self, request, form, formsets, change):
        """The roles (many-to-many) only when changed on the page, as the columns."""
        if change:
            for name in [n for n in form.cleaned_data if n not in form.changed_data]:
                if name not in model_fields(form, [name]):
                    del form.cleaned_data[name]
        super().save_related(request, form, formsets, change)


class AuditedGroupAdmin(ChinesePermissions, AuditedAdmin, GroupAdmin):
    pass


def administrators_only(request) -> bool:
    """The admin site's door: 管理员 (and superusers) only. Its lists are not cut to an
    agency (every agency's drafts with their data, cases, registers), as a 管理员's
    scope is everything; a 录入员 or 审核员 with the staff flag — ticked by hand, or
    kept from a 管理员 role changed here to 录入员 — read other agencies' drafts and
    cases there, round every scoped page."""
    from .scope import admin_site_user

    return admin_site_user(request.user)


def own_password(request, extra_context=None):
    """The admin site's 修改密码 link opens the app's page (password.py): one form for
    one's own password, counted by the login throttle and written in 操作记录."""
    from django.shortcuts import redirect

    return redirect("password_change")


admin.site.has_permission = administrators_only
admin.site.password_change = own_password
admin.site.unregister(User)
admin.site.register(User, ScopedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)
