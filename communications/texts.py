"""The wording of generated filings, in the languages the Committee accepts that we draft in.

The package is written in the filing's language (Russian or English), whatever the language of the
user interface, so its wording is data here rather than gettext catalogues of the UI.
"""

from __future__ import annotations

import datetime as dt

PACKAGE_LANGUAGES = ("ru", "en")

_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def long_date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return "—"
    if lang == "ru":
        return f"{day.day} {_RU_MONTHS[day.month - 1]} {day.year} г."
    return f"{day.day} {day:%B} {day.year}"


T: dict[str, dict[str, str]] = {
    "draft": {"en": "DRAFT", "ru": "ПРОЕКТ"},
    "page_of": {"en": "page {n} of {total}", "ru": "стр. {n} из {total}"},
    "comm_title": {
        "en": "Communication to the Human Rights Committee",
        "ru": "Сообщение в Комитет по правам человека",
    },
    "comm_subtitle": {
        "en": "submitted for consideration under the Optional Protocol to the International "
        "Covenant on Civil and Political Rights",
        "ru": "представленное для рассмотрения в соответствии с Факультативным протоколом к "
        "Международному пакту о гражданских и политических правах",
    },
    "date_of_communication": {"en": "Date of the communication", "ru": "Дата сообщения"},
    # `state` is the genitive in Russian: "… против Казахстана" (StateParty.name_genitive_ru).
    "versus": {"en": "{author} v. {state}", "ru": "{author} против {state}"},
    "summary": {"en": "Summary of the communication", "ru": "Краткое изложение сообщения"},
    "summary_intro": {
        "en": "This communication exceeds 20 pages; its essential elements are summarised here.",
        "ru": "Объём сообщения превышает 20 страниц; его основные элементы кратко изложены ниже.",
    },
    "s1": {
        "en": "I. Information concerning the author of the communication and the victim",
        "ru": "I. Информация об авторе сообщения и о жертве",
    },
    "author": {"en": "Author of the communication", "ru": "Автор сообщения"},
    "victim": {"en": "Victim", "ru": "Жертва"},
    "name": {"en": "Name", "ru": "Фамилия, имя, отчество"},
    "name_latin": {"en": "Name (Latin script)", "ru": "Имя латиницей"},
    "nationality": {"en": "Nationality", "ru": "Гражданство"},
    "birth": {"en": "Date and place of birth", "ru": "Дата и место рождения"},
    "address": {"en": "Address", "ru": "Адрес"},
    "correspondence": {
        "en": "Address for correspondence",
        "ru": "Адрес для корреспонденции",
    },
    "self": {
        "en": "The author submits the communication on his or her own behalf, as the victim.",
        "ru": "Автор представляет сообщение от своего имени как жертва нарушения.",
    },
    "on_behalf": {
        "en": "The author submits the communication on behalf of the victim.",
        "ru": "Автор представляет сообщение от имени жертвы.",
    },
    "authorised": {
        "en": "The victim's signed authorisation of {date} is enclosed (annex {n}).",
        "ru": "Подписанное жертвой полномочие от {date} прилагается (приложение {n}).",
    },
    "authorisation_not_enclosed": {
        "en": "[DRAFT: the victim's signed authorisation is not yet among the annexes. A form for "
        "the victim's signature is attached (authorization.pdf).]",
        "ru": "[ПРОЕКТ: подписанное жертвой полномочие ещё не включено в приложения. Бланк "
        "полномочия для подписи жертвой прилагается (authorization.pdf).]",
    },
    "name_written": {"en": "Name (original script)", "ru": "Имя в оригинальном написании"},
    "as_written": {"en": "as written", "ru": "как записано"},
    "untranslated": {
        "en": "[DRAFT: this text is not yet written in English; the Russian text follows.]",
        "ru": "[ПРОЕКТ: этот текст ещё не написан на русском языке; приводится английский текст.]",
    },
    "no_authorisation": {
        "en": "There is no signed authorisation of the victim, for the following reason:",
        "ru": "Подписанное жертвой полномочие отсутствует по следующей причине:",
    },
    "counsel": {"en": "Represented by", "ru": "Представитель"},
    "s2": {
        "en": "II. State concerned and articles of the Covenant violated",
        "ru": "II. Соответствующее государство и нарушенные статьи Пакта",
    },
    "state_party": {"en": "State party", "ru": "Государство-участник"},
    "op_in_force": {
        "en": "The Optional Protocol entered into force for the State party on {date}.",
        "ru": "Факультативный протокол вступил в силу для государства-участника {date}",
    },
    "articles": {"en": "Articles of the Covenant violated", "ru": "Нарушенные статьи Пакта"},
    "article": {"en": "Article {label}", "ru": "Статья {label}"},
    "read_with": {
        "en": "read in conjunction with article {n}",
        "ru": "в совокупности со статьёй {n}",
    },
    "s3": {
        "en": "III. Exhaustion of domestic remedies and other international procedures",
        "ru": "III. Исчерпание внутренних средств правовой защиты и другие международные процедуры",
    },
    "domestic_steps": {
        "en": "Steps taken to obtain redress in the State party:",
        "ru": "Меры, принятые для получения правовой защиты в государстве-участнике:",
    },
    "col_instance": {"en": "Instance", "ru": "Инстанция"},
    "col_body": {"en": "Court or body", "ru": "Суд или орган"},
    "col_number": {"en": "Case No.", "ru": "№ дела"},
    "col_filed": {"en": "Filed", "ru": "Подано"},
    "col_decided": {"en": "Decided", "ru": "Решение"},
    "last_decision": {"en": "Final domestic decision", "ru": "Последнее решение"},
    "col_outcome": {"en": "Outcome", "ru": "Результат"},
    "not_decided": {"en": "pending", "ru": "не рассмотрено"},
    "claims_intro": {
        "en": "Claims raised before each domestic instance:",
        "ru": "Требования, заявленные в каждой национальной инстанции:",
    },
    "col_claims": {
        "en": "Covenant rights whose substance was raised (articles)",
        "ru": "Права по Пакту, по существу заявленные (статьи)",
    },
    "col_covenant": {"en": "Covenant invoked", "ru": "Ссылка на Пакт"},
    "not_recorded": {"en": "[not recorded]", "ru": "[не указано]"},
    "not_required": {
        "en": "A request to the prosecutor for supervisory review is not a remedy that must be "
        "exhausted under article 5(2)(b) of the Optional Protocol.",
        "ru": "Ходатайство о пересмотре в порядке надзора, в том числе через прокурора, не "
        "является средством правовой защиты, подлежащим исчерпанию согласно пункту 2 b) статьи 5 "
        "Факультативного протокола.",
    },
    "other_procedures": {
        "en": "Other procedures of international investigation or settlement",
        "ru": "Другие процедуры международного разбирательства или урегулирования",
    },
    "no_other_procedure": {
        "en": "The same matter has not been submitted for examination under another procedure of "
        "international investigation or settlement.",
        "ru": "Этот же вопрос не представлялся на рассмотрение в соответствии с другой процедурой "
        "международного разбирательства или урегулирования.",
    },
    "other_unconfirmed": {
        "en": "[DRAFT: counsel has not yet confirmed whether the same matter has been submitted to "
        "another procedure of international investigation or settlement.]",
        "ru": "[ПРОЕКТ: представитель ещё не подтвердил, представлялся ли этот же вопрос на "
        "рассмотрение в соответствии с другой процедурой международного разбирательства или "
        "урегулирования.]",
    },
    "other_procedure_row": {
        "en": "{body}{ref}: {status}{date}.",
        "ru": "{body}{ref}: {status}{date}.",
    },
    "s4": {"en": "IV. Facts of the complaint", "ru": "IV. Факты, изложенные в жалобе"},
    "chronology": {"en": "Chronology of the events complained of", "ru": "Хронология событий"},
    "col_date": {"en": "Date", "ru": "Дата"},
    "col_event": {"en": "Event", "ru": "Событие"},
    "continuing": {"en": "continuing", "ru": "длящееся"},
    "statement_of_facts": {"en": "Statement of facts", "ru": "Изложение фактов"},
    "violations": {
        "en": "Alleged violations of the Covenant",
        "ru": "Предполагаемые нарушения Пакта",
    },
    "remedies": {"en": "Remedies requested", "ru": "Испрашиваемые средства правовой защиты"},
    "s5": {
        "en": "V. Checklist of supporting documents",
        "ru": "V. Перечень подтверждающих документов",
    },
    "copies_note": {
        "en": "Copies, not originals, are enclosed. Annexes are numbered as in the enclosed index.",
        "ru": "Прилагаются копии, а не оригиналы. Приложения пронумерованы согласно прилагаемому "
        "перечню.",
    },
    "col_document": {"en": "Document", "ru": "Документ"},
    "col_enclosed": {"en": "Enclosed", "ru": "Приложено"},
    "col_annexes": {"en": "Annex No.", "ru": "Приложение №"},
    "yes": {"en": "yes", "ru": "да"},
    "no": {"en": "no", "ru": "нет"},
    "chk_authorisation": {
        "en": "Written authorisation to act (if acting for another person)",
        "ru": "Письменное полномочие (если автор действует от имени другого лица)",
    },
    "chk_auth_unsigned": {
        "en": "not yet signed (form for signature: authorization.pdf)",
        "ru": "ещё не подписано (бланк для подписи: authorization.pdf)",
    },
    "chk_auth_reason": {"en": "none: see section I", "ru": "отсутствует: см. раздел I"},
    "chk_decisions": {
        "en": "Decisions of domestic courts and authorities",
        "ru": "Решения национальных судов и органов",
    },
    "chk_complaints": {
        "en": "Complaints and appeals filed domestically",
        "ru": "Жалобы, поданные в национальные органы",
    },
    "chk_other": {
        "en": "Submissions and decisions of another international procedure",
        "ru": "Документы другой международной процедуры",
    },
    "chk_evidence": {"en": "Evidence supporting the facts", "ru": "Доказательства"},
    "chk_translations": {"en": "Translations", "ru": "Переводы"},
    "signature": {"en": "Date and signature", "ru": "Дата и подпись"},
    "signature_line": {
        "en": "Signature of the author or counsel: ______________________",
        "ru": "Подпись автора или представителя: ______________________",
    },
    "place_date": {"en": "Place and date: {place}, {date}", "ru": "Место и дата: {place}, {date}"},
    # authorisation
    "auth_title": {
        "en": "Authorisation to act before the Human Rights Committee",
        "ru": "Полномочие на представление интересов в Комитете по правам человека",
    },
    "auth_text": {
        "en": "I, the undersigned, {name}, born on {birth}{place}, nationality {nationality}, "
        "residing at {address}, authorise {counsel} of {organisation} to submit on my behalf a "
        "communication to the United Nations Human Rights Committee under the Optional Protocol to "
        "the International Covenant on Civil and Political Rights concerning the violation by "
        "{state} of my rights under {articles} of the Covenant, and to represent me, to receive "
        "all correspondence and to take all steps in the proceedings before the Committee, "
        "including on its decision and the follow-up to it.",
        "ru": "Я, нижеподписавшийся(аяся), {name}, дата рождения {birth}{place}, гражданство: "
        "{nationality}, проживающий(ая) по адресу: {address}, уполномочиваю представителя "
        "({counsel}, {organisation}) представить от моего имени сообщение в Комитет ООН по "
        "правам человека "
        "в соответствии с Факультативным протоколом к Международному пакту о гражданских и "
        "политических правах о нарушении государством {state} моих прав, предусмотренных "
        "{articles} Пакта, представлять мои интересы, получать всю корреспонденцию и совершать "
        "все действия в ходе рассмотрения сообщения Комитетом, включая последующие меры по "
        "выполнению его решения.",
    },
    "auth_articles": {"en": "article(s) {list}", "ru": "статьями {list}"},
    "auth_anonymity": {
        "en": "I ask the Committee not to publish my name in its decision:   yes [  ]   no [  ]",
        "ru": "Прошу Комитет не публиковать моё имя в своём решении:   да [  ]   нет [  ]",
    },
    "auth_signature": {
        "en": "Signature: ______________________   Date: ______________   Place: ______________",
        "ru": "Подпись: ______________________   Дата: ______________   Место: ______________",
    },
    # cover letter
    "to": {"en": "To", "ru": "Кому"},
    "from": {"en": "From", "ru": "От"},
    "re": {"en": "Re", "ru": "Тема"},
    "cover_subject": {
        "en": "New individual communication under the Optional Protocol: {title}",
        "ru": "Новое индивидуальное сообщение согласно Факультативному протоколу: {title}",
    },
    "cover_salutation": {"en": "Dear Sir or Madam,", "ru": "Уважаемые дамы и господа!"},
    "cover_body": {
        "en": "On behalf of {author}, we submit the enclosed communication under the Optional "
        "Protocol to the International Covenant on Civil and Political Rights, alleging "
        "violations by {state} of {articles} of the Covenant. Domestic remedies have been "
        "pursued as set out in section III of the communication.",
        "ru": "От имени автора сообщения, {author}, направляем прилагаемое сообщение в "
        "соответствии с "
        "Факультативным протоколом к Международному пакту о гражданских и политических правах о "
        "нарушении государством {state} {articles} Пакта. Внутренние средства правовой защиты "
        "использованы, как изложено в разделе III сообщения.",
    },
    "cover_enclosures": {
        "en": "Enclosed: the communication ({pages} pages); the authorisation; the index of "
        "annexes; {annexes} annexes.",
        "ru": "Приложения: сообщение ({pages} стр.); полномочие; перечень приложений; "
        "приложения ({annexes}).",
    },
    "cover_close": {
        "en": "We remain at the Committee's disposal for any further information.",
        "ru": "Готовы предоставить Комитету любую дополнительную информацию.",
    },
    "regards": {"en": "Yours faithfully,", "ru": "С уважением,"},
    # index of annexes
    "index_title": {"en": "Index of annexes", "ru": "Перечень приложений"},
    "col_no": {"en": "No.", "ru": "№"},
    "col_title": {"en": "Document", "ru": "Документ"},
    "col_kind": {"en": "Type", "ru": "Вид"},
    "col_language": {"en": "Language", "ru": "Язык"},
    "col_pages": {"en": "Pages", "ru": "Стр."},
    "translation_in": {"en": "translation: annex {n}", "ru": "перевод: приложение {n}"},
    # stamps on every page of an annex
    "annex_stamp": {
        "en": "Annex {n} \u2014 page {page}/{total}",
        "ru": "Приложение {n} \u2014 стр. {page}/{total}",
    },
    "annex_title": {"en": "Annex {n}", "ru": "Приложение {n}"},
}


