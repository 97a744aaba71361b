"""Query traces: every query of one request, with where it came from.

`djbench doctor` starts the app with DJBENCH_PROBE_TRACE_DIR set and sends
requests carrying an `X-Djbench-Trace: <id>` header. For those requests (and
only those) the probe keeps, for each query:

- its SQL shape (djbench_probe.shapes) and a digest of its parameters, so the
  harness can tell a repeated query group (one shape, many parameters) from
  exact duplicates (one shape, the same parameters);
- its time;
- the innermost stack frame in the project's own code (not Django, not an
  installed package, not the probe): file, line and function;
- the template node it ran under, when a template's rendering caused it
  ({{ book.author.name }} on line 7 of catalog/book_list.html);
- the relation that loaded it lazily, when it did: a forward foreign key or
  one-to-one read (`post.author`), or a related manager read (`post.tags.all()`),
  named by model and field, with whether the queryset was sliced or counted.

and writes them as one JSON file, `<id>.json`, in that folder when the request
ends. The harness decides what is an N+1: this module only observes.

Walking the stack on every query is slow; that is why tracing is off unless
both the folder and the header are there. The measured runs never trace.
"""
import hashlib
import json
import os
import re
import sys
import tempfile

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
HEADER = "HTTP_X_DJBENCH_TRACE"
_SQL_PREVIEW = 600
_MAX_QUERIES = 5000


def directory():
    """The folder traces go to, or None when tracing is off."""
    return os.environ.get("DJBENCH_PROBE_TRACE_DIR") or None


def trace_id(request):
    """The request's trace id when this request is to be traced, else None."""
    if directory() is None:
        return None
    value = request.META.get(HEADER, "")
    return value if _ID.match(value) else None


def _real(path):
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


_PROBE_DIR = _real(os.path.dirname(os.path.abspath(__file__)))
_PROJECT_DIR = None


def project_directory():
    """The project's folder: DJBENCH_PROJECT_DIR, else the working folder."""
    global _PROJECT_DIR
    if _PROJECT_DIR is None:
        _PROJECT_DIR = _real(os.environ.get("DJBENCH_PROJECT_DIR") or os.getcwd())
    return _PROJECT_DIR


_in_project_cache = {}


def in_project(filename):
    """Whether a code file is the project's own: under its folder, and not an
    installed package (a virtualenv inside the project), nor the probe."""
    known = _in_project_cache.get(filename)
    if known is not None:
        return known
    if not os.path.isabs(filename):
        # "<frozen runpy>", "<string>", a template compiled from a string: not a file of the project.
        _in_project_cache[filename] = False
        return False
    path = _real(filename)
    root = project_directory()
    mine = (
        path.startswith(root + os.sep)
        and not path.startswith(_PROBE_DIR + os.sep)
        and os.sep + "site-packages" + os.sep not in path
        and os.sep + "dist-packages" + os.sep not in path
    )
    _in_project_cache[filename] = mine
    return mine


def _relative(path):
    root = project_directory()
    real = _real(path)
    if real.startswith(root + os.sep):
        return real[len(root) + 1:]
    return path


class Trace:
    """The queries of one traced request."""

    def __init__(self, trace_id):
        self.id = trace_id
        self.queries = []
        self.dropped = 0
        # Rows QuerySet evaluations turned into objects or values.
        self.rows = 0

    def note(self, sql, params, duration_ns, shape):
        """Keeps one query; returns its index (-1 when past the limit)."""
        if len(self.queries) >= _MAX_QUERIES:
            self.dropped += 1
            return -1
        text = sql.decode("utf-8", "replace") if isinstance(sql, bytes) else str(sql)
        frame, template, relation = _origin(sys._getframe(2))
        self.queries.append(
            {
                "shape": shape,
                "sql": text[:_SQL_PREVIEW],
                "params": _digest(params),
                "micros": round(duration_ns / 1000, 1),
                # The ORM call that ran it, tracing excluded; the database's time
                # until that call ends (a query outside any ORM call keeps it).
                "ormMicros": round(duration_ns / 1000, 1),
                "frame": frame,
                "template": template,
                "relation": relation,
            }
        )
        return len(self.queries) - 1

    def set_orm(self, index, orm_ns):
        """The time of the ORM call whose first query is queries[index]."""
        self.queries[index]["ormMicros"] = round(orm_ns / 1000, 1)

    def write(self, request, status, timings, total_ns):
        folder = directory()
        if folder is None:
            return
        document = {
            "id": self.id,
            "method": request.method,
            "path": request.get_full_path(),
            "status": status,
            "totalMicros": round(total_ns / 1000, 1),
            "dbMicros": round(timings.db_ns / 1000, 1),
            "templateMicros": round(timings.template_ns / 1000, 1),
            "vendors": list(timings.db_vendors),
            "dropped": self.dropped,
            "rows": self.rows,
            "queries": self.queries,
        }
        # Written whole, then renamed: the harness never reads half a file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".trace-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out)
        os.replace(temporary, os.path.join(folder, self.id + ".json"))


