"""Import runs of the back office: upload or paste, correct, confirm, perform."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kaimen.campaigns.imports.common import MAX_SOURCE_BYTES, OperatorActor
from kaimen.campaigns.imports.data import (
    announcement_data,
    announcement_to_json,
    figure_normalize,
    json_number,
    parse_decimal,
)
from kaimen.campaigns.imports.write import announcement_import
from kaimen.campaigns.models import (
    Campaign,
    ImportRun,
    ImportState,
)
from kaimen.core.errors import ApplicationError, ConflictError
from kaimen.core.permissions import require
from kaimen.importer import (
    AnnouncementInputError,
    decode_bytes,
    docx_to_text,
    parse_announcement,
)
from kaimen.orgs.models import Organization
from kaimen.timeline.services import event_record


def source_text_read(*, source_name: str, data: bytes | None, text: str | None) -> tuple[str, str]:
    """The announcement text of an upload or a paste, and the name of the field it came from."""
    if data is not None:
        if len(data) > MAX_SOURCE_BYTES:
            raise ApplicationError(
                _("文件过大（%(size).1f MB），上限为 5 MB。") % {"size": len(data) / 1024 / 1024},
                code="too_large",
                field="file",
            )
        try:
            if source_name.lower().endswith(".docx") or data.startswith(b"PK\x03\x04"):
                return docx_to_text(data), "file"
            return decode_bytes(data), "file"
        except AnnouncementInputError as error:
            raise ApplicationError(str(error), code="unreadable", field="file") from None
    pasted = (text or "").strip()
    if not pasted:
        raise ApplicationError(_("请上传公告文件或粘贴公告全文。"), code="required", field="text")
    if len(pasted.encode()) > MAX_SOURCE_BYTES:
        raise ApplicationError(_("文本过长，上限为 5 MB。"), code="too_large", field="text")
    return pasted, "text"


@transaction.atomic
def import_run_create(
    *,
    actor: Any,
    issuer: Organization,
    source_name: str,
    data: bytes | None,
    text: str | None,
) -> ImportRun:
    """Read and parse an uploaded or pasted announcement; keep it for review."""
    require(actor, "campaigns.import_announcement", issuer)
    source, source_field = source_text_read(source_name=source_name, data=data, text=text)
    if not source.strip():
        raise ApplicationError(_("文件中没有文字。"), code="empty", field=source_field)
    parsed = parse_announcement(source)
    run = ImportRun.objects.create(
        issuer=issuer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        source_name=(source_name or _("粘贴的文本"))[:200],
        source_text=parsed.text,
        parsed=announcement_to_json(parsed),
        state=ImportState.PARSED,
    )
    event_record(
        actor=actor,
        action="import_run.created",
        target=run,
        organization=issuer,
        after={
            "source": run.source_name,
            "year": parsed.year,
            "projects": len(parsed.projects),
            "warnings": len(parsed.warnings),
        },
    )
    return run


def _require_editable(run: ImportRun) -> None:
    if run.state not in (ImportState.PARSED, ImportState.FAILED):
        raise ConflictError(
            _("该导入已确认（%s），不能再修改。") % run.get_state_display(),
            code="invalid_transition",
        )


@transaction.atomic
def import_run_correct(*, actor: Any, run: ImportRun, parsed: dict[str, Any]) -> ImportRun:
    """Store the admin's corrections to the parse, once they validate."""
    require(actor, "campaigns.import_announcement", run.issuer)
    _require_editable(run)
    announcement_data(parsed)
    before = run.parsed
    changed = sorted(key for key in set(before) | set(parsed) if before.get(key) != parsed.get(key))
    changed_projects = [
        index + 1
        for index, (old, new) in enumerate(
            zip(before.get("projects") or [], parsed.get("projects") or [], strict=False)
        )
        if old != new
    ]
    run.parsed = parsed
    run.state = ImportState.PARSED
    run.save(update_fields=["parsed", "state", "updated_at"])
    event_record(
        actor=actor,
        action="import_run.corrected",
        target=run,
        organization=run.issuer,
        after={"changed": changed, "projects": changed_projects},
    )
    return run


def parsed_with_campaign(
    parsed: Mapping[str, Any], *, year: int | None, title: str, totals: list[dict[str, Any]]
) -> dict[str, Any]:
    """A copy of `parsed` with the campaign part replaced (totals: label, value, unit as written)."""
    result = dict(parsed)
    result["year"], result["title"] = year, title
    result["intro_totals"] = _figures_corrected(list(parsed.get("intro_totals") or []), totals)
    return result