def t(key: str, lang: str, **values: object) -> str:
    text = T[key][lang]
    return text.format(**values) if values else text


INSTANCE_LABELS = {
    "administrative_complaint": {"en": "Administrative complaint", "ru": "Административная жалоба"},
    "prosecutor": {"en": "Prosecutor", "ru": "Прокуратура"},
    "first_instance": {"en": "First instance", "ru": "Первая инстанция"},
    "appeal": {"en": "Appeal", "ru": "Апелляция"},
    "cassation": {"en": "Cassation", "ru": "Кассация"},
    "supervisory_review": {"en": "Supervisory review", "ru": "Пересмотр в порядке надзора"},
}

OUTCOME_LABELS = {
    "pending": {"en": "pending", "ru": "не рассмотрено"},
    "granted": {"en": "granted", "ru": "удовлетворено"},
    "partly_granted": {"en": "partly granted", "ru": "удовлетворено частично"},
    "dismissed": {"en": "dismissed", "ru": "отказано"},
    "returned": {"en": "returned without examination", "ru": "возвращено без рассмотрения"},
    "discontinued": {"en": "discontinued", "ru": "прекращено"},
}

PROCEDURE_STATUS_LABELS = {
    "pending": {"en": "pending", "ru": "на рассмотрении"},
    "concluded": {"en": "concluded", "ru": "завершено"},
    "withdrawn": {"en": "withdrawn", "ru": "отозвано"},
}

