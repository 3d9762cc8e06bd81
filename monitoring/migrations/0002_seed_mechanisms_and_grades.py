"""The mechanisms whose recommendations the organisation monitors, and the Committee's grades.

Grades — current scale A–E: "Report on follow-up to the concluding observations of the Human
Rights Committee", CCPR/C/128/3 (1 September 2020), summary of the assessment criteria (the
criteria below are quoted from it). Sub-grades of the two-round procedure (2008–2017): B1/B2 as
listed by the CCPR Centre, "Overview of the Follow-up Procedure of the Human Rights Committee"
(ccprcentre.org, 12 June 2023); C2 as described in OHCHR's news of 13 July 2015 on the Special
Rapporteur's report; C1, D1, D2 are used in the Committee's 2015 reports (CCPR Centre, 114th
session in brief) but their wording here is not verified against the Committee's note
CCPR/C/108/2 and is marked so. Rows an administrator edited are never overwritten.
"""

from django.db import migrations

MECHANISMS = [
    # code, kind, abbreviation, name, name_ru, name_kk
    ("hrc-co", "treaty_body", "HRC",
     "Human Rights Committee — concluding observations",
     "Комитет по правам человека — заключительные замечания",
     "Адам құқықтары жөніндегі комитет — қорытынды ескертулер"),
    ("cat", "treaty_body", "CAT", "Committee against Torture", "Комитет против пыток",
     "Азаптауға қарсы комитет"),
    ("cedaw", "treaty_body", "CEDAW",
     "Committee on the Elimination of Discrimination against Women",
     "Комитет по ликвидации дискриминации в отношении женщин",
     "Әйелдерге қатысты кемсітушілікті жою жөніндегі комитет"),
    ("cerd", "treaty_body", "CERD", "Committee on the Elimination of Racial Discrimination",
     "Комитет по ликвидации расовой дискриминации",
     "Нәсілдік кемсітушілікті жою жөніндегі комитет"),
    ("cescr", "treaty_body", "CESCR", "Committee on Economic, Social and Cultural Rights",
     "Комитет по экономическим, социальным и культурным правам",
     "Экономикалық, әлеуметтік және мәдени құқықтар жөніндегі комитет"),
    ("crc", "treaty_body", "CRC", "Committee on the Rights of the Child",
     "Комитет по правам ребенка", "Бала құқықтары жөніндегі комитет"),
    ("upr", "upr", "UPR", "Universal Periodic Review (Human Rights Council)",
     "Универсальный периодический обзор (Совет по правам человека)",
     "Әмбебап кезеңдік шолу (Адам құқықтары жөніндегі кеңес)"),
    ("special-procedures", "special_procedure", "SP",
     "UN special procedures (special rapporteurs, working groups)",
     "Специальные процедуры ООН (специальные докладчики, рабочие группы)",
     "БҰҰ арнайы рәсімдері (арнайы баяндамашылар, жұмыс топтары)"),
    ("osce-odihr", "regional", "OSCE/ODIHR",
     "OSCE Office for Democratic Institutions and Human Rights",
     "Бюро ОБСЕ по демократическим институтам и правам человека",
     "ЕҚЫҰ Демократиялық институттар және адам құқықтары жөніндегі бюросы"),
    # Established in 2013 on the initiative of the Ministry of Foreign Affairs (Astana Times,
    # 28 October 2024; Kazakhstan Today, 20 March 2025).
    ("national-dialogue", "national", "HDDP",
     "Consultative and Advisory Body \"Human Dimension Dialogue Platform\"",
     "Консультативно-совещательный орган «Диалоговая площадка по человеческому измерению»",
     "«Адами өлшем жөніндегі диалог алаңы» консультативтік-кеңесші органы"),
    ("hrc-views", "views", "HRC Views",
     "Human Rights Committee — Views on individual communications",
     "Комитет по правам человека — соображения по индивидуальным сообщениям",
     "Адам құқықтары жөніндегі комитет — жеке хабарламалар бойынша пікірлер"),
]