def parsed_with_project(
    parsed: Mapping[str, Any],
    index: int,
    *,
    title: str,
    lead_units: list[str],
    goal: str,
    figures: list[dict[str, Any]],
) -> dict[str, Any]:
    """A copy of `parsed` with project `index` (0-based) corrected."""
    projects = [dict(p) for p in parsed.get("projects") or []]
    if not 0 <= index < len(projects):
        raise ApplicationError(_("没有这个项目。"), code="not_found", field="project")
    project = projects[index]
    project.update(
        title=title.strip(),
        lead_units=[u.strip() for u in lead_units if u.strip()],
        goal=goal.strip() or None,
        metrics=_figures_corrected(list(project.get("metrics") or []), figures),
    )
    return {**parsed, "projects": projects}


def _figures_corrected(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Apply corrected (label, value, unit as written, delete) rows to stored figures."""
    result = []
    for index, row in enumerate(new):
        base = dict(old[index]) if index < len(old) else {}
        if row.get("delete"):
            continue
        value = parse_decimal(row.get("value"), f"figures.{index}.value")
        unit = str(row.get("unit") or "").strip()
        normalized, normalized_unit = figure_normalize(value, unit)
        base.update(
            label=str(row.get("label") or "").strip(),
            written_value=str(value),
            written_unit=unit,
            value=json_number(normalized),
            unit=normalized_unit,
        )
        result.append(base)
    return result


@transaction.atomic
def import_run_confirm(
    *, actor: Any, run: ImportRun, create_orgs: bool = False, allow_update: bool = False
) -> ImportRun:
    """Queue the import of a reviewed run; the task runs once the transaction commits."""
    from kaimen.campaigns.tasks import import_run_execute  # noqa: PLC0415  (tasks import us)

    require(actor, "campaigns.import_announcement", run.issuer)
    _require_editable(run)
    announcement_data(run.parsed)
    updated = ImportRun.objects.filter(pk=run.pk, state=run.state).update(
        state=ImportState.QUEUED, progress=0, message=""
    )
    if not updated:
        raise ConflictError(_("该导入已被确认。"), code="stale")
    run.state, run.progress, run.message = ImportState.QUEUED, 0, ""
    event_record(
        actor=actor,
        action="import_run.confirmed",
        target=run,
        organization=run.issuer,
        after={"create_orgs": create_orgs, "allow_update": allow_update},
    )
    transaction.on_commit(
        lambda: import_run_execute.enqueue(
            run.pk, create_orgs=create_orgs, allow_update=allow_update
        )
    )
    return run


def import_run_perform(*, run_id: int, create_orgs: bool, allow_update: bool) -> ImportRun | None:
    """Carry out a queued run (called by the task): running → done or failed, with a message."""
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportState.QUEUED).update(
        state=ImportState.RUNNING, progress=0
    )
    run = ImportRun.objects.select_related("issuer", "created_by").filter(pk=run_id).first()
    if not claimed or run is None:
        return run  # already done, or picked up by another worker: nothing to do

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(progress=min(99, done * 100 // max(total, 1)))

    actor = run.created_by or OperatorActor("import task")
    try:
        plan = announcement_import(
            actor=actor,
            issuer=run.issuer,
            parsed=run.parsed,
            create_orgs=create_orgs,
            dry_run=False,
            allow_update=allow_update,
            progress=progress,
        )
    except ApplicationError as error:
        return _run_finish(run, actor, ImportState.FAILED, error.message, None)
    except Exception as error:
        _run_finish(run, actor, ImportState.FAILED, _("导入时发生内部错误，请联系管理员。"), None)
        raise error
    return _run_finish(run, actor, ImportState.DONE, "\n".join(plan.describe()), plan.campaign)


@transaction.atomic
def _run_finish(
    run: ImportRun, actor: Any, state: ImportState, message: str, campaign: Campaign | None
) -> ImportRun:
    run.state, run.message = state, message
    run.progress = 100 if state == ImportState.DONE else run.progress
    if campaign is not None:
        run.campaign = campaign
    run.save(update_fields=["state", "message", "progress", "campaign", "updated_at"])
    event_record(
        actor=actor,
        action=f"import_run.{state}",
        target=run,
        organization=run.issuer,
        after={"state": state, "campaign": campaign.pk if campaign else None},
        reason=message[:500] if state == ImportState.FAILED else "",
    )
    return run
