"""CSV import: all or nothing, line-numbered errors, exit 2, idempotent."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from monitoring.importer import import_csv
from monitoring.models import Recommendation

HEADER = "mechanism,symbol,paragraph,date,text_en,text_ru,themes,articles,position,cycle,verified\n"
GOOD = (
    HEADER
    + "cat,CAT/C/KAZ/CO/4,10,2023-06-08,Investigate torture.,,torture,7,,,no\n"
    + 'upr,A/HRC/43/10,141.22,2020-01-08,"Ratify, then report.",,,,supported,3,no\n'
).encode()


def test_a_good_file_imports_every_row(org):
    result = import_csv(GOOD, by=org.analyst)
    assert result.ok and result.created == 2
    rec = Recommendation.objects.get(paragraph="141.22")
    assert rec.state_position == "supported" and rec.upr_cycle == 3
    assert rec.text_en == "Ratify, then report."
    assert list(
        Recommendation.objects.get(paragraph="10").articles.values_list("number", flat=True)
    ) == [7]


def test_importing_the_same_file_twice_changes_nothing(org):
    import_csv(GOOD, by=org.analyst)
    history = sum(r.history.count() for r in Recommendation.objects.all())
    result = import_csv(GOOD, by=org.analyst)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Recommendation.objects.count() == 2
    assert sum(r.history.count() for r in Recommendation.objects.all()) == history


def test_a_changed_row_updates_its_recommendation(org):
    import_csv(GOOD, by=org.analyst)
    result = import_csv(
        GOOD.replace(b"Investigate torture.", b"Investigate all torture."), by=org.analyst
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)


def test_a_file_with_a_bad_row_imports_nothing_and_names_each_bad_line(org):
    bad = GOOD + (
        b"nope,X/1,1,2020-01-01,Text,,,,,,no\n"
        b"cat,CAT/C/KAZ/CO/4,11,08.06.2023,,,martians,99,supported,,maybe\n"
        b"cat,CAT/C/KAZ/CO/4,10,2023-06-08,Duplicate key.,,,,,,no\n"
    )
    result = import_csv(bad, by=org.analyst)
    assert not result.ok
    assert Recommendation.objects.count() == 0
    messages = {e.line: e.message for e in result.errors}
    assert set(messages) == {4, 5, 6}
    assert "unknown mechanism" in messages[4]
    for part in (
        "not YYYY-MM-DD",
        "English or Russian",
        "unknown themes: martians",
        "Covenant article",
        "only UPR",
        "yes or no",
    ):
        assert part in messages[5], part
    assert "as line 2" in messages[6]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"mechanism,symbol\ncat,X\n", "Missing columns: paragraph"),
        (b"mechanism,symbol,paragraph,colour\n", "Unknown columns: colour"),
        ("mechanism,symbol,paragraph\n".encode("utf-16"), "UTF-8"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_broken_files_get_a_clear_reason(org, data, message):
    result = import_csv(data, by=org.analyst)
    assert not result.ok and message in str(result.errors[0])


def test_only_editors_import(org):
    assert not import_csv(GOOD, by=org.lawyer).ok
    assert Recommendation.objects.count() == 0


def test_the_command_exits_2_on_a_bad_file_and_imports_a_good_one(org, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(GOOD + b"cat,,1,,,,,,,,\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_recommendations", str(bad), "--user", "analyst")
    assert exit_info.value.code == 2
    assert "line 4:" in capsys.readouterr().err
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD)
    call_command("import_recommendations", str(good), "--user", "analyst")
    assert Recommendation.objects.count() == 2


def test_the_import_page_lists_bad_rows_and_keeps_nothing(client, org):
    client.force_login(org.supervisor)
    url = reverse("monitoring:import")
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", GOOD + b"cat,,1,,,,,,,,\n")})
    assert response.status_code == 400
    assert "line 4:" in response.content.decode()
    assert Recommendation.objects.count() == 0
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", GOOD)})
    assert response.status_code == 302 and Recommendation.objects.count() == 2


def test_a_file_without_a_column_leaves_that_field_as_it_is(org):
    """Data entered on the pages is not lost to a file that simply lacks the column."""
    import_csv(GOOD, by=org.analyst)
    rec = Recommendation.objects.get(paragraph="10")
    rec.text_kk, rec.verified, rec.responsible_body = "Азаптауды тергеу.", True, "Prosecutor"
    rec.save()
    narrow = b"mechanism,symbol,paragraph,text_en\ncat,CAT/C/KAZ/CO/4,10,Investigate all torture.\n"
    result = import_csv(narrow, by=org.analyst)
    assert (result.created, result.updated) == (0, 1)
    rec.refresh_from_db()
    assert rec.text_en == "Investigate all torture."
    assert (rec.text_kk, rec.verified, rec.responsible_body) == (
        "Азаптауды тергеу.",
        True,
        "Prosecutor",
    )
    assert str(rec.issued_on) == "2023-06-08"
    assert list(rec.themes.values_list("code", flat=True)) == ["torture"]
    assert list(rec.articles.values_list("number", flat=True)) == [7]
    assert import_csv(narrow, by=org.analyst).unchanged == 1
