"""The shape of a SQL statement: its text with every literal value replaced,
so that two queries that differ only in their parameters have one shape.

The ORM sends SQL with placeholders (%s) and the values apart, so most
statements are their own shape already; raw SQL and some backends inline
literals, and an IN list grows with its values, so both are folded:

    SELECT ... WHERE "id" = 7            ->  SELECT ... WHERE "id" = ?
    SELECT ... WHERE "id" IN (%s, %s)    ->  SELECT ... WHERE "id" IN (?)
"""
import re

_STRING = re.compile(r"'(?:[^']|'')*'")
_NUMBER = re.compile(r"(?<![\w.\"])-?\d+(?:\.\d+)?(?![\w\"])")
_PLACEHOLDER = re.compile(r"%s|%\(\w+\)s|\?|:\w+|\$\d+")
_IN_LIST = re.compile(r"\(\s*\?(?:\s*,\s*\?)*\s*\)")
_SPACE = re.compile(r"\s+")


# The ORM sends one text for every query of a shape (the values go apart), so
# most statements repeat exactly: their shapes are kept, up to a bound, rather
# than computed again on every query.
_CACHE = {}
_CACHE_LIMIT = 4096


def of(sql):
    """The shape of one statement (a str; bytes are decoded as UTF-8)."""
    shape = _CACHE.get(sql)
    if shape is None:
        shape = _compute(sql)
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[sql] = shape
    return shape


def _compute(sql):
    if isinstance(sql, bytes):
        sql = sql.decode("utf-8", "replace")
    shape = _STRING.sub("?", sql)
    shape = _PLACEHOLDER.sub("?", shape)
    shape = _NUMBER.sub("?", shape)
    shape = _IN_LIST.sub("(?)", shape)
    return _SPACE.sub(" ", shape).strip()
