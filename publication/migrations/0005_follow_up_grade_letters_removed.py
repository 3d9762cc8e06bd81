"""Step 3: the letters go and the reference takes their name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("publication", "0004_follow_up_grade_copied")]

    operations = [
        migrations.RemoveField(model_name="publication", name="follow_up_grade"),
        migrations.RemoveField(model_name="historicalpublication", name="follow_up_grade"),
        migrations.RenameField(model_name="publication", old_name="grade", new_name="follow_up_grade"),
        migrations.RenameField(
            model_name="historicalpublication", old_name="grade", new_name="follow_up_grade"
        ),
    ]