def _digest(params):
    try:
        text = repr(params)
    except Exception:  # noqa: BLE001 - a parameter whose repr fails is still a parameter
        text = object.__repr__(params)
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


# --- Where a query came from ----------------------------------------------------

_DESCRIPTORS = None


def _descriptor_classes():
    global _DESCRIPTORS
    if _DESCRIPTORS is None:
        from django.db.models.fields import related_descriptors as rd

        _DESCRIPTORS = (rd.ForwardManyToOneDescriptor, rd.ReverseOneToOneDescriptor)
    return _DESCRIPTORS


def _origin(frame):
    """(project frame, template node, relation) of the query whose execute()
    is running in `frame` or below it; each None when there is none.

    The project frame is the innermost one in the project's code. The template
    node is the innermost one on the stack, with "outer": true when it lies
    outside the project frame (a template called the project's code, e.g. a
    model's __str__, which ran the query). The relation is read from Django's
    frames inside the project frame only: the lazy load the project's line did.
    """
    from django.db.models.query import QuerySet
    from django.template.base import Node

    forward, reverse_one = _descriptor_classes()
    project = None
    template = None
    relation = None
    queryset = None
    while frame is not None:
        code = frame.f_code
        filename = code.co_filename
        if project is None and in_project(filename):
            project = {"file": _relative(filename), "line": frame.f_lineno, "function": code.co_name}
            relation = relation or _many_relation(queryset)
            if template is not None:
                break
        elif "django" in filename:
            owner = frame.f_locals.get("self")
            if owner is not None:
                if template is None and isinstance(owner, Node):
                    template = _node(owner)
                    if template is not None and project is not None:
                        template["outer"] = True
                        break
                elif project is None:
                    if relation is None and isinstance(owner, forward):
                        field = owner.field
                        relation = _relation(field.model, field.name, "forward", code.co_name)
                    elif relation is None and isinstance(owner, reverse_one):
                        related = owner.related
                        relation = _relation(
                            related.model, related.get_accessor_name(), "reverse-one", code.co_name
                        )
                    elif isinstance(owner, QuerySet):
                        # The outermost queryset frame is the call the code made (count(),
                        # get(), iteration); inner ones are the ORM's own steps.
                        queryset = (owner, code.co_name)
        frame = frame.f_back
    if project is None:
        relation = relation or _many_relation(queryset)
    return project, template, relation


def _node(node):
    token = getattr(node, "token", None)
    origin = getattr(node, "origin", None)
    if token is None or origin is None:
        return None
    name = getattr(origin, "name", None)
    shown = _relative(name) if isinstance(name, str) and os.path.isabs(name) else None
    return {
        "name": shown or getattr(origin, "template_name", None) or str(name),
        "line": getattr(token, "lineno", None),
        "tag": token.contents.split()[0] if token.contents else "",
        "outer": False,
    }


def _relation(model, name, kind, method, sliced=False):
    return {
        "model": model._meta.label,
        "name": name,
        "kind": kind,
        "method": method,
        "sliced": sliced,
    }


def _many_relation(found):
    """The to-many relation a related manager's queryset reads, from the hint
    Django's related managers put on it (the instance they belong to)."""
    if found is None:
        return None
    queryset, method = found
    instance = getattr(queryset, "_hints", {}).get("instance")
    if instance is None or getattr(queryset, "_prefetch_done", False):
        return None
    target = queryset.model
    known = getattr(queryset, "_known_related_objects", {}) or {}
    candidates = []
    for field in instance._meta.get_fields():
        if not (field.many_to_many or field.one_to_many) or field.related_model is not target:
            continue
        if field.auto_created and not field.concrete:
            # A reverse relation (ManyToOneRel, ManyToManyRel): read through its accessor
            # (book.review_set), looked up in queries by its query name (Count("review")).
            name = field.get_accessor_name()
            lookup = field.field.related_query_name()
            exact = field.field in known
        else:
            name = lookup = field.name
            exact = False
        if name:
            candidates.append((not exact, name, lookup))
    if not candidates:
        return None
    candidates.sort()
    _, name, lookup = candidates[0]
    query = queryset.query
    sliced = query.low_mark != 0 or query.high_mark is not None
    relation = _relation(type(instance), name, "many", method, sliced)
    relation["lookup"] = lookup
    if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
        relation["alternatives"] = [other for _, other, _ in candidates[1:]]
    return relation
