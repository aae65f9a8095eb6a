"""`import_announcement`: JSON without touching the database, encodings, bad files, imports."""

import codecs
import json
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from conftest import World
from kaimen.campaigns.models import Campaign, Project
from kaimen.demo.management.commands.load_demo import seed_path
from kaimen.importer import parse_announcement
from kaimen.orgs.models import Organization, OrganizationKind
from kaimen.timeline.models import Event

SEEDS = [("000_", 2024, 9), ("001_", 2022, 13), ("002_", 2023, 12)]


def _seed(prefix: str) -> Path:
    path = seed_path(prefix)
    assert path is not None, f"seed {prefix} missing"
    return path


def _json_lines(*paths: Path) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("import_announcement", *map(str, paths), "--json", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize(("prefix", "year", "count"), SEEDS)
def test_json_prints_the_parse_of_each_seed_without_touching_the_database(
    prefix: str, year: int, count: int
) -> None:
    # when (no database fixture: any query would raise)
    [printed] = _json_lines(_seed(prefix))
    # then
    assert list(printed) == [
        "kind",
        "issuer",
        "year",
        "intro_totals",
        "declared_counts",
        "projects",
        "feedback_items",
        "warnings",
    ]
    assert printed["kind"] == "results"
    assert (printed["issuer"], printed["year"], len(printed["projects"])) == (
        "定海区纪委监委",
        year,
        count,
    )
    project = printed["projects"][0]
    assert list(project) == ["title", "lead_units", "goal", "outcomes", "metrics", "targets"]
    assert list(project["outcomes"][0]) == ["headline", "body"]
    assert all(
        list(m) == ["label", "value", "unit"] for p in printed["projects"] for m in p["metrics"]
    )
    expected = parse_announcement(_seed(prefix).read_text(encoding="utf-8")).to_json_dict()
    assert printed == json.loads(json.dumps(expected, ensure_ascii=False))


def test_json_values_are_normalised_numbers() -> None:
    [printed] = _json_lines(_seed("000_"))
    fraud = printed["projects"][1]
    assert {"label": "追赃", "value": 9746000, "unit": "元"} in fraud["metrics"]
    assert {"label": "督导检查", "value": 646, "unit": "次"} in printed["intro_totals"]


def test_json_prints_one_line_per_file_in_order() -> None:
    printed = _json_lines(_seed("001_"), _seed("002_"), _seed("000_"))
    assert [p["year"] for p in printed] == [2022, 2023, 2024]


def test_json_output_keeps_chinese_unescaped() -> None:
    out = StringIO()
    call_command("import_announcement", str(_seed("001_")), "--json", stdout=out)
    assert "新能源汽车充电难问题专项治理" in out.getvalue()


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("gb18030"),
        lambda text: text.encode("gbk", errors="replace"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    ],
    ids=["gb18030", "gbk", "utf-8-bom"],
)
def test_gb18030_gbk_and_bom_files_read_like_utf8(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    # given
    text = _seed("002_").read_text(encoding="utf-8")
    path = tmp_path / "2023.txt"
    path.write_bytes(encode(text))
    # when
    [printed] = _json_lines(path)
    # then
    [utf8] = _json_lines(_seed("002_"))
    assert printed == utf8


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"\x00\x01\x02\x03binary\xff\xfe\x00", "无法识别文件编码"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"   \n\n  ", "文件中没有文字"),
    ],
    ids=["empty", "binary", "pdf", "blank"],
)
def test_malformed_files_give_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as error:
        call_command("import_announcement", str(path), "--json", stdout=StringIO())
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_20_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(CommandError) as error:
        call_command("import_announcement", str(path), "--json", stdout=StringIO())
    assert "文件过大（20.0 MB），上限为 5 MB" in str(error.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command("import_announcement", str(tmp_path / "nope.txt"), "--json")
    assert "nope.txt" in str(error.value)


def test_one_bad_file_among_several_fails_the_command_after_the_others(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_announcement", str(_seed("001_")), str(bad), "--json", stdout=out, stderr=err
        )
    assert len(out.getvalue().splitlines()) == 1
    assert "empty.txt: 文件为空" in err.getvalue()
    assert "1 个文件未能处理：empty.txt" in str(error.value)


def test_binary_file_from_the_shell_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_announcement", str(path), "--json"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {path}: 这是 PNG 二进制文件，不是纯文本。 / This is a binary PNG file, not plain text."
    ]


