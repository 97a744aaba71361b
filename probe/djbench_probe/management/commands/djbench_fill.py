"""Fill djbench's database with made-up rows for every model of the project.

`djbench doctor` runs it when a scenario names no seed of its own, so that a
project's list pages have rows to list (and their N+1 queries something to
repeat over), at two sizes: `--rows 10`, then `--rows 40`. It writes only to
the database the settings overlay points at, which is djbench's own.

Every concrete, managed model of the project's own apps (those whose code is
in the project's folder) gets `--rows` rows, and so does every model they
point at that has none yet (the user model, say). Models are filled in the
order of their foreign keys. Each field gets a value of its type, unique
where it must be, one of its choices where it has them; a foreign key points
at a random row of its model, a many-to-many field gets one to three. Rows
are saved one by one with save(), so the model's own save() logic runs; a row
that cannot be saved is skipped, and the command says how many and why.
"""
import datetime
import decimal
import random
import uuid

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone

from djbench_probe import trace


class Command(BaseCommand):
    help = "Fill djbench's database with made-up rows for every model of the project."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10, help="rows per model (default 10)")
        parser.add_argument("--seed", type=int, default=1, help="seed of the random choices")

    def handle(self, *args, **options):
        rows = options["rows"]
        if rows < 1:
            raise SystemExit("djbench_fill: --rows must be at least 1")
        filler = Filler(rows, random.Random(options["seed"]))
        for model in fill_order(project_models()):
            created, failed, first_error = filler.fill(model)
            line = f"{model._meta.label}: {created} rows"
            if failed:
                line += f", {failed} not saved (first: {first_error})"
            self.stdout.write(line)


def project_models():
    """The concrete, managed models of the apps whose code is in the project."""
    found = []
    for config in apps.get_app_configs():
        if not trace.in_project(config.path + "/__init__.py"):
            continue
        for model in config.get_models():
            meta = model._meta
            if meta.abstract or meta.proxy or not meta.managed or meta.swapped:
                continue
            found.append(model)
    return found


def _targets(model):
    """The models `model`'s required and optional foreign keys point at."""
    out = []
    for field in model._meta.concrete_fields:
        if field.is_relation and (field.many_to_one or field.one_to_one):
            target = field.related_model
            if target is not None and target is not model and not target._meta.abstract:
                out.append(target)
    return out


def fill_order(models_to_fill):
    """The models to fill, and the empty models they point at, targets first."""
    ordered = []
    seen = set()

    def visit(model, chain):
        if model in seen or model in chain:
            return
        for target in _targets(model):
            if target in models_to_fill or not target._default_manager.exists():
                visit(target, chain | {model})
        seen.add(model)
        ordered.append(model)

    for model in models_to_fill:
        visit(model, frozenset())
    return ordered


class Filler:
    def __init__(self, rows, rng):
        self.rows = rows
        self.rng = rng
        self.base_date = datetime.date(2020, 1, 1)

    def fill(self, model):
        created = failed = 0
        first_error = ""
        start = model._default_manager.count()
        for i in range(start, start + self.rows):
            try:
                with transaction.atomic():
                    instance = model(**self.values(model, i))
                    instance.save()
                    self.fill_many(instance)
                created += 1
            except Exception as e:  # noqa: BLE001 - a row the model refuses is skipped, and said
                failed += 1
                first_error = first_error or f"{type(e).__name__}: {e}"[:200]
        return created, failed, first_error

    def values(self, model, i):
        out = {}
        for field in model._meta.concrete_fields:
            if field.auto_created or isinstance(field, models.AutoField) or getattr(field, "generated", False):
                continue
            value = self.value(model, field, i)
            if value is not _SKIP:
                out[field.attname if field.is_relation else field.name] = value
        return out

    def value(self, model, field, i):
        if field.is_relation:
            return self.related(field, i)
        if field.choices:
            choices = [c for c, _ in field.flatchoices]
            return choices[i % len(choices)] if choices else _SKIP
        if field.has_default() and not field.unique:
            return _SKIP
        return self.plain(model, field, i)

    def related(self, field, i):
        target = field.related_model
        pks = list(target._default_manager.values_list("pk", flat=True)[:1000])
        if field.one_to_one:
            used = set(
                field.model._default_manager.values_list(field.attname, flat=True)
            )
            free = [pk for pk in pks if pk not in used]
            if not free:
                return _SKIP if field.null else None
            return free[0]
        if not pks:
            return _SKIP if field.null else None
        return self.rng.choice(pks)

    def plain(self, model, field, i):
        if isinstance(field, models.BooleanField):
            return i % 2 == 0
        if isinstance(field, (models.PositiveSmallIntegerField, models.SmallIntegerField)):
            return i % 30000
        if isinstance(field, models.IntegerField):
            return i
        if isinstance(field, models.DecimalField):
            whole_digits = max(0, (field.max_digits or 6) - (field.decimal_places or 0) - 1)
            whole = i % (10 ** whole_digits) if whole_digits else 0
            places = field.decimal_places or 0
            return decimal.Decimal(f"{whole}.{'5'.ljust(places, '0')}" if places else f"{whole}")
        if isinstance(field, models.FloatField):
            return i + 0.5
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime(2020, 1, 1, 12, 0) + datetime.timedelta(hours=i)
            return timezone.make_aware(moment, datetime.timezone.utc) if settings.USE_TZ else moment
        if isinstance(field, models.DateField):
            return self.base_date + datetime.timedelta(days=i)
        if isinstance(field, models.TimeField):
            return datetime.time(i % 24, i % 60)
        if isinstance(field, models.DurationField):
            return datetime.timedelta(seconds=i)
        if isinstance(field, models.UUIDField):
            return uuid.UUID(int=self.rng.getrandbits(128))
        if isinstance(field, models.EmailField):
            return f"{model._meta.model_name}{i}@example.com"
        if isinstance(field, models.URLField):
            return f"https://example.com/{model._meta.model_name}/{i}"
        if isinstance(field, models.GenericIPAddressField):
            return f"10.0.{i // 256 % 256}.{i % 256}"
        if isinstance(field, models.SlugField):
            return _fit(f"{model._meta.model_name}-{field.name}", f"-{i}", field.max_length)
        if isinstance(field, models.FileField):
            return _fit(f"djbench/{model._meta.model_name}", f"-{i}.txt", field.max_length)
        if isinstance(field, models.BinaryField):
            return b""
        if isinstance(field, models.JSONField):
            return {}
        if isinstance(field, (models.CharField, models.TextField)):
            # The row's number last, so that a value cut to max_length stays unique.
            return _fit(f"{model._meta.model_name} {field.name}".title(), f" {i}", field.max_length)
        if field.null:
            return None
        return _SKIP

    def fill_many(self, instance):
        for field in instance._meta.many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            pks = list(field.related_model._default_manager.values_list("pk", flat=True)[:1000])
            if pks:
                getattr(instance, field.name).set(
                    self.rng.sample(pks, min(len(pks), self.rng.randint(1, 3)))
                )


_SKIP = object()


def _fit(text, suffix, max_length):
    """`text` + `suffix`, `text` cut so that the whole fits `max_length`."""
    if not max_length:
        return text + suffix
    return text[: max(0, max_length - len(suffix))] + suffix
