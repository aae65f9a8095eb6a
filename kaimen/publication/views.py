"""Announcement pages: the public page (published text, corrections, downloads, comments) and
the commission's editor (generate, edit with a live preview, publish, moderate comments).

Views parse with a form, call one service or selector and render; the services decide.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kaimen.campaigns.selectors import campaign_get_for
from kaimen.core.errors import ApplicationError
from kaimen.core.files import file_response
from kaimen.importer import parse_announcement
from kaimen.orgs.decorators import staff_required
from kaimen.orgs.selectors import scope_for
from kaimen.publication import selectors, services
from kaimen.publication.figures import campaign_figures, draft_figures
from kaimen.publication.forms import (
    CommentForm,
    EditForm,
    GenerateForm,
    ModerateForm,
    PreviewForm,
    PublishForm,
)
from kaimen.publication.models import RenderingKind
from kaimen.publication.render import announcement_html, diff_hunks

# ---------------------------------------------------------------- public


def _public_context(request: HttpRequest, campaign_id: int, number: int | None) -> dict[str, Any]:
    page = selectors.announcement_public_get(campaign_id=campaign_id)
    version = page.current
    if number is not None:
        version = selectors.announcement_version_public_get(campaign_id=campaign_id, number=number)
    earlier = [v for v in page.history if v.number < version.number]
    return {
        "campaign": page.campaign,
        "version": version,
        "current": page.current,
        "history": page.history,
        "body": announcement_html(version.text),
        "previous": earlier[0] if earlier else None,
        "hunks": diff_hunks(earlier[0].text, version.text) if earlier else [],
        "comments": selectors.comment_list_public(campaign_id=campaign_id),
        "may_comment": request.user.has_perm("publication.comment_announcement", page.current),
    }


@login_not_required
def public_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    context = _public_context(request, campaign_id, None)
    context["comment_form"] = CommentForm()
    return render(request, "publication/public_detail.html", context)


@login_not_required
def public_version(request: HttpRequest, campaign_id: int, number: int) -> HttpResponse:
    context = _public_context(request, campaign_id, number)
    context["comment_form"] = CommentForm()
    return render(request, "publication/public_detail.html", context)


@login_not_required
def download(request: HttpRequest, campaign_id: int, number: int, kind: str) -> HttpResponseBase:
    if kind not in RenderingKind.values:
        raise Http404
    version = selectors.announcement_version_public_get(campaign_id=campaign_id, number=number)
    rendering = services.rendering_ensure(version=version, kind=kind)
    campaign = version.announcement.campaign
    filename = _("%(issuer)s%(year)d年专项治理工作成果（第%(number)d版）.%(kind)s") % {
        "issuer": campaign.issuer.name,
        "year": campaign.year,
        "number": version.number,
        "kind": kind,
    }
    return file_response(rendering.file, filename=filename)


@login_not_required
def figures(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """数据核对: each figure as announced beside what the records give; the commission roles
    watching the issuer get each recorded value as a link to its records."""
    campaign = campaign_get_for(user=request.user, pk=campaign_id)
    context = {
        "campaign": campaign,
        "figures": campaign_figures(campaign),
        "records_links": scope_for(request.user).watches(campaign.issuer),
    }
    return render(request, "publication/figures.html", context)


@require_POST
def comment_post(request: HttpRequest, campaign_id: int) -> HttpResponse:
    page = selectors.announcement_public_get(campaign_id=campaign_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_post(actor=request.user, version=page.current, **form.cleaned_data)
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("感谢您的评议，已公开展示。"))
            return redirect(reverse("publication:public_detail", args=[campaign_id]) + "#comments")
    context = _public_context(request, campaign_id, None)
    context["comment_form"] = form
    return render(request, "publication/public_detail.html", context, status=400)


@require_POST
def comment_flag(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_public(pk=pk)
    services.comment_flag(actor=request.user, comment=comment)
    messages.info(request, _("已收到您的举报，纪委监委将核查处理。"))
    campaign_id = comment.version.announcement.campaign_id
    return redirect(reverse("publication:public_detail", args=[campaign_id]) + "#comments")


# ---------------------------------------------------------------- back office


def _form_error(form: forms.Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _staff_url(campaign_id: int) -> str:
    return reverse("publication:staff_detail", args=[campaign_id])


@staff_required
def staff_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    page = selectors.announcement_staff_get(user=request.user, campaign_id=campaign_id)
    return render(request, "publication/staff_detail.html", _staff_context(page))


def _staff_context(page: selectors.StaffAnnouncement, **forms_: Any) -> dict[str, Any]:
    draft, published = page.draft, page.published
    context: dict[str, Any] = {
        "page": page,
        "campaign": page.campaign,
        "draft": draft,
        "published": published,
        "comments": selectors.comment_list_staff(campaign=page.campaign),
        "generate_form": GenerateForm(),
    }
    if draft is not None:
        context["edit_form"] = forms_.get("edit_form") or EditForm(
            initial={"text": draft.text, "revision": draft.revision}
        )
        context["publish_form"] = forms_.get("publish_form") or PublishForm(
            initial={"revision": draft.revision}
        )
        context["preview"] = _preview(draft.text)
        # Before publishing: the draft's figures beside the records, differences marked.
        context["figures"] = draft_figures(page.campaign, draft.text)
        context["records_links"] = True
        context["hunks"] = diff_hunks(published.text, draft.text) if published else []
    return context


def _preview(text: str) -> dict[str, Any]:
    parsed = parse_announcement(text)
    return {"body": announcement_html(text), "parsed": parsed}


@staff_required
@require_POST
def staff_generate(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.campaign_for_announcement_staff(user=request.user, campaign_id=campaign_id)
    form = GenerateForm(request.POST)
    replace = form.is_valid() and form.cleaned_data["replace_draft"]
    try:
        version = services.announcement_generate(
            actor=request.user, campaign=campaign, replace_draft=replace
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("已根据记录生成第%(number)d版草稿。") % {"number": version.number}
        )
    return redirect(_staff_url(campaign_id))


@staff_required
@require_POST
def staff_revise(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.campaign_for_announcement_staff(user=request.user, campaign_id=campaign_id)
    try:
        version = services.announcement_revise(actor=request.user, campaign=campaign)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("已以已公布文本为底稿建立第%(number)d版更正稿。") % {"number": version.number},
        )
    return redirect(_staff_url(campaign_id))


@staff_required
@require_POST
def staff_edit(request: HttpRequest, campaign_id: int, number: int) -> HttpResponse:
    version = selectors.version_staff_get(user=request.user, campaign_id=campaign_id, number=number)
    form = EditForm(request.POST)
    if form.is_valid():
        try:
            services.announcement_edit(
                actor=request.user,
                version=version,
                text=form.cleaned_data["text"],
                base_revision=form.cleaned_data["revision"],
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect(_staff_url(campaign_id) + "#editor")
    page = selectors.announcement_staff_get(user=request.user, campaign_id=campaign_id)
    return render(
        request, "publication/staff_detail.html", _staff_context(page, edit_form=form), status=400
    )


@staff_required
@require_POST
def staff_preview(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The htmx preview of the text being edited (nothing is saved)."""
    selectors.campaign_for_announcement_staff(user=request.user, campaign_id=campaign_id)
    form = PreviewForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return render(request, "publication/_preview.html", {"preview": _preview(text)})


@staff_required
@require_POST
def staff_publish(request: HttpRequest, campaign_id: int, number: int) -> HttpResponse:
    version = selectors.version_staff_get(user=request.user, campaign_id=campaign_id, number=number)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.announcement_publish(
                actor=request.user,
                version=version,
                change_note=form.cleaned_data["change_note"],
                base_revision=form.cleaned_data["revision"],
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("第%(number)d版已公布。") % {"number": version.number})
            return redirect(_staff_url(campaign_id))
    page = selectors.announcement_staff_get(user=request.user, campaign_id=campaign_id)
    return render(
        request,
        "publication/staff_detail.html",
        _staff_context(page, publish_form=form),
        status=400,
    )


@staff_required
@require_POST
def staff_moderate(request: HttpRequest, campaign_id: int, pk: int) -> HttpResponse:
    comment = selectors.comment_staff_get(user=request.user, campaign_id=campaign_id, pk=pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择处理方式。"))
        return redirect(_staff_url(campaign_id) + "#comments")
    try:
        services.comment_moderate(
            actor=request.user,
            comment=comment,
            visible=form.cleaned_data["decision"] == "show",
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("评议已处理。"))
    return redirect(_staff_url(campaign_id) + "#comments")