# ---------------------------------------------------------------- importing


def _import(*args: str) -> str:
    out = StringIO()
    call_command("import_announcement", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_needs_an_issuer() -> None:
    with pytest.raises(CommandError, match="--issuer-org"):
        call_command("import_announcement", str(_seed("001_")))


def test_import_creates_the_campaign_and_twice_changes_nothing(world: World) -> None:
    # when
    first = _import(str(_seed("001_")), "--issuer-org", "定海区纪委监委", "--create-orgs")
    events = Event.objects.count()
    second = _import(str(_seed("001_")), "--issuer-org", str(world.orgs["dh_jiwei"].pk))
    # then
    assert "新建专项治理，13 个治理项目" in first
    assert "与已导入的内容相同，无需更改" in second
    assert Event.objects.count() == events
    campaign = Campaign.objects.get(issuer=world.orgs["dh_jiwei"], year=2022)
    assert campaign.projects.count() == 13
    event = Event.objects.get(action="campaign.imported")
    assert event.actor is None
    assert event.actor_label.startswith("manage.py import_announcement")


def test_import_of_a_changed_text_shows_the_changes_and_needs_yes(
    world: World, tmp_path: Path
) -> None:
    # given
    _import(str(_seed("001_")), "--issuer-org", "定海区纪委监委", "--create-orgs")
    changed = tmp_path / "2022.txt"
    changed.write_text(
        _seed("001_")
        .read_text(encoding="utf-8")
        .replace("建成公共充电桩71个", "建成公共充电桩72个"),
        encoding="utf-8",
    )
    out = StringIO()
    # when
    with pytest.raises(CommandError, match="--yes"):
        call_command(
            "import_announcement", str(changed), "--issuer-org", "定海区纪委监委", stdout=out
        )
    # then
    assert "项目 1“新能源汽车充电难问题专项治理”：治理成果、数据、量化目标 有变化" in out.getvalue()
    assert (
        Project.objects.get(campaign__year=2022, position=1)
        .metrics.filter(label="建成公共充电桩", value=71)
        .exists()
    )
    # when confirmed
    applied = _import(str(changed), "--issuer-org", "定海区纪委监委", "--yes")
    # then
    assert "数据、量化目标 有变化" in applied
    assert (
        Project.objects.get(campaign__year=2022, position=1)
        .metrics.filter(label="建成公共充电桩", value=72)
        .exists()
    )


def test_import_without_create_orgs_names_the_unknown_units(world: World) -> None:
    with pytest.raises(CommandError) as error:
        call_command(
            "import_announcement",
            str(_seed("001_")),
            "--issuer-org",
            "定海区纪委监委",
            stdout=StringIO(),
        )
    assert "区发改局" in str(error.value)
    assert not Campaign.objects.filter(year=2022).exists()


def test_create_orgs_creates_a_missing_commission_under_the_region(world: World) -> None:
    # given
    daishan = Organization.objects.create(
        name="岱山县", kind=OrganizationKind.REGION, level="county", parent=world.orgs["zhoushan"]
    )
    daishan.path = f"{world.orgs['zhoushan'].path}{daishan.pk}/"
    daishan.save()
    # when
    _import(
        str(_seed("001_")),
        "--issuer-org",
        "岱山县纪委监委",
        "--region",
        "岱山县",
        "--create-orgs",
    )
    # then
    commission = Organization.objects.get(name="岱山县纪委监委")
    assert (commission.parent, commission.kind) == (daishan, OrganizationKind.COMMISSION)
    assert Campaign.objects.get(issuer=commission).projects.count() == 13
    assert Organization.objects.filter(parent=daishan, name="岱山县教育局").exists()


def test_an_unknown_issuer_is_a_clear_error(world: World) -> None:
    with pytest.raises(CommandError, match="没有名为“岱山县纪委监委”的纪委监委"):
        call_command("import_announcement", str(_seed("001_")), "--issuer-org", "岱山县纪委监委")


def test_several_files_are_imported_with_a_progress_bar(world: World) -> None:
    err = StringIO()
    call_command(
        "import_announcement",
        str(_seed("001_")),
        str(_seed("002_")),
        "--issuer-org",
        "定海区纪委监委",
        "--create-orgs",
        stdout=StringIO(),
        stderr=err,
    )
    assert Campaign.objects.filter(issuer=world.orgs["dh_jiwei"], imported=True).count() == 2
