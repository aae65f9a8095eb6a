from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

# What a government site must show in its footer (政府网站发展指引, 国办发〔2017〕47号).
REQUIRED = {
    "KAIMEN_SITE_SPONSOR": "主办单位",
    "KAIMEN_SITE_CONTACT": "联系方式",
    "KAIMEN_SITE_CODE": "网站标识码",
    "KAIMEN_SITE_ICP": "ICP备案号",
    "KAIMEN_SITE_PSB": "公安机关备案号",
}


@register(Tags.security, deploy=True)
def site_frame_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    missing = [
        f"{name} ({label})" for name, label in REQUIRED.items() if not getattr(settings, name)
    ]
    if not missing:
        return []
    return [
        Warning(
            "The site's footer lacks what a government site must show: " + ", ".join(missing),
            hint="Set them in the environment of the deployment.",
            id="kaimen.W101",
        )
    ]
