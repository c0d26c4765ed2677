"""The organisation tree, people and one account per role of the demo city."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from lieguan.core.actors import SystemActor
from lieguan.organisations import actions
from lieguan.organisations.models import Organisation, Person, Role

ACTOR = SystemActor("demo")
CITY = "臨海市政府"

# code, official name, short name, parent code, aliases
AGENCIES: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    ("secretariat", "臨海市政府秘書處", "秘書處", "city", ()),
    ("rdec", "臨海市政府研究發展考核委員會", "研考會", "city", ()),
    ("dit", "臨海市政府資訊局", "資訊局", "city", ()),
    ("edu", "臨海市政府教育局", "教育局", "city", ()),
    ("finance", "臨海市政府財政局", "財政局", "city", ()),
    ("budget", "臨海市政府主計處", "主計處", "city", ()),
    ("legal", "臨海市政府法務局", "法務局", "city", ()),
    ("udd", "臨海市政府都市發展局", "都發局", "city", ()),
    ("transport", "臨海市政府交通局", "交通局", "city", ()),
    ("health", "臨海市政府衛生局", "衛生局", "city", ()),
    ("culture", "臨海市政府文化局", "文化局", "city", ()),
    ("tourism", "臨海市政府觀光傳播局", "觀傳局", "city", ()),
    ("hr", "臨海市政府人事處", "人事處", "city", ()),
    ("metro", "臨海捷運股份有限公司", "捷運公司", "city", ("臨海捷運公司",)),
    ("bmc", "臨海市政府市政大樓公共事務管理中心", "公管中心", "secretariat", ()),
]
UNITS: list[tuple[str, str, str, str]] = [
    ("sec-docs", "文書組", "文書組", "secretariat"),
    ("sec-general", "總務組", "總務組", "secretariat"),
    ("sec-confidential", "機要組", "機要組", "secretariat"),
    ("sec-intl", "國際事務組", "國際事務組", "secretariat"),
    ("sec-personnel", "秘書處人事室", "人事室", "secretariat"),
    ("sec-ethics", "秘書處政風室", "政風室", "secretariat"),
    ("dit-office", "資訊局秘書室", "秘書室", "dit"),
    ("dit-strategy", "資訊局策略中心", "策略中心", "dit"),
    ("dit-security", "資訊局資安中心", "資安中心", "dit"),
    ("dit-innovation", "資訊局創新中心", "創新中心", "dit"),
    ("edu-primary", "教育局國小教育科", "國小教育科", "edu"),
]
# A rename shows that old minutes still resolve: 觀傳局 until 2024-12-31, then 觀光文化傳播局.
RENAMES = [("tourism", "臨海市政府觀光文化傳播局", "觀文局", dt.date(2025, 1, 1))]

# name, title, organisation code, e-mail local part
PEOPLE: list[tuple[str, str, str, str]] = [
    ("林予安", "秘書長", "city", "lin.yuan"),
    ("周明哲", "副秘書長", "city", "chou.mingche"),
    ("何佩真", "處長", "secretariat", "ho.peichen"),
    ("許文華", "專員", "sec-docs", "hsu.wenhua"),
    ("鄭雅婷", "科員", "sec-docs", "cheng.yating"),
    ("宋立群", "組長", "sec-general", "sung.lichun"),
    ("范嘉怡", "研究員", "rdec", "fan.chiayi"),
    ("葉承恩", "主任委員", "rdec", "yeh.chengen"),
    ("唐思遠", "局長", "dit", "tang.ssuyuan"),
    ("馮柏均", "主任秘書", "dit", "feng.pochun"),
    ("白芷寧", "專員", "dit-office", "pai.chihning"),
    ("韓志豪", "主任秘書", "edu", "han.chihhao"),
    ("曾若瑜", "專員", "edu", "tseng.juoyu"),
    ("邱冠宇", "主任秘書", "finance", "chiu.kuanyu"),
    ("湯巧文", "主任秘書", "budget", "tang.chiaowen"),
    ("羅振邦", "主任秘書", "legal", "lo.chenpang"),
    ("賴美玲", "主任秘書", "udd", "lai.meiling"),
    ("簡國樑", "主任秘書", "transport", "chien.kuoliang"),
    ("石婉君", "技正", "health", "shih.wanchun"),
    ("魏子翔", "主任秘書", "culture", "wei.tzuhsiang"),
    ("江品萱", "主任秘書", "tourism", "chiang.pinhsuan"),
    ("梁家豪", "經理", "metro", "liang.chiahao"),
    ("陶雅文", "主任", "bmc", "tao.yawen"),
    # The heads (首長) and deputies of the agencies, to whom overdue cases escalate (see HEADS).
    ("施怡君", "副局長", "dit", "shih.yichun"),
    ("蔡明翰", "局長", "edu", "tsai.minghan"),
    ("吳思妤", "副局長", "edu", "wu.ssuyu"),
    ("孫立德", "局長", "finance", "sun.lite"),
    ("黃淑芬", "主計長", "budget", "huang.shufen"),
    ("王啟文", "局長", "legal", "wang.chiwen"),
    ("劉冠廷", "局長", "udd", "liu.kuanting"),
    ("陳柏宏", "局長", "transport", "chen.pohung"),
    ("林佳蓉", "副局長", "transport", "lin.chiajung"),
    ("張家瑜", "局長", "health", "chang.chiayu"),
    ("楊書華", "局長", "culture", "yang.shuhua"),
    ("李宛臻", "局長", "tourism", "li.wanchen"),
    ("謝政勳", "處長", "hr", "hsieh.chenghsun"),
    ("郭振宇", "董事長", "metro", "kuo.chenyu"),
]

# Each agency's head, and a deputy where the agency has one, as role grants: the escalation rules send an
# overdue case to them (tier 1: the agency's head). Their accounts are named head-<code> / deputy-<code>,
# unless the person has one already (唐思遠 signs in as "head"); the units' heads are their agency's.
# One password for all of them, not printed: a password made of the long usernames fails the similarity check.
HEADS_PASSWORD = "Linhai-Shouzhang-2026"  # noqa: S105 — the demo's, like every password printed by `lieguan demo`
HEADS: list[tuple[str, str, str]] = [
    ("secretariat", Role.HEAD, "何佩真"),
    ("rdec", Role.HEAD, "葉承恩"),
    ("dit", Role.HEAD, "唐思遠"),
    ("dit", Role.DEPUTY, "施怡君"),
    ("edu", Role.HEAD, "蔡明翰"),
    ("edu", Role.DEPUTY, "吳思妤"),
    ("finance", Role.HEAD, "孫立德"),
    ("budget", Role.HEAD, "黃淑芬"),
    ("legal", Role.HEAD, "王啟文"),
    ("udd", Role.HEAD, "劉冠廷"),
    ("transport", Role.HEAD, "陳柏宏"),
    ("transport", Role.DEPUTY, "林佳蓉"),
    ("health", Role.HEAD, "張家瑜"),
    ("culture", Role.HEAD, "楊書華"),
    ("tourism", Role.HEAD, "李宛臻"),
    ("hr", Role.HEAD, "謝政勳"),
    ("metro", Role.HEAD, "郭振宇"),
    ("bmc", Role.HEAD, "陶雅文"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    role_label: str
    person: str
    scope: str | None
    who: str = ""


# One account per role. Passwords are printed by `lieguan demo`; they pass the password policy.
ACCOUNTS: list[tuple[str, str, str, str | None]] = [
    ("admin", Role.ADMIN, "周明哲", None),
    # The secretariat runs the city's own series (主任秘書會報) and its own 處務會議.
    ("secretariat", Role.SECRETARIAT, "許文華", "city"),
    ("secretariat", Role.SECRETARIAT, "許文華", "secretariat"),
    ("tracking", Role.TRACKING_OFFICER, "范嘉怡", None),
    ("liaison", Role.LIAISON, "白芷寧", "dit"),
    ("liaison2", Role.LIAISON, "曾若瑜", "edu"),
    ("chair", Role.CHAIR, "林予安", None),
    ("head", Role.HEAD, "唐思遠", "dit"),
    ("attendee", Role.ATTENDEE, "馮柏均", None),
]


def demo_password(username: str) -> str:
    return f"Lieguan-{username}-2026"


def load_city() -> tuple[Organisation, dict[str, Organisation], dict[str, Person]]:
    city = Organisation.objects.filter(code="city").first() or actions.do_create_organisation(
        ACTOR, code="city", name=CITY, short_name="市府", kind=Organisation.Kind.CITY, aliases=("本府",)
    )
    orgs: dict[str, Organisation] = {"city": city}
    for n, (code, name, short, parent, aliases) in enumerate(AGENCIES, start=1):
        orgs[code] = Organisation.objects.filter(code=code).first() or actions.do_create_organisation(
            ACTOR,
            code=code,
            name=name,
            short_name=short,
            kind=Organisation.Kind.AGENCY,
            parent=orgs[parent],
            aliases=aliases,
            sort_order=n * 10,
            valid_from=dt.date(2010, 1, 1),
        )
    for n, (code, name, short, parent) in enumerate(UNITS, start=1):
        orgs[code] = Organisation.objects.filter(code=code).first() or actions.do_create_organisation(
            ACTOR, code=code, name=name, short_name=short, kind=Organisation.Kind.UNIT, parent=orgs[parent], sort_order=n
        )
    for code, name, short, effective in RENAMES:
        org = orgs[code]
        if not org.names.filter(text=name).exists():
            actions.do_rename_organisation(ACTOR, org, name=name, short_name=short, effective=effective)
            org.refresh_from_db()
    people: dict[str, Person] = {}
    for name, title, org_code, mail in PEOPLE:
        people[name] = Person.objects.filter(name=name, organisation=orgs[org_code]).first() or actions.do_create_person(
            ACTOR, name=name, title=title, organisation=orgs[org_code], email=f"{mail}@linhai.example.gov.tw"
        )
    return city, orgs, people


def load_accounts(orgs: dict[str, Organisation], people: dict[str, Person]) -> list[DemoAccount]:
    User = get_user_model()
    out: list[DemoAccount] = []
    for username, role, person_name, scope in ACCOUNTS:
        person = people[person_name]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = actions.do_create_user(ACTOR, username=username, password=demo_password(username), person=person)
        actions.do_grant_role(ACTOR, user, role, orgs[scope] if scope else None)
        if any(a.username == username for a in out):
            continue
        label = str(Role(role).label)
        who = f"{person.organisation.display_name if person.organisation else ''}{person.name}{person.title}"
        out.append(DemoAccount(username, demo_password(username), role, label, person.name, scope, who))
    return out


def load_heads(orgs: dict[str, Organisation], people: dict[str, Person]) -> int:
    """Grant each agency's head and deputy their role, with an account for whoever has none: the grants made."""
    User = get_user_model()
    for code, role, person_name in HEADS:
        person = people[person_name]
        user = person.user
        if user is None:
            username = f"{role}-{code}"
            user = User.objects.filter(username=username).first() or actions.do_create_user(
                ACTOR, username=username, password=HEADS_PASSWORD, person=person
            )
        actions.do_grant_role(ACTOR, user, role, orgs[code])
    return len(HEADS)