CURRENT = "CCPR/C/128/3 (2020), assessment criteria"
OVERVIEW = (
    "CCPR Centre, Overview of the Follow-up Procedure of the Human Rights Committee "
    "(https://ccprcentre.org/ccprpages/the-follow-up-procedure-of-the-human-rights-committee)"
)
GRADES = [
    # code, current, status, label, label_ru, label_kk, description, source, verified
    ("A", True, "implemented", "Reply/action largely satisfactory",
     "Ответ/меры в основном удовлетворительны",
     "Жауап/шаралар негізінен қанағаттанарлық",
     "The State party has provided evidence of significant action taken towards the "
     "implementation of the recommendation made by the Committee.", CURRENT, True),
    ("B", True, "partial", "Reply/action partially satisfactory",
     "Ответ/меры частично удовлетворительны",
     "Жауап/шаралар ішінара қанағаттанарлық",
     "The State party has taken steps towards the implementation of the recommendation, but "
     "additional information or action remains necessary.", CURRENT, True),
    ("B1", False, "partial", "Substantive action taken, but additional information required",
     "Приняты существенные меры, но требуется дополнительная информация",
     "Елеулі шаралар қабылданды, бірақ қосымша ақпарат қажет", "", OVERVIEW, True),
    ("B2", False, "partial",
     "Initial action taken, but additional information and measures required",
     "Приняты первоначальные меры, но требуются дополнительная информация и меры",
     "Алғашқы шаралар қабылданды, бірақ қосымша ақпарат пен шаралар қажет", "", OVERVIEW, True),
    ("C", True, "not_implemented", "Reply/action not satisfactory",
     "Ответ/меры неудовлетворительны", "Жауап/шаралар қанағаттанарлықсыз",
     "A response has been received, but action taken or information provided by the State "
     "party is not relevant or does not implement the recommendation.", CURRENT, True),
    ("C1", False, "not_implemented",
     "Response received, but actions taken do not implement the recommendation",
     "Ответ получен, но принятые меры не выполняют рекомендацию",
     "Жауап алынды, бірақ қабылданған шаралар ұсынымды орындамайды", "",
     OVERVIEW + "; wording unverified", False),
    ("C2", False, "not_implemented", "Response received, but not relevant to the recommendation",
     "Ответ получен, но не относится к рекомендации",
     "Жауап алынды, бірақ ұсынымға қатысы жоқ", "",
     "OHCHR news, 13 July 2015, Human Rights Committee discusses follow-up", True),
    ("D", True, "no_information", "No cooperation with the Committee",
     "Отсутствие сотрудничества с Комитетом", "Комитетпен ынтымақтастықтың болмауы",
     "No follow-up report has been received after the reminder(s).", CURRENT, True),
    ("D1", False, "no_information",
     "No response received within the deadline, or no reply to a specific question",
     "Ответ не получен в срок или нет ответа на конкретный вопрос",
     "Жауап мерзімінде алынбады немесе нақты сұраққа жауап жоқ", "",
     OVERVIEW + "; wording unverified", False),
    ("D2", False, "no_information", "No response received after reminder(s)",
     "Ответ не получен после напоминания (напоминаний)",
     "Еске салудан (еске салулардан) кейін жауап алынбады", "",
     OVERVIEW + "; wording unverified", False),
    ("E", True, "regressed",
     "Information or measures taken are contrary to or reflect rejection of the recommendation",
     "Информация или принятые меры противоречат рекомендации или свидетельствуют о её "
     "отклонении",
     "Ақпарат немесе қабылданған шаралар ұсынымға қайшы немесе оны қабылдамауды білдіреді",
     "", CURRENT, True),
]


def forward(apps, schema_editor):
    Mechanism = apps.get_model("monitoring", "Mechanism")
    FollowUpGrade = apps.get_model("monitoring", "FollowUpGrade")
    for position, (code, kind, abbreviation, name, name_ru, name_kk) in enumerate(MECHANISMS):
        Mechanism.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "abbreviation": abbreviation,
                "name": name,
                "name_ru": name_ru,
                "name_kk": name_kk,
                "position": position,
            },
        )
    for position, row in enumerate(GRADES):
        code, current, status, label, label_ru, label_kk, description, source, verified = row
        FollowUpGrade.objects.get_or_create(
            code=code,
            defaults={
                "current": current,
                "status": status,
                "label": label,
                "label_ru": label_ru,
                "label_kk": label_kk,
                "description": description,
                "source": source,
                "verified": verified,
                "position": position,
            },
        )


def backward(apps, schema_editor):
    apps.get_model("monitoring", "FollowUpGrade").objects.all().delete()
    apps.get_model("monitoring", "Mechanism").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
