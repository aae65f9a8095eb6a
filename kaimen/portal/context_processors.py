import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

ICP_URL = "https://beian.miit.gov.cn/"
PSB_URL = "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"


def site_frame(request: HttpRequest) -> dict[str, Any]:
    """The footer's registrations and the pages' description, as the deployment set them."""
    psb = settings.KAIMEN_SITE_PSB
    digits = "".join(re.findall(r"\d", psb))
    return {
        # 长辈版: the visitor's choice, kept in a cookie (see views.elder_mode).
        "elder": request.COOKIES.get("kaimen_elder") == "1",
        "site": {
            "sponsor": settings.KAIMEN_SITE_SPONSOR,
            "contact": settings.KAIMEN_SITE_CONTACT,
            "code": settings.KAIMEN_SITE_CODE,
            "icp": settings.KAIMEN_SITE_ICP,
            "icp_url": ICP_URL,
            "psb": psb,
            "psb_url": PSB_URL.format(code=digits) if digits else "",
            "gov_mark_url": settings.KAIMEN_SITE_GOV_MARK_URL,
            "description": settings.KAIMEN_SITE_DESCRIPTION
            or _(
                "漠视侵害群众利益问题专项治理：群众点题、部门答题、纪委监督、社会评价，治理成果向社会公开。"
            ),
        },
    }
