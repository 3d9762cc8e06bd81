"""Step 2: each letter (and each history row's) points at that grade of today's scale. Its own
migration: on PostgreSQL rows written in a transaction block the DDL that follows them."""

from django.db import migrations


def letters_to_grades(apps, schema_editor):
    Grade = apps.get_model("monitoring", "FollowUpGrade")
    by_code = {grade.code: grade.pk for grade in Grade.objects.filter(current=True)}
    for name in ("Publication", "HistoricalPublication"):
        Model = apps.get_model("publication", name)
        for code, pk in by_code.items():
            Model.objects.filter(follow_up_grade=code).update(grade_id=pk)


def grades_to_letters(apps, schema_editor):
    Grade = apps.get_model("monitoring", "FollowUpGrade")
    for name in ("Publication", "HistoricalPublication"):
        Model = apps.get_model("publication", name)
        for grade in Grade.objects.all():
            Model.objects.filter(grade_id=grade.pk).update(follow_up_grade=grade.code[:1])


class Migration(migrations.Migration):
    dependencies = [("publication", "0003_follow_up_grade_reference")]

    operations = [migrations.RunPython(letters_to_grades, grades_to_letters)]
