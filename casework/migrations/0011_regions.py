"""Regions of Kazakhstan as reference data; branches and cases point to them.

Seeds the 17 regions and 3 cities of republican significance in force since 8 June 2022
(Presidential Decree of 3 May 2022 No. 887 "On some questions of the administrative-territorial
structure": Abai region split from East Kazakhstan, Zhetisu from Almaty region, Ulytau from
Karaganda region), and those three parent regions as they were until 7 June 2022. Codes are
ISO 3166-2:KZ; the sources are recorded in docs/statistics.md.

Each branch's region (free text until now) is matched to a region; each case's region of the
violation starts as its branch's region on the day the case was opened.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
import datetime as dt

from django.db import migrations, models

SPLIT_ON = dt.date(2022, 6, 8)  # Decree No. 887, in force from 8 June 2022
UNTIL = dt.date(2022, 6, 7)

# code, kind, English, Russian, Kazakh
CURRENT = [
    ("KZ-10", "region", "Abai Region", "область Абай", "Абай облысы"),
    ("KZ-11", "region", "Akmola Region", "Акмолинская область", "Ақмола облысы"),
    ("KZ-15", "region", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы"),
    ("KZ-19", "region", "Almaty Region", "Алматинская область", "Алматы облысы"),
    ("KZ-23", "region", "Atyrau Region", "Атырауская область", "Атырау облысы"),
    ("KZ-27", "region", "West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы"),
    ("KZ-31", "region", "Zhambyl Region", "Жамбылская область", "Жамбыл облысы"),
    ("KZ-33", "region", "Zhetisu Region", "область Жетісу", "Жетісу облысы"),
    ("KZ-35", "region", "Karaganda Region", "Карагандинская область", "Қарағанды облысы"),
    ("KZ-39", "region", "Kostanay Region", "Костанайская область", "Қостанай облысы"),
    ("KZ-43", "region", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы"),
    ("KZ-47", "region", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы"),
    ("KZ-55", "region", "Pavlodar Region", "Павлодарская область", "Павлодар облысы"),
    ("KZ-59", "region", "North Kazakhstan Region", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы"),
    ("KZ-61", "region", "Turkestan Region", "Туркестанская область", "Түркістан облысы"),
    ("KZ-62", "region", "Ulytau Region", "область Ұлытау", "Ұлытау облысы"),
    ("KZ-63", "region", "East Kazakhstan Region", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы"),
    ("KZ-71", "city", "Astana", "Астана", "Астана"),
    ("KZ-75", "city", "Almaty", "Алматы", "Алматы"),
    ("KZ-79", "city", "Shymkent", "Шымкент", "Шымкент"),
]
# The regions divided on 8 June 2022: the part that kept the code, and the region split off.
DIVIDED = {"KZ-63": "KZ-10", "KZ-19": "KZ-33", "KZ-35": "KZ-62"}


def seed_regions(apps, schema_editor):
    Region = apps.get_model("casework", "Region")
    for code, kind, en, ru, kk in CURRENT:
        names = {"kind": kind, "name": en, "name_ru": ru, "name_kk": kk}
        new = code in DIVIDED or code in DIVIDED.values()
        Region.objects.update_or_create(
            code=code, valid_from=SPLIT_ON if new else None, defaults=names
        )
    for code, split_off in DIVIDED.items():
        today = Region.objects.get(code=code, valid_from=SPLIT_ON)
        former, _ = Region.objects.update_or_create(
            code=code,
            valid_from=None,
            defaults={
                "kind": today.kind,
                "name": today.name,
                "name_ru": today.name_ru,
                "name_kk": today.name_kk,
                "valid_to": UNTIL,
                "successor": today,
            },
        )
        Region.objects.filter(code=split_off, valid_from=SPLIT_ON).update(split_from=former)


def _region_of_time(Region, region, day):
    """The region as it was on `day` (a former region when today's did not yet exist)."""
    if region is None or region.valid_from is None or day >= region.valid_from:
        return region
    return Region.objects.filter(successor=region, valid_to__gte=day).first() or region


def _match(Region, text):
    wanted = (text or "").strip().casefold()
    if not wanted:
        return None
    for region in Region.objects.filter(valid_to__isnull=True):
        names = {region.name, region.name_ru, region.name_kk}
        names |= {n.removesuffix(" Region") for n in names}
        if wanted in {n.casefold() for n in names}:
            return region
    return None


def point_branches_and_cases(apps, schema_editor):
    Region = apps.get_model("casework", "Region")
    Branch = apps.get_model("casework", "Branch")
    Case = apps.get_model("casework", "Case")
    for branch in Branch.objects.all():
        region = _match(Region, branch.region) or _match(Region, branch.region_ru)
        region = region or _match(Region, branch.city)  # a city of republican significance
        if region is not None:
            Branch.objects.filter(pk=branch.pk).update(region_ref=region)
    for case in Case.objects.filter(violation_region__isnull=True).select_related(
        "branch__region_ref"
    ):
        region = _region_of_time(Region, case.branch.region_ref, case.opened_on)
        if region is not None:
            Case.objects.filter(pk=case.pk).update(violation_region=region)



class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0010_accesslog_actions'),
    ]

    operations = [
        migrations.CreateModel(
            name='Region',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=6, verbose_name='ISO 3166-2 code')),
                ('kind', models.CharField(choices=[('region', 'Region (oblast)'), ('city', 'City of republican significance')], max_length=10, verbose_name='kind')),
                ('name', models.CharField(max_length=120, verbose_name='name (English)')),
                ('name_ru', models.CharField(blank=True, max_length=120, verbose_name='name (Russian)')),
                ('name_kk', models.CharField(blank=True, max_length=120, verbose_name='name (Kazakh)')),
                ('valid_from', models.DateField(blank=True, help_text='Empty: since before our records.', null=True, verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, help_text='Empty: the region exists today.', null=True, verbose_name='valid until')),
                ('split_from', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='split_off', to='casework.region', verbose_name='split from')),
                ('successor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='predecessors', to='casework.region', verbose_name='continued today by')),
            ],
            options={
                'verbose_name': 'region',
                'verbose_name_plural': 'regions',
                'ordering': ['name', 'valid_from'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalRegion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('code', models.CharField(max_length=6, verbose_name='ISO 3166-2 code')),
                ('kind', models.CharField(choices=[('region', 'Region (oblast)'), ('city', 'City of republican significance')], max_length=10, verbose_name='kind')),
                ('name', models.CharField(max_length=120, verbose_name='name (English)')),
                ('name_ru', models.CharField(blank=True, max_length=120, verbose_name='name (Russian)')),
                ('name_kk', models.CharField(blank=True, max_length=120, verbose_name='name (Kazakh)')),
                ('valid_from', models.DateField(blank=True, help_text='Empty: since before our records.', null=True, verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, help_text='Empty: the region exists today.', null=True, verbose_name='valid until')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('split_from', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.region', verbose_name='split from')),
                ('successor', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.region', verbose_name='continued today by')),
            ],
            options={
                'verbose_name': 'historical region',
                'verbose_name_plural': 'historical regions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='branch',
            name='region_ref',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='branches', to='casework.region', verbose_name='region'),
        ),
        migrations.AddField(
            model_name='case',
            name='violation_region',
            field=models.ForeignKey(blank=True, help_text="Where the violation took place. Empty: the branch's region at the time.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='casework.region', verbose_name='region of the violation'),
        ),
        migrations.AddField(
            model_name='historicalbranch',
            name='region_ref',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.region', verbose_name='region'),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='violation_region',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Where the violation took place. Empty: the branch's region at the time.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='casework.region', verbose_name='region of the violation'),
        ),
        migrations.AddConstraint(
            model_name='region',
            constraint=models.UniqueConstraint(fields=('code', 'valid_from'), name='region_code_once_per_period'),
        ),
        migrations.AddConstraint(
            model_name='region',
            constraint=models.UniqueConstraint(condition=models.Q(('valid_from__isnull', True)), fields=('code',), name='region_code_once_without_start'),
        ),
        migrations.RunPython(seed_regions, migrations.RunPython.noop),
        migrations.RunPython(point_branches_and_cases, migrations.RunPython.noop),
    ]