DOCUMENT_KIND_LABELS = {
    "authorisation": {"en": "Authorisation", "ru": "Полномочие"},
    "decision": {"en": "Decision", "ru": "Решение"},
    "complaint": {"en": "Complaint or appeal", "ru": "Жалоба"},
    "evidence": {"en": "Evidence", "ru": "Доказательство"},
    "correspondence": {"en": "Correspondence", "ru": "Переписка"},
    "translation": {"en": "Translation", "ru": "Перевод"},
    "submission": {"en": "Submission", "ru": "Обращение"},
    "committee": {"en": "Committee document", "ru": "Документ Комитета"},
    "other": {"en": "Other", "ru": "Иное"},
}

LANGUAGE_LABELS = {
    "ru": {"en": "Russian", "ru": "русский"},
    "kk": {"en": "Kazakh", "ru": "казахский"},
    "en": {"en": "English", "ru": "английский"},
    "fr": {"en": "French", "ru": "французский"},
    "es": {"en": "Spanish", "ru": "испанский"},
    "other": {"en": "other", "ru": "иной"},
}

# Languages the Committee works in (OHCHR guidance); annexes in others need a translation.
COMMITTEE_LANGUAGES = ("en", "fr", "ru", "es")


def label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    entry = table.get(key)
    return entry[lang] if entry else key
