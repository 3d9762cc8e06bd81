"""Demo data for the public precedent database: five demo cases published, one then unpublished.

Each goes through the real gates: the client's consent to publish (recorded here where the base
demo has none), the residue check, approval by a supervisor who did not prepare it, then
publication by the responsible lawyer. KIBHR-2023-0005 is then unpublished, so the public site
shows a tombstone at its address. The texts are anonymised summaries written for the demo; every
case and person behind them is fictional (the Views' symbols of the two flow cases are the demo's
own numbers, so no link to an official text is given). Idempotent: a case whose publication was
ever published is left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from casework import services as case_services
from casework.models import Authorisation, AuthorisationKind, Case, PartyRole, User
from publication import selectors, services

ARREST = "Criminal conviction for an 'unsanctioned' rally"
PICKET = "Detention of a solitary picketer in front of parliament"

TEXTS = {
    "KIBHR-2021-0001": {
        "title_ru": "Административный арест за одиночный пикет",
        "summary_ru": (
            "Мужчина провёл одиночный мирный пикет с плакатом о земельной реформе у здания "
            "акимата. Через несколько минут полиция задержала его; специализированный "
            "административный суд назначил ему 10 суток административного ареста за нарушение "
            "порядка проведения мирного собрания. Апелляционный суд оставил постановление без "
            "изменения.\n\nДело касается применения статей 19 и 21 Пакта к одиночному пикету, "
            "который национальное законодательство рассматривает как собрание, требующее "
            "уведомления."
        ),
        "title_kk": "Жалғыз адамдық пикет үшін әкімшілік қамақ",
        "summary_kk": (
            "Бір азамат әкімдік ғимаратының алдында жер реформасы туралы плакатпен жалғыз өзі "
            "бейбіт пикет өткізді. Бірнеше минуттан кейін полиция оны ұстады; мамандандырылған "
            "әкімшілік сот бейбіт жиын өткізу тәртібін бұзғаны үшін оған 10 тәулік әкімшілік "
            "қамақ тағайындады. Апелляциялық сот қаулыны өзгеріссіз қалдырды."
        ),
        "title_en": "Administrative arrest for a solitary picket",
        "summary_en": (
            "A man held a one-person peaceful picket with a poster about land reform in front of "
            "the akimat. Police detained him within minutes; a specialised administrative court "
            "sentenced him to 10 days of administrative arrest for breaching the procedure for "
            "holding a peaceful assembly. The appeal court upheld the decision.\n\nThe case "
            "concerns articles 19 and 21 of the Covenant as applied to a solitary picket, which "
            "domestic law treats as an assembly requiring prior notification."
        ),
    },
    "KIBHR-2020-0002": {
        "title_ru": "Штраф за богослужение в частном доме",
        "summary_ru": (
            "Пастор протестантской общины был оштрафован и обязан покинуть страну за проведение "
            "богослужения в частном доме без регистрации религиозного объединения. Суды первой "
            "и апелляционной инстанций оставили наказание в силе. Сообщение находится на "
            "рассмотрении Комитета по правам человека."
        ),
        "title_kk": "Жеке үйде құлшылық еткені үшін айыппұл",
        "summary_kk": (
            "Протестант қауымының пасторына діни бірлестікті тіркеусіз жеке үйде құлшылық "
            "жүргізгені үшін айыппұл салынып, елден шығу міндеттелді. Бірінші және "
            "апелляциялық сатыдағы соттар жазаны күшінде қалдырды. Хабарлама Адам құқықтары "
            "жөніндегі комитетте қаралуда."
        ),
        "title_en": "Fine for worship in a private home",
        "summary_en": (
            "A Protestant minister was fined and ordered to leave the country for leading "
            "worship in a private home without registration of the religious association. The "
            "first-instance and appeal courts upheld the penalty. The communication is pending "
            "before the Human Rights Committee."
        ),
    },
    "KIBHR-2023-0005": {
        "title_ru": "Разгон мирного митинга памяти и штрафы организаторам",
        "summary_ru": (
            "Организатор митинга в память о жертвах январских событий 2022 года получил отказ "
            "акимата; полиция разогнала собравшихся, суды оштрафовали организаторов. "
            "Кассационная инстанция оставила постановления в силе."
        ),
        "title_en": "Dispersal of a commemorative rally and fines for its organisers",
        "summary_en": (
            "The organiser of a rally in memory of the victims of the January 2022 events was "
            "refused permission by the akimat; police dispersed the gathering and the courts "
            "fined the organisers. The cassation court upheld the decisions."
        ),
    },
    ARREST: {
        "title_ru": "Уголовный приговор за «несанкционированный» митинг",
        "summary_ru": (
            "Организатор мирного митинга против роста цен был осуждён по уголовной статье о "
            "нарушении порядка проведения собраний. Апелляционный и кассационный суды "
            "оставили приговор в силе.\n\nКомитет по правам человека признал нарушение статей "
            "19 и 21 Пакта: государство не показало, что уголовное наказание было необходимо "
            "для защиты какой-либо законной цели. Специальный докладчик по последующим "
            "мерам оценил выполнение Соображений как частично удовлетворительное."
        ),
        "title_kk": "«Рұқсатсыз» митинг үшін қылмыстық үкім",
        "summary_kk": (
            "Бағаның өсуіне қарсы бейбіт митингіні ұйымдастырушы жиналыстар өткізу тәртібін "
            "бұзу туралы қылмыстық бап бойынша сотталды. Апелляциялық және кассациялық соттар "
            "үкімді күшінде қалдырды.\n\nАдам құқықтары жөніндегі комитет Пактінің 19 және "
            "21-баптарының бұзылғанын анықтады."
        ),
        "title_en": "Criminal conviction for an 'unsanctioned' rally",
        "summary_en": (
            "The organiser of a peaceful rally against rising prices was convicted under the "
            "criminal offence of breaching the procedure for assemblies. The appeal and "
            "cassation courts upheld the conviction.\n\nThe Human Rights Committee found "
            "violations of articles 19 and 21 of the Covenant: the State had not shown that a "
            "criminal penalty was necessary to protect any legitimate aim. The Special "
            "Rapporteur for follow-up graded the implementation of the Views as partially "
            "satisfactory."
        ),
        "document": (
            "Summary of the Committee's Views (prepared by the organisation)",
            "en",
            "The Committee considered that the author's conviction for organising a peaceful "
            "rally restricted his freedom of expression and his right of peaceful assembly.\n\n"
            "The State party did not explain why a criminal penalty was necessary in a "
            "democratic society, nor why a lesser measure would not have sufficed.\n\n"
            "The Committee concluded that the facts disclosed violations of articles 19 and 21 "
            "of the Covenant and asked the State party to provide an effective remedy, "
            "including adequate compensation, and to review its legislation on assemblies.",
        ),
    },
    PICKET: {
        "title_ru": "Арест одиночного пикетчика у здания парламента",
        "summary_ru": (
            "Женщина вышла к зданию парламента с плакатом о политических заключённых и была "
            "арестована на 10 суток. Суды всех инстанций оставили арест в силе.\n\nКомитет по "
            "правам человека признал нарушение статей 9, 19 и 21 Пакта. Государство не "
            "сообщило о мерах по выполнению Соображений."
        ),
        "title_en": "Arrest of a solitary picketer in front of parliament",
        "summary_en": (
            "A woman stood alone in front of parliament with a poster about political "
            "prisoners and was arrested for 10 days. The courts at every instance upheld the "
            "arrest.\n\nThe Human Rights Committee found violations of articles 9, 19 and 21 of "
            "the Covenant. The State party has not reported any measure to implement the Views."
        ),
    },
}
UNPUBLISH = "KIBHR-2023-0005"


def _case(key: str) -> Case | None:
    if key.startswith("KIBHR-"):
        return Case.objects.filter(reference=key).first()
    return Case.objects.filter(title=key).order_by("pk").first()


def _ensure_consent(case: Case, by: User) -> None:
    if selectors.consent_to_publish_in_force(case):
        return
    client = case.parties.filter(role=PartyRole.CLIENT, person__isnull=False).first()
    if client is None:
        return
    case_services.authorisation_record(
        case=case,
        by=by,
        person=client.person,
        kind=AuthorisationKind.CONSENT_TO_PUBLISH,
        signed_on=min(dt.date(2026, 6, 1), case.opened_on + dt.timedelta(days=400)),
        reason="Demo: the client consented to anonymised publication",
    )


def seed(stdout: TextIO) -> None:
    supervisor = User.objects.filter(username="supervisor").first()
    if supervisor is None:
        stdout.write("Publication demo skipped: no supervisor.\n")
        return
    published = 0
    for key, texts in TEXTS.items():
        case = _case(key)
        if case is None:
            continue
        lawyer = case.responsible_lawyer or case.created_by
        existing = selectors.publication_for(case)
        if existing is not None and existing.snapshots.exists():
            continue
        _ensure_consent(case, lawyer)
        publication = services.publication_start(case=case, by=lawyer)
        fields = {k: v for k, v in texts.items() if k != "document"}
        services.publication_update(publication=publication, by=lawyer, data=fields)
        if "document" in texts and not publication.documents.exists():
            title, language, text = texts["document"]
            services.document_add(
                publication=publication,
                by=lawyer,
                source=None,
                title=title,
                language=language,
                text=text,
            )
        hits = services.residue_check(publication=publication, by=lawyer)
        if hits:
            stdout.write(f"  publication: {case.reference} not published, residue found: {hits}\n")
            continue
        services.publication_approve(publication=publication, by=supervisor)
        services.publication_publish(publication=publication, by=lawyer)
        published += 1
        if key == UNPUBLISH:
            services.publication_unpublish(
                publication=publication,
                by=lawyer,
                reason="Demo: the client asked for the case to be taken off the public site",
            )
    live = Authorisation.objects.filter(kind=AuthorisationKind.CONSENT_TO_PUBLISH).count()
    stdout.write(f"Publication demo: {published} case(s) published ({live} consents on file).\n")
