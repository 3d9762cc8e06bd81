"""Demo organisation for `manage.py seed_demo`: real Kazakh cities, every role, ~30 cases.

Some cases are inspired by published Views of the Human Rights Committee on Kazakhstan (DOMAIN.md)
and cite only the communication number; none claims to follow a View's facts. Every person, staff
member and title is fictional; the legal patterns are real.
Idempotent: every object is looked up by a stable key before it is created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.models import Group
from django.db import transaction

from casework import services
from casework.models import (
    Activity,
    ActivityKind,
    AllegedViolation,
    Authorisation,
    AuthorisationKind,
    Branch,
    Case,
    CaseParty,
    Confidentiality,
    CovenantArticle,
    Instance,
    Outcome,
    PartyRole,
    Person,
    ProcedureType,
    Proceeding,
    Region,
    Role,
    Stage,
    Theme,
    User,
)
from casework.selectors import CASE_PERMISSIONS

DEMO_PASSWORD = "remedy-demo-2026"  # noqa: S105 — documented in README, demo only

BRANCHES = [
    # code, name, city, region (ISO 3166-2), head office; then (name, city) in Russian and Kazakh
    (
        "almaty",
        "Almaty head office",
        "Almaty",
        "KZ-75",
        True,
        ("Головной офис, Алматы", "Алматы"),
        ("Алматыдағы бас кеңсе", "Алматы"),
    ),
    (
        "astana",
        "Astana branch",
        "Astana",
        "KZ-71",
        False,
        ("Филиал в Астане", "Астана"),
        ("Астана филиалы", "Астана"),
    ),
    (
        "uralsk",
        "Uralsk branch",
        "Uralsk",
        "KZ-27",
        False,
        ("Филиал в Уральске", "Уральск"),
        ("Орал филиалы", "Орал"),
    ),
    (
        "taraz",
        "Taraz branch",
        "Taraz",
        "KZ-31",
        False,
        ("Филиал в Таразе", "Тараз"),
        ("Тараз филиалы", "Тараз"),
    ),
    (
        "shymkent",
        "Shymkent branch",
        "Shymkent",
        "KZ-79",
        False,
        ("Филиал в Шымкенте", "Шымкент"),
        ("Шымкент филиалы", "Шымкент"),
    ),
    (
        "karaganda",
        "Karaganda branch",
        "Karaganda",
        "KZ-35",
        False,
        ("Филиал в Караганде", "Караганда"),
        ("Қарағанды филиалы", "Қарағанды"),
    ),
    (
        "oskemen",
        "Ust-Kamenogorsk branch",
        "Ust-Kamenogorsk",
        "KZ-63",
        False,
        ("Филиал в Усть-Каменогорске", "Усть-Каменогорск"),
        ("Өскемен филиалы", "Өскемен"),
    ),
    (
        "kostanay",
        "Kostanay branch",
        "Kostanay",
        "KZ-39",
        False,
        ("Филиал в Костанае", "Костанай"),
        ("Қостанай филиалы", "Қостанай"),
    ),
    (
        "turkestan",
        "Turkestan representative",
        "Turkestan",
        "KZ-61",
        False,
        ("Представитель в Туркестане", "Туркестан"),
        ("Түркістандағы өкіл", "Түркістан"),
    ),
]

# username, first, last, role, branch, (first, last) in Cyrillic. Every name is fictional:
# no surname of the organisation's staff or of an author or counsel of a real View
# (tests/demo/test_no_real_people.py checks it).
USERS = [
    ("admin", "Zarina", "Temirkhanova", Role.ADMINISTRATOR, "almaty", ("Зарина", "Темирханова")),
    ("supervisor", "Arman", "Kuanyshev", Role.SUPERVISOR, "almaty", ("Арман", "Куанышев")),
    (
        "supervisor.astana",
        "Gaukhar",
        "Sembayeva",
        Role.SUPERVISOR,
        "astana",
        ("Гаухар", "Сембаева"),
    ),
    ("head.almaty", "Pavel", "Lisitsyn", Role.BRANCH_HEAD, "almaty", ("Павел", "Лисицын")),
    ("head.uralsk", "Ruslan", "Khairov", Role.BRANCH_HEAD, "uralsk", ("Руслан", "Хаиров")),
    ("lawyer.almaty", "Dinara", "Seitkali", Role.LAWYER, "almaty", ("Динара", "Сейткали")),
    ("lawyer2.almaty", "Oleg", "Varlamov", Role.LAWYER, "almaty", ("Олег", "Варламов")),
    ("lawyer.astana", "Saltanat", "Yermekova", Role.LAWYER, "astana", ("Салтанат", "Ермекова")),
    ("lawyer.uralsk", "Marat", "Baigaliyev", Role.LAWYER, "uralsk", ("Марат", "Байгалиев")),
    ("lawyer.shymkent", "Dana", "Nurlanova", Role.LAWYER, "shymkent", ("Дана", "Нурланова")),
    ("lawyer.karaganda", "Timur", "Aliyev", Role.LAWYER, "karaganda", ("Тимур", "Алиев")),
    ("lawyer.taraz", "Saule", "Mukhametova", Role.LAWYER, "taraz", ("Сауле", "Мухаметова")),
    ("analyst", "Olga", "Kim", Role.ANALYST, "almaty", ("Ольга", "Ким")),
]


@dataclass
class DemoProceeding:
    level: str
    body: str
    filed: str
    decided: str | None = None
    outcome: str = Outcome.PENDING
    number: str = ""
    procedure: str = ProcedureType.CIVIL
    summary: str = ""


@dataclass
class DemoCase:
    reference: str
    title: str
    branch: str
    theme: str
    lawyer: str
    stage: str
    opened: str
    victim: tuple[str, str, str]  # name as written, transliteration, birth date
    articles: list[tuple[int, str]]
    summary: str
    public_summary: str = ""
    confidentiality: str = Confidentiality.NORMAL
    client_is_relative: tuple[str, str] | None = None  # (name, transliteration) of a relative
    proceedings: list[DemoProceeding] = field(default_factory=list)
    respondent: str = ""
    strategic: bool = True
    consent_to_publish: bool = False


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


FI, AP, CA = Instance.FIRST_INSTANCE, Instance.APPEAL, Instance.CASSATION
DISMISSED = Outcome.DISMISSED
CRIM, ADM, OFF = ProcedureType.CRIMINAL, ProcedureType.ADMINISTRATIVE, ProcedureType.ADMIN_OFFENCE

CASES: list[DemoCase] = [
    DemoCase(
        "KIBHR-2021-0001",
        "Administrative arrest after a solitary picket (inspired by communication No. 2827/2016)",
        "almaty",
        "expression",
        "lawyer.almaty",
        Stage.DRAFTING,
        "2021-03-02",
        ("Нұрлан Әбдіғалиұлы Қасымов", "Nurlan Abdigaliuly Kassymov", "1979-05-14"),
        [(19, "2"), (21, "")],
        "The client held a one-person picket with a poster about land reform in front of the "
        "regional akimat. Police detained him within minutes; the specialised administrative "
        "court imposed 10 days of administrative arrest for breaching the procedure for "
        "holding a peaceful assembly.",
        "A man was sentenced to administrative arrest for a solitary peaceful picket.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Almaty",
                "2021-03-03",
                "2021-03-03",
                DISMISSED,
                "5-1203/2021",
                OFF,
                "Found guilty under art. 488(6) CoAO; 10 days' arrest.",
            ),
            DemoProceeding(
                AP,
                "Almaty City Court",
                "2021-03-10",
                "2021-03-25",
                DISMISSED,
                "3a-455/2021",
                OFF,
                "Appeal dismissed; decision final.",
            ),
        ],
        respondent="Almaty City Police Department",
        consent_to_publish=True,
    ),
    DemoCase(
        "KIBHR-2020-0002",
        "Conviction for 'illegal missionary activity' (inspired by communication No. 2131/2012)",
        "astana",
        "religion",
        "lawyer.astana",
        Stage.COMMITTEE,
        "2020-06-10",
        ("Виктор Павлович Левченко", "Viktor Pavlovich Levchenko", "1968-11-02"),
        [(18, "1"), (18, "3")],
        "A Protestant pastor was fined and ordered deported for leading worship in a private "
        "home without registration of the religious association.",
        "A religious minister was fined for worship in a private home.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised administrative court of Astana",
                "2020-06-15",
                "2020-07-01",
                DISMISSED,
                "5-880/2020",
                OFF,
            ),
            DemoProceeding(
                AP, "Astana City Court", "2020-07-08", "2020-07-30", DISMISSED, "3a-301/2020", OFF
            ),
        ],
        respondent="Department of Religious Affairs, Astana",
        consent_to_publish=True,
    ),
    DemoCase(
        "KIBHR-2019-0003",
        "Torture in police custody and ineffective investigation (inspired by communication "
        "No. 2146/2012)",
        "karaganda",
        "torture",
        "lawyer.karaganda",
        Stage.FOLLOW_UP,
        "2019-02-11",
        ("Ерлан Маратович Сейітов", "Yerlan Maratovich Seitov", "1985-08-21"),
        [(7, ""), (2, "3")],
        "The client was beaten by police officers to obtain a confession; the prosecutor "
        "repeatedly refused to open a criminal investigation into the torture complaint.",
        "A detainee was ill-treated in police custody; complaints were not investigated.",
        confidentiality=Confidentiality.RESTRICTED,
        proceedings=[
            DemoProceeding(
                Instance.PROSECUTOR,
                "Karaganda regional prosecutor's office",
                "2019-02-20",
                "2019-03-20",
                DISMISSED,
                "",
                CRIM,
                "Refusal to open a criminal case.",
            ),
            DemoProceeding(
                FI,
                "Karaganda city court no. 2",
                "2019-04-01",
                "2019-05-14",
                DISMISSED,
                "1-988/2019",
                CRIM,
            ),
            DemoProceeding(
                AP,
                "Karaganda regional court",
                "2019-05-28",
                "2019-07-02",
                DISMISSED,
                "2a-210/2019",
                CRIM,
            ),
        ],
        respondent="Karaganda Regional Police Department",
    ),
    DemoCase(
        "KIBHR-2022-0004",
        "Extradition to a State where torture is practised (inspired by communication "
        "No. 2104/2011)",
        "almaty",
        "torture",
        "lawyer2.almaty",
        Stage.EXHAUSTION,
        "2022-09-05",
        ("Алишер Рустамович Каримов", "Alisher Rustamovich Karimov", "1990-01-30"),
        [(7, "")],
        "The client, a foreign national, is detained pending extradition to his country of "
        "origin, where he alleges he would face torture because of his religious practice.",
        confidentiality=Confidentiality.SECRET,
        proceedings=[
            DemoProceeding(
                FI,
                "Medeu district court of Almaty",
                "2022-09-12",
                "2022-10-03",
                DISMISSED,
                "2-5510/2022",
                CRIM,
            ),
            DemoProceeding(
                AP, "Almaty City Court", "2022-10-10", "2022-11-15", DISMISSED, "1a-2231/2022", CRIM
            ),
            DemoProceeding(
                CA,
                "Supreme Court of the Republic of Kazakhstan",
                "2023-02-01",
                "2023-06-20",
                DISMISSED,
                "2ук-310/2023",
                CRIM,
            ),
        ],
        respondent="Prosecutor General's Office",
    ),
    DemoCase(
        "KIBHR-2023-0005",
        "Dispersal of a peaceful rally and fines for participants (inspired by communication "
        "No. 2311/2013)",
        "almaty",
        "assembly",
        "lawyer.almaty",
        Stage.EXHAUSTION,
        "2023-01-20",
        ("Айгүл Серікқызы Тұрлыбекова", "Aigul Serikkyzy Turlybekova", "1976-04-09"),
        [(21, ""), (26, "")],
        "The client organised a rally in memory of the victims of the events of January 2022; "
        "the akimat refused permission, police dispersed the gathering and courts fined the "
        "organisers.",
        "An organiser of a commemorative rally was fined after the rally was dispersed.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised administrative court of Almaty",
                "2023-01-25",
                "2023-02-08",
                DISMISSED,
                "5-221/2023",
                OFF,
            ),
            DemoProceeding(
                AP, "Almaty City Court", "2023-02-15", "2023-03-10", DISMISSED, "3a-190/2023", OFF
            ),
            DemoProceeding(
                CA,
                "Supreme Court of the Republic of Kazakhstan",
                "2023-04-03",
                "2023-08-22",
                DISMISSED,
                "6001-23-00-6ap/101",
                OFF,
            ),
        ],
        respondent="Akimat of Almaty",
        consent_to_publish=True,
    ),
    DemoCase(
        "KIBHR-2024-0006",
        "Journalist detained while covering a protest (inspired by communication No. 2441/2014)",
        "uralsk",
        "expression",
        "lawyer.uralsk",
        Stage.EXHAUSTION,
        "2024-05-16",
        ("Данияр Болатұлы Жақыпов", "Daniyar Bolatuly Zhakypov", "1988-12-03"),
        [(9, "1"), (14, ""), (19, "2"), (21, "")],
        "A freelance journalist was detained while filming an unauthorised rally in Uralsk and "
        "sentenced to administrative arrest for 'participation'.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised administrative court of Uralsk",
                "2024-05-17",
                "2024-05-17",
                DISMISSED,
                "5-612/2024",
                OFF,
            ),
            DemoProceeding(
                AP,
                "West Kazakhstan regional court",
                "2024-05-24",
                "2024-06-20",
                DISMISSED,
                "3a-402/2024",
                OFF,
            ),
        ],
        respondent="West Kazakhstan Regional Police Department",
    ),
    DemoCase(
        "KIBHR-2024-0007",
        "Fine for distributing religious literature (inspired by communication No. 2417/2014)",
        "kostanay",
        "religion",
        "lawyer.almaty",
        Stage.SCREENING,
        "2024-11-04",
        ("Ирина Александровна Гельман", "Irina Aleksandrovna Gelman", "1963-07-19"),
        [(18, "1")],
        "The client, a Jehovah's Witness, was fined for offering religious brochures to "
        "passers-by, as 'missionary activity without registration'.",
    ),
    DemoCase(
        "KIBHR-2025-0008",
        "Blogger prosecuted for a post criticising officials (inspired by communication "
        "No. 2452/2014)",
        "shymkent",
        "expression",
        "lawyer.shymkent",
        Stage.PRIMARY_AID,
        "2025-02-10",
        ("Бауыржан Ерболұлы Ысқақов", "Baurzhan Yerboluly Yskakov", "1992-03-25"),
        [(19, "2"), (21, "")],
        "A blogger is under investigation for 'dissemination of knowingly false information' "
        "after publishing a video on corruption in the city administration.",
        confidentiality=Confidentiality.RESTRICTED,
    ),
    DemoCase(
        "KIBHR-2025-0009",
        "Refusal to register a human-rights association",
        "astana",
        "association",
        "lawyer.astana",
        Stage.DOMESTIC,
        "2025-01-13",
        ("Асель Қайратқызы Жұмабаева", "Assel Kairatkyzy Zhumabayeva", "1984-10-10"),
        [(22, "1")],
        "The Ministry of Justice refused state registration of a public association monitoring "
        "places of detention, citing deficiencies in its charter.",
        proceedings=[
            DemoProceeding(
                Instance.ADMINISTRATIVE_COMPLAINT,
                "Ministry of Justice",
                "2025-01-20",
                "2025-03-14",
                DISMISSED,
                "",
                ADM,
            ),
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Astana",
                "2025-04-02",
                "2025-06-18",
                DISMISSED,
                "7599-25-00-4/310",
                ADM,
            ),
            DemoProceeding(
                AP, "Astana City Court", "2025-07-30", "2025-09-30", DISMISSED, "3a-2877/2025", ADM
            ),
            DemoProceeding(CA, "Supreme Court of the Republic of Kazakhstan", "2026-03-02"),
        ],
        respondent="Ministry of Justice of the Republic of Kazakhstan",
    ),
    DemoCase(
        "KIBHR-2025-0010",
        "Stateless person detained for lack of documents",
        "turkestan",
        "asylum",
        "lawyer.shymkent",
        Stage.PRIMARY_AID,
        "2025-04-07",
        ("Рустам Ғанижанұлы Мамедов", "Rustam Ganizhanuly Mamedov", "1995-06-15"),
        [(9, "1"), (12, "2"), (16, "")],
        "The client, born in Kazakhstan but never documented, was detained repeatedly for "
        "breaching residence rules; statelessness determination was refused.",
        strategic=False,
    ),
    DemoCase(
        "KIBHR-2025-0011",
        "Asylum seeker facing deportation to Afghanistan",
        "almaty",
        "asylum",
        "lawyer2.almaty",
        Stage.DOMESTIC,
        "2025-03-03",
        ("Ахмад Шах Рахими", "Ahmad Shah Rahimi", "1991-09-09"),
        [(7, ""), (13, "")],
        "Refugee status was refused without an individual assessment of the risk of "
        "persecution; an expulsion order followed.",
        confidentiality=Confidentiality.SECRET,
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Almaty",
                "2025-03-20",
                "2025-05-05",
                DISMISSED,
                "7599-25-00-4a/881",
                ADM,
            ),
            DemoProceeding(
                AP, "Almaty City Court", "2025-06-01", "2025-07-15", DISMISSED, "3a-4001/2025", ADM
            ),
            DemoProceeding(CA, "Supreme Court of the Republic of Kazakhstan", "2025-12-10"),
        ],
        respondent="Migration Service of the Ministry of Internal Affairs",
    ),
    DemoCase(
        "KIBHR-2025-0012",
        "Dismissal of a teacher for wearing a headscarf",
        "taraz",
        "non-discrimination",
        "lawyer.taraz",
        Stage.DOMESTIC,
        "2025-02-25",
        ("Мадина Асқарқызы Оспанова", "Madina Askarkyzy Ospanova", "1994-02-14"),
        [(18, ""), (26, "")],
        "A school teacher was dismissed after refusing to remove her headscarf at work.",
        proceedings=[
            DemoProceeding(
                FI, "Taraz city court", "2025-03-10", "2025-05-20", DISMISSED, "2-2020/2025"
            ),
            DemoProceeding(
                AP, "Zhambyl regional court", "2025-06-18", "2025-08-19", DISMISSED, "2a-777/2025"
            ),
            DemoProceeding(CA, "Supreme Court of the Republic of Kazakhstan", "2026-01-30"),
        ],
        respondent="Education Department of Zhambyl Region",
    ),
    DemoCase(
        "KIBHR-2025-0013",
        "Conviction based on a confession obtained under duress",
        "karaganda",
        "fair-trial",
        "lawyer.karaganda",
        Stage.DOMESTIC,
        "2025-05-12",
        ("Игорь Викторович Шевцов", "Igor Viktorovich Shevtsov", "1987-04-30"),
        [(14, "3(g)"), (7, "")],
        "The client was convicted of robbery mainly on a confession he retracted in court, "
        "alleging beatings during the first night of detention.",
        confidentiality=Confidentiality.RESTRICTED,
        proceedings=[
            DemoProceeding(
                FI,
                "Karaganda city court no. 1",
                "2025-05-20",
                "2025-09-11",
                DISMISSED,
                "1-1456/2025",
                CRIM,
            ),
            DemoProceeding(
                AP,
                "Karaganda regional court",
                "2025-09-24",
                "2025-12-16",
                DISMISSED,
                "1a-1310/2025",
                CRIM,
            ),
            DemoProceeding(CA, "Court of Cassation", "2026-05-20"),
        ],
        respondent="Karaganda Regional Prosecutor's Office",
    ),
    DemoCase(
        "KIBHR-2023-0014",
        "Ban on an LGBT community event",
        "almaty",
        "assembly",
        "lawyer.almaty",
        Stage.COMMITTEE,
        "2023-05-02",
        ("Алина Сергеевна Пак", "Alina Sergeyevna Pak", "1997-11-21"),
        [(21, ""), (26, ""), (19, "2")],
        "The akimat refused to agree the venue of a community discussion event; police "
        "prevented it from taking place.",
        confidentiality=Confidentiality.RESTRICTED,
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Almaty",
                "2023-05-10",
                "2023-06-20",
                DISMISSED,
                "7599-23-00-4/640",
                ADM,
            ),
            DemoProceeding(
                AP, "Almaty City Court", "2023-07-05", "2023-08-29", DISMISSED, "3a-3310/2023", ADM
            ),
        ],
        respondent="Akimat of Almaty",
    ),
    DemoCase(
        "KIBHR-2024-0015",
        "Death in custody of a pre-trial detainee",
        "oskemen",
        "torture",
        "lawyer.karaganda",
        Stage.DOMESTIC,
        "2024-08-19",
        ("Светлана Ивановна Морозова", "Svetlana Ivanovna Morozova", "1961-02-08"),
        [(6, "1"), (7, ""), (2, "3")],
        "The client's son died in a pre-trial detention facility; the official version of "
        "suicide conflicts with the forensic findings.",
        confidentiality=Confidentiality.SECRET,
        client_is_relative=("Андрей Петрович Морозов", "Andrey Petrovich Morozov"),
        proceedings=[
            DemoProceeding(
                Instance.PROSECUTOR,
                "East Kazakhstan regional prosecutor's office",
                "2024-08-26",
                "2024-10-30",
                DISMISSED,
                "",
                CRIM,
            ),
            DemoProceeding(
                FI,
                "Ust-Kamenogorsk city court",
                "2024-11-15",
                "2025-02-04",
                DISMISSED,
                "1-322/2025",
                CRIM,
            ),
            DemoProceeding(
                AP,
                "East Kazakhstan regional court",
                "2025-02-18",
                "2025-04-22",
                DISMISSED,
                "1a-95/2025",
                CRIM,
            ),
            DemoProceeding(CA, "Court of Cassation", "2025-08-01"),
        ],
        respondent="Penitentiary Committee, EK Region",
    ),
    DemoCase(
        "KIBHR-2026-0016",
        "Trade union deregistered by court order",
        "karaganda",
        "association",
        "lawyer.karaganda",
        Stage.INTAKE,
        "2026-10-28",
        ("Ерболат Нұрланұлы Досов", "Yerbolat Nurlanuly Dossov", "1975-09-17"),
        [(22, "1")],
        "An independent trade union of mine workers was liquidated by court for failing to "
        "confirm its status within the statutory period.",
    ),
    DemoCase(
        "KIBHR-2026-0017",
        "Surveillance and searches of an activist's home",
        "uralsk",
        "expression",
        "lawyer.uralsk",
        Stage.SCREENING,
        "2026-09-15",
        ("Лаура Маратқызы Исаева", "Laura Maratkyzy Issayeva", "1990-05-05"),
        [(17, ""), (19, "2")],
        "The client's flat was searched and her devices seized in a criminal case in which she "
        "is formally a witness.",
        confidentiality=Confidentiality.RESTRICTED,
    ),
    DemoCase(
        "KIBHR-2026-0018",
        "Refusal to issue a passport to a former political prisoner",
        "astana",
        "non-discrimination",
        "lawyer.astana",
        Stage.PRIMARY_AID,
        "2026-06-01",
        ("Сәкен Төлегенұлы Бекмұхамбетов", "Saken Tolegenuly Bekmukhambetov", "1970-12-12"),
        [(12, "2"), (26, "")],
        "Migration police refuse to issue a passport, citing an unspent conviction that was "
        "in fact expunged.",
        strategic=False,
    ),
    DemoCase(
        "KIBHR-2024-0019",
        "Prosecution for participation in a banned movement",
        "shymkent",
        "association",
        "lawyer.shymkent",
        Stage.DOMESTIC,
        "2024-03-11",
        ("Жанат Бақытұлы Омаров", "Zhanat Bakytuly Omarov", "1983-07-07"),
        [(19, "2"), (22, "1"), (14, "1")],
        "The client was convicted of 'participation in an extremist organisation' for posts "
        "supporting an opposition movement declared extremist by a closed court.",
        confidentiality=Confidentiality.RESTRICTED,
        proceedings=[
            DemoProceeding(
                FI,
                "Shymkent city court",
                "2024-04-01",
                "2024-07-30",
                DISMISSED,
                "1-2390/2024",
                CRIM,
            ),
            DemoProceeding(
                AP,
                "Shymkent City Court (appeal board)",
                "2024-08-14",
                "2024-10-08",
                DISMISSED,
                "1a-840/2024",
                CRIM,
            ),
            DemoProceeding(CA, "Court of Cassation", "2025-09-01"),
        ],
        respondent="National Security Committee",
    ),
    DemoCase(
        "KIBHR-2025-0020",
        "Forced psychiatric hospitalisation of a whistle-blower",
        "kostanay",
        "fair-trial",
        "lawyer.almaty",
        Stage.DOMESTIC,
        "2025-09-02",
        ("Павел Николаевич Ершов", "Pavel Nikolayevich Yershov", "1966-01-19"),
        [(9, "1"), (9, "4"), (17, "")],
        "After complaints about corruption at a state farm, the client was placed in a "
        "psychiatric hospital by a court order made in his absence.",
        proceedings=[
            DemoProceeding(
                FI, "Kostanay city court", "2025-09-05", "2025-09-08", DISMISSED, "2-9911/2025"
            ),
            DemoProceeding(
                AP, "Kostanay regional court", "2025-10-06", "2025-11-20", DISMISSED, "2a-3381/2025"
            ),
            DemoProceeding(CA, "Supreme Court of the Republic of Kazakhstan", "2026-04-15"),
        ],
        respondent="Kostanay Regional Psychiatric Hospital",
    ),
    DemoCase(
        "KIBHR-2022-0021",
        "Denial of access to a lawyer in the first hours of detention",
        "almaty",
        "fair-trial",
        "lawyer2.almaty",
        Stage.SUBMITTED,
        "2022-01-12",
        ("Мейрамбек Айдарұлы Тұрсынов", "Meirambek Aidaruly Tursynov", "1993-10-01"),
        [(9, "3"), (14, "3(b)"), (14, "3(d)")],
        "Detained during the January 2022 events, the client was held for three days without "
        "a lawyer and convicted on statements made in that period.",
        confidentiality=Confidentiality.RESTRICTED,
        proceedings=[
            DemoProceeding(
                FI,
                "Almalinsky district court of Almaty",
                "2022-03-01",
                "2022-05-17",
                DISMISSED,
                "1-800/2022",
                CRIM,
            ),
            DemoProceeding(
                AP, "Almaty City Court", "2022-05-30", "2022-07-26", DISMISSED, "1a-1200/2022", CRIM
            ),
            DemoProceeding(
                CA,
                "Supreme Court of the Republic of Kazakhstan",
                "2022-10-03",
                "2023-02-14",
                DISMISSED,
                "2ук-55/2023",
                CRIM,
            ),
        ],
        respondent="Almaty City Police Department",
    ),
    DemoCase(
        "KIBHR-2026-0022",
        "Refused entry of a foreign journalist's Kazakh spouse",
        "almaty",
        "expression",
        "lawyer.almaty",
        Stage.INTAKE,
        "2026-11-10",
        ("Гүлнар Ержанқызы Сапарова", "Gulnar Yerzhankyzy Saparova", "1989-08-08"),
        [(23, "1"), (19, "2")],
        "The client's husband, a foreign correspondent, was refused accreditation and entry; "
        "the family is separated.",
    ),
    DemoCase(
        "KIBHR-2025-0023",
        "Conscientious objector punished for refusing military service",
        "taraz",
        "religion",
        "lawyer.taraz",
        Stage.EXHAUSTION,
        "2025-10-06",
        ("Тимур Олегович Ли", "Timur Olegovich Li", "2004-04-04"),
        [(18, "1")],
        "The client refused conscription on religious grounds; no alternative civilian "
        "service exists and he was fined.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised administrative court of Taraz",
                "2025-10-10",
                "2025-10-24",
                DISMISSED,
                "5-1900/2025",
                OFF,
            ),
            DemoProceeding(
                AP,
                "Zhambyl regional court",
                "2025-10-31",
                "2025-11-25",
                DISMISSED,
                "3a-1022/2025",
                OFF,
            ),
        ],
        respondent="Department for Defence Affairs, Zhambyl Region",
    ),
    DemoCase(
        "KIBHR-2021-0024",
        "Election observer barred from polling station",
        "astana",
        "association",
        "lawyer.astana",
        Stage.CLOSED,
        "2021-01-11",
        ("Нұрсұлтан Ерікұлы Ахметов", "Nursultan Erikuly Akhmetov", "1986-03-03"),
        [(25, "")],
        "An accredited observer was removed from a polling station during the count; the court "
        "found in his favour and the commission apologised.",
        strategic=False,
        proceedings=[
            DemoProceeding(
                FI,
                "Saryarka district court of Astana",
                "2021-01-15",
                "2021-02-20",
                Outcome.GRANTED,
                "2-410/2021",
            ),
        ],
        respondent="Precinct Election Commission no. 112",
    ),
    DemoCase(
        "KIBHR-2026-0025",
        "Beating of a prisoner by guards in a penal colony",
        "oskemen",
        "torture",
        "lawyer.karaganda",
        Stage.PRIMARY_AID,
        "2026-08-03",
        ("Арман Сейітқазыұлы Жолдасов", "Arman Seitkazyuly Zholdassov", "1982-06-26"),
        [(7, ""), (10, "1")],
        "During a 'search' the client and other prisoners were beaten by a special unit; a "
        "complaint to the prosecutor is pending.",
        confidentiality=Confidentiality.SECRET,
    ),
    DemoCase(
        "KIBHR-2026-0026",
        "Eviction of a family without alternative housing",
        "shymkent",
        "non-discrimination",
        "lawyer.shymkent",
        Stage.SCREENING,
        "2026-10-05",
        ("Зейнеп Мұхтарқызы Әлиева", "Zeynep Mukhtarkyzy Aliyeva", "1978-12-30"),
        [(17, ""), (23, "1"), (24, "1")],
        "A mother of four was evicted from municipal housing in winter after her husband's "
        "death, without an offer of alternative accommodation.",
    ),
    DemoCase(
        "KIBHR-2026-0027",
        "Ban on a peaceful protest against a new law",
        "uralsk",
        "assembly",
        "lawyer.uralsk",
        Stage.DOMESTIC,
        "2026-04-13",
        ("Максат Серікұлы Нұрғалиев", "Maksat Serikuly Nurgaliyev", "1999-09-19"),
        [(21, "")],
        "The akimat refused to agree a protest against amendments to the law on peaceful "
        "assemblies, citing 'planned public works' at every proposed venue.",
        proceedings=[
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Uralsk",
                "2026-04-20",
                "2026-06-02",
                DISMISSED,
                "7599-26-00-4/210",
                ADM,
            ),
            DemoProceeding(
                AP,
                "West Kazakhstan regional court",
                "2026-07-20",
                "2026-09-15",
                DISMISSED,
                "3a-611/2026",
                ADM,
            ),
        ],
        respondent="Akimat of Uralsk",
    ),
    DemoCase(
        "KIBHR-2026-0028",
        "Interrogation of a minor without a guardian",
        "kostanay",
        "fair-trial",
        "lawyer.almaty",
        Stage.DOMESTIC,
        "2026-07-07",
        ("Әлия Болатқызы Серікова", "Aliya Bolatkyzy Serikova", "1980-01-01"),
        [(14, "4"), (24, "1")],
        "Police questioned the client's 15-year-old son for six hours without a parent or "
        "lawyer; the statement is used against him in criminal proceedings.",
        confidentiality=Confidentiality.RESTRICTED,
        client_is_relative=("Ерасыл Болатұлы Сериков", "Yerassyl Bolatuly Serikov"),
        proceedings=[
            DemoProceeding(
                FI,
                "Kostanay city court",
                "2026-07-15",
                "2026-11-02",
                DISMISSED,
                "1-3011/2026",
                CRIM,
            ),
            DemoProceeding(AP, "Kostanay regional court", "2026-11-14"),
        ],
        respondent="Kostanay City Police Department",
    ),
    DemoCase(
        "KIBHR-2020-0029",
        "Dismissal of a doctor who spoke about shortages",
        "karaganda",
        "expression",
        "lawyer.karaganda",
        Stage.CLOSED,
        "2020-05-18",
        ("Наталья Викторовна Соколова", "Natalya Viktorovna Sokolova", "1972-10-22"),
        [(19, "2")],
        "A hospital doctor was dismissed after describing shortages of protective equipment "
        "on social media; she was reinstated after a settlement.",
        strategic=False,
        proceedings=[
            DemoProceeding(
                FI,
                "Karaganda city court no. 2",
                "2020-06-01",
                "2020-08-10",
                Outcome.GRANTED,
                "2-4410/2020",
            ),
        ],
        respondent="Regional Multidisciplinary Hospital, Karaganda",
    ),
    DemoCase(
        "KIBHR-2026-0030",
        "Online media outlet blocked without a court order",
        "almaty",
        "expression",
        "lawyer2.almaty",
        Stage.DOMESTIC,
        "2026-05-19",
        ("Ержан Қанатұлы Бекенов", "Yerzhan Kanatuly Bekenov", "1985-02-17"),
        [(19, "2"), (19, "3")],
        "The Ministry of Information blocked an independent news site by an administrative "
        "order; the editor challenges the blocking.",
        proceedings=[
            DemoProceeding(
                Instance.ADMINISTRATIVE_COMPLAINT,
                "Ministry of Culture and Information",
                "2026-05-25",
                "2026-07-10",
                DISMISSED,
                "",
                ADM,
            ),
            DemoProceeding(
                FI,
                "Specialised inter-district administrative court of Astana",
                "2026-08-03",
                "2026-10-20",
                DISMISSED,
                "7599-26-00-4/988",
                ADM,
            ),
        ],
        respondent="Ministry of Culture and Information",
    ),
]

CLOSURE_REASONS = {"KIBHR-2021-0024": "settled", "KIBHR-2020-0029": "settled"}


def seed_organisation(stdout: TextIO) -> dict[str, User]:
    branches = {}
    for code, name, city, region, head, ru, kk in BRANCHES:
        branches[code], _ = Branch.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "city": city,
                "is_head_office": head,
                **dict(zip(("name_ru", "city_ru"), ru, strict=True)),
                **dict(zip(("name_kk", "city_kk"), kk, strict=True)),
            },
        )
        if branches[code].region_id is None:  # idempotent: a region set by hand stays
            branches[code].region = Region.objects.get(code=region, valid_to__isnull=True)
            services.save_audited(branches[code], by=None, reason="Demo: region of the office")
    users = {}
    for username, first, last, role, branch, cyrillic in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                full_name_cyrillic=" ".join(cyrillic),
                email=f"{username}@remedy.example.org",
                branch=branches[branch],
                is_staff=role == Role.ADMINISTRATOR,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            stdout.write(f"  user {username} ({role})\n")
        users[username] = user
    return users


def _person(name: str, latin: str, birth: str | None, *, by: User) -> Person:
    person = Person.objects.filter(full_name=name).first()
    if person is None:
        person = services.save_audited(
            Person(
                full_name=name,
                full_name_latin=latin,
                birth_date=_d(birth),
                nationality="Kazakhstan",
                nationality_ru="Казахстан",
            ),
            by=by,
            reason="Intake",
        )
    return person


def seed_case(spec: DemoCase, users: dict[str, User]) -> Case | None:
    if Case.objects.filter(reference=spec.reference).exists():
        return None
    lawyer = users[spec.lawyer]
    supervisor = users["supervisor"]
    opened = _d(spec.opened)
    with transaction.atomic():
        case = services.case_open(
            by=lawyer,
            reference=spec.reference,
            title=spec.title,
            branch=Branch.objects.get(code=spec.branch),
            theme=Theme.objects.get(code=spec.theme),
            summary=spec.summary,
            public_summary=spec.public_summary,
            confidentiality=spec.confidentiality,
            stage=spec.stage,
            is_strategic=spec.strategic,
            responsible_lawyer=lawyer,
            opened_on=opened,
        )
        services.grant_case_access(
            case=case, user=supervisor, perms=CASE_PERMISSIONS, by=lawyer, reason="Supervisor"
        )
        victim = _person(*spec.victim, by=lawyer)
        if spec.client_is_relative:
            client = _person(*spec.client_is_relative, None, by=lawyer)
            services.save_audited(
                CaseParty(case=case, person=client, role=PartyRole.CLIENT), by=lawyer
            )
            services.save_audited(
                CaseParty(case=case, person=client, role=PartyRole.RELATIVE), by=lawyer
            )
        else:
            services.save_audited(
                CaseParty(case=case, person=victim, role=PartyRole.CLIENT), by=lawyer
            )
        services.save_audited(CaseParty(case=case, person=victim, role=PartyRole.VICTIM), by=lawyer)
        if spec.respondent:
            services.save_audited(
                CaseParty(case=case, role=PartyRole.RESPONDENT, authority_name=spec.respondent),
                by=lawyer,
            )
        for number, paragraph in spec.articles:
            services.save_audited(
                AllegedViolation(
                    case=case,
                    article=CovenantArticle.objects.get(number=number),
                    paragraph=paragraph,
                ),
                by=lawyer,
            )
        authoriser = case.parties.filter(role=PartyRole.CLIENT).first().person
        services.save_audited(
            Authorisation(
                case=case,
                person=authoriser,
                kind=AuthorisationKind.POWER_OF_ATTORNEY,
                signed_on=opened,
            ),
            by=lawyer,
        )
        if spec.consent_to_publish:
            services.save_audited(
                Authorisation(
                    case=case,
                    person=authoriser,
                    kind=AuthorisationKind.CONSENT_TO_PUBLISH,
                    signed_on=opened,
                ),
                by=lawyer,
            )
        services.save_audited(
            Activity(
                case=case,
                kind=ActivityKind.CONSULTATION,
                occurred_on=opened,
                text="First consultation: facts recorded, documents copied, options explained.",
                author=lawyer,
            ),
            by=lawyer,
        )
        # Appeal and cassation continue the first instance's procedure (civil, criminal, ...).
        first = next((p for p in spec.proceedings if p.level == FI), None)
        for p in spec.proceedings:
            procedure = first.procedure if first and p.level in (AP, CA) else p.procedure
            services.save_audited(
                Proceeding(
                    case=case,
                    level=p.level,
                    procedure_type=procedure,
                    body=p.body,
                    court_case_number=p.number,
                    filed_on=_d(p.filed),
                    decided_on=_d(p.decided),
                    outcome=p.outcome,
                    decision_summary=p.summary,
                ),
                by=lawyer,
            )
        if spec.stage == Stage.CLOSED:
            last = max((_d(p.decided) for p in spec.proceedings if p.decided), default=opened)
            case.closed_on = last
            case.closure_reason = CLOSURE_REASONS.get(spec.reference, "aid_completed")
            services.save_audited(case, by=lawyer, reason="Case closed")
    return case


def seed(stdout: TextIO) -> None:
    stdout.write("Organisation and staff\n")
    users = seed_organisation(stdout)
    stdout.write("Cases\n")
    for spec in CASES:
        if seed_case(spec, users):
            stdout.write(f"  {spec.reference} {spec.title[:60]}\n")
    # A database seeded before regions existed: its demo cases get their branch's region too.
    references = [spec.reference for spec in CASES]
    for case in Case.objects.filter(reference__in=references, violation_region__isnull=True):
        services.case_update(
            case=case,
            by=None,
            data={"violation_region": None},
            expected_version=None,
            reason="Demo: region of the violation",
        )
