"""How the campaigns' events and their fields read on timelines and logs."""

from typing import Any

from django.utils.translation import gettext_lazy

ACTION_LABELS: dict[str, Any] = {
    "campaign.created": gettext_lazy("创建专项治理"),
    "campaign.updated": gettext_lazy("修改专项治理"),
    "campaign.start": gettext_lazy("启动专项治理"),
    "campaign.publish": gettext_lazy("公布治理成果"),
    "project.created": gettext_lazy("新增治理项目"),
    "project.updated": gettext_lazy("修改项目"),
    "project.approve": gettext_lazy("确定项目"),
    "project.start": gettext_lazy("启动治理"),
    "project.submit_outcomes": gettext_lazy("报送治理成果"),
    "project.return": gettext_lazy("退回"),
    "project.publish": gettext_lazy("公布成果"),
    "project.close": gettext_lazy("结项"),
    "project.outcomes_saved": gettext_lazy("保存治理成果"),
    "project.report_submitted": gettext_lazy("报送工作月报"),
    "project.report_revised": gettext_lazy("修改工作月报"),
    "campaign.imported": gettext_lazy("根据已公布的成果公告录入"),
    "campaign.reimported": gettext_lazy("根据成果公告更新"),
    "campaign.metrics_classified": gettext_lazy("标注数据指标"),
    "project.imported": gettext_lazy("根据已公布的成果公告录入"),
    "project.reimported": gettext_lazy("根据成果公告更新"),
    "project.import_removed": gettext_lazy("更新公告时移除"),
    "import_run.created": gettext_lazy("上传成果公告"),
    "import_run.queued": gettext_lazy("等待识别"),
    "import_run.running": gettext_lazy("正在识别"),
    "import_run.parsed": gettext_lazy("识别完成，待核对"),
    "import_run.corrected": gettext_lazy("核对修改"),
    "import_run.confirmed": gettext_lazy("确认导入"),
    "import_run.done": gettext_lazy("导入完成"),
    "import_run.failed": gettext_lazy("导入失败"),
    "organization.created": gettext_lazy("新建单位"),
}
FIELD_LABELS: dict[str, Any] = {
    "title": gettext_lazy("名称"),
    "intro": gettext_lazy("导语"),
    "year": gettext_lazy("年度"),
    "theme": gettext_lazy("主题"),
    "lead_units": gettext_lazy("牵头单位"),
    "goal": gettext_lazy("治理目标"),
    "plan": gettext_lazy("工作方案"),
    "targets": gettext_lazy("量化指标"),
    "outcomes": gettext_lazy("治理成果"),
    "month": gettext_lazy("月份"),
    "state": gettext_lazy("状态"),
    "projects": gettext_lazy("治理项目数"),
    "totals": gettext_lazy("总体数据"),
    "metrics": gettext_lazy("成果数据"),
}
