"""Seed the checklist every incident kind starts with (issue 18). Data, editable in admin.

The steps are the organisation's own contingency practice, not legal texts; where a step refers
to a legal instrument it names it (interim measures: rule 94 of the Human Rights Committee's
rules of procedure, CCPR/C/3/Rev.12).
"""

from django.db import migrations

# (kind, [(English, Russian, Kazakh), ...])
CHECKLISTS = [
    (
        "staff_detained",
        [
            (
                "Inform the head office",
                "Сообщить в головной офис",
                "Бас кеңсеге хабарлау",
            ),
            (
                "Send a lawyer to the place of detention",
                "Направить адвоката к месту задержания",
                "Ұсталған жерге адвокат жіберу",
            ),
            (
                "Notify the partners listed in the emergency contacts",
                "Уведомить партнёров из списка экстренных контактов",
                "Шұғыл байланыстар тізіміндегі серіктестерге хабарлау",
            ),
            (
                "Lock down the person's accounts (Security → Emergency lockdown)",
                "Заблокировать учётные записи сотрудника (Безопасность → Экстренная блокировка)",
                "Қызметкердің тіркелгілерін бұғаттау (Қауіпсіздік → Шұғыл бұғаттау)",
            ),
            (
                "Record when and where the lawyer was given access to the person",
                "Записать, когда и где адвоката допустили к сотруднику",
                "Адвокаттың қызметкерге қашан және қайда жіберілгенін жазу",
            ),
        ],
    ),
    (
        "client_detained",
        [
            (
                "Inform the responsible lawyer and the head office",
                "Сообщить ответственному юристу и в головной офис",
                "Жауапты заңгерге және бас кеңсеге хабарлау",
            ),
            (
                "Send a lawyer to the place of detention",
                "Направить адвоката к месту задержания",
                "Ұсталған жерге адвокат жіберу",
            ),
            (
                "Record when and where the lawyer was given access to the client",
                "Записать, когда и где адвоката допустили к клиенту",
                "Адвокаттың клиентке қашан және қайда жіберілгенін жазу",
            ),
            (
                "Consider asking the Committee for interim measures on the case (rule 94)",
                "Рассмотреть просьбу к Комитету о временных мерах по делу (правило 94)",
                "Іс бойынша Комитеттен уақытша шаралар сұрауды қарастыру (94-ереже)",
            ),
            (
                "Notify the listed partners, if the client agrees",
                "Уведомить партнёров из списка, если клиент согласен",
                "Клиент келіссе, тізімдегі серіктестерге хабарлау",
            ),
        ],
    ),
    (
        "search",
        [
            (
                "Send a lawyer to attend the search",
                "Направить адвоката для присутствия при обыске",
                "Тінтуге қатысу үшін адвокат жіберу",
            ),
            (
                "Obtain a copy of the search record and list what was taken",
                "Получить копию протокола обыска и список изъятого",
                "Тінту хаттамасының көшірмесін және алынған заттар тізімін алу",
            ),
            (
                "Lock down the accounts used on any device taken",
                "Заблокировать учётные записи, открытые на изъятых устройствах",
                "Алынған құрылғыларда ашылған тіркелгілерді бұғаттау",
            ),
            (
                "Inform the head office",
                "Сообщить в головной офис",
                "Бас кеңсеге хабарлау",
            ),
        ],
    ),
    (
        "summons",
        [
            (
                "Arrange a lawyer to accompany the person",
                "Договориться, чтобы адвокат сопровождал вызванного",
                "Шақырылған адаммен бірге адвокат баруын ұйымдастыру",
            ),
            (
                "Record the body, date and capacity (witness, suspect) of the summons",
                "Записать орган, дату и статус вызова (свидетель, подозреваемый)",
                "Шақыру органын, күнін және мәртебесін (куә, күдікті) жазу",
            ),
            (
                "Inform the head office",
                "Сообщить в головной офис",
                "Бас кеңсеге хабарлау",
            ),
        ],
    ),
    (
        "threat",
        [
            (
                "Record the threat: date, channel and exact words",
                "Записать угрозу: дата, канал и точные слова",
                "Қоқан-лоққыны жазу: күні, арнасы және нақты сөздері",
            ),
            (
                "Assess the person's safety and agree on measures",
                "Оценить безопасность человека и согласовать меры",
                "Адамның қауіпсіздігін бағалап, шараларды келісу",
            ),
            (
                "Inform the head office",
                "Сообщить в головной офис",
                "Бас кеңсеге хабарлау",
            ),
            (
                "Consider a complaint to the prosecutor's office",
                "Рассмотреть жалобу в прокуратуру",
                "Прокуратураға шағым беруді қарастыру",
            ),
        ],
    ),
    (
        "equipment_seized",
        [
            (
                "Lock down every account signed in on the devices",
                "Заблокировать все учётные записи, открытые на устройствах",
                "Құрылғыларда ашылған барлық тіркелгілерді бұғаттау",
            ),
            (
                "Obtain the seizure record",
                "Получить протокол изъятия",
                "Алу хаттамасын алу",
            ),
            (
                "Rotate the shared secrets known on those devices",
                "Сменить общие секреты, известные на этих устройствах",
                "Сол құрылғыларда белгілі ортақ құпияларды ауыстыру",
            ),
            (
                "Inform the head office",
                "Сообщить в головной офис",
                "Бас кеңсеге хабарлау",
            ),
        ],
    ),
    (
        "event_disrupted",
        [
            (
                "Account for every participant",
                "Убедиться, где находится каждый участник",
                "Әрбір қатысушының қайда екенін анықтау",
            ),
            (
                "Send lawyers to anyone detained",
                "Направить адвокатов ко всем задержанным",
                "Ұсталғандардың бәріне адвокат жіберу",
            ),
            (
                "Collect evidence: photos, videos, names of witnesses",
                "Собрать доказательства: фото, видео, имена свидетелей",
                "Дәлелдерді жинау: фото, бейне, куәлардың аты-жөні",
            ),
            (
                "Notify the listed partners and media",
                "Уведомить партнёров и СМИ из списка",
                "Тізімдегі серіктестер мен БАҚ-қа хабарлау",
            ),
        ],
    ),
    (
        "office_inspected",
        [
            (
                "Send a lawyer to the office",
                "Направить адвоката в офис",
                "Кеңсеге адвокат жіберу",
            ),
            (
                "Obtain the inspection record and its legal basis",
                "Получить акт проверки и её правовое основание",
                "Тексеру актісін және оның құқықтық негізін алу",
            ),
            (
                "Record what was examined or copied",
                "Записать, что было осмотрено или скопировано",
                "Не қаралғанын немесе көшірілгенін жазу",
            ),
            (
                "Inform the head office and the listed partners",
                "Сообщить в головной офис и партнёрам из списка",
                "Бас кеңсеге және тізімдегі серіктестерге хабарлау",
            ),
        ],
    ),
    (
        "duress_login",
        [
            (
                "Confirm that the account is locked down",
                "Убедиться, что учётная запись заблокирована",
                "Тіркелгінің бұғатталғанына көз жеткізу",
            ),
            (
                "Reach the person through a safe channel",
                "Связаться с сотрудником по безопасному каналу",
                "Қызметкермен қауіпсіз арна арқылы байланысу",
            ),
            (
                "Review the access log of the account",
                "Проверить журнал доступа этой учётной записи",
                "Осы тіркелгінің қолжетімділік журналын тексеру",
            ),
            (
                "Send a lawyer if the person is detained",
                "Направить адвоката, если сотрудник задержан",
                "Қызметкер ұсталса, адвокат жіберу",
            ),
            (
                "Rotate the shared secrets the person knew",
                "Сменить общие секреты, которые знал сотрудник",
                "Қызметкер білген ортақ құпияларды ауыстыру",
            ),
        ],
    ),
]


def seed(apps, schema_editor):
    ChecklistItem = apps.get_model("security", "ChecklistItem")
    for kind, steps in CHECKLISTS:
        for position, (en, ru, kk) in enumerate(steps, start=1):
            ChecklistItem.objects.get_or_create(
                kind=kind,
                position=position,
                defaults={"text_en": en, "text_ru": ru, "text_kk": kk},
            )


def unseed(apps, schema_editor):
    ChecklistItem = apps.get_model("security", "ChecklistItem")
    for kind, steps in CHECKLISTS:
        for position, (en, _ru, _kk) in enumerate(steps, start=1):
            ChecklistItem.objects.filter(kind=kind, position=position, text_en=en).delete()


class Migration(migrations.Migration):
    dependencies = [("security", "0001_contingency")]

    operations = [migrations.RunPython(seed, unseed)]
