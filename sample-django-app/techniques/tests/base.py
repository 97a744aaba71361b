"""Shared fixtures for the technique tests."""
import re

from django.core.cache import caches
from django.test import TestCase

from techniques.seeding import seed

# Small but non-trivial: every author has posts, every post has tags and
# comments, and limits used in the tests fit inside it.
SMALL_SEED = dict(authors=5, posts=30, comments_per_post=2, tags=6, body_bytes=600, readings=0, seed=7)

SERVER_TIMING_RE = re.compile(
    r"^total;dur=(?P<total>\d+\.\d{3}), "
    r"db;dur=(?P<db>\d+\.\d{3});count=(?P<count>\d+);repeat=(?P<repeat>\d+)"
    r"(?:;desc=\"(?P<vendor>[a-z,]+)\")?, "
    r"dbgroups;dur=(?P<groups_orm>\d+\.\d{3});count=(?P<groups>\d+);db=(?P<groups_db>\d+\.\d{3}), "
    r"cache;dur=(?P<cache>\d+\.\d{3});hit=(?P<hit>\d+);miss=(?P<miss>\d+), "
    r"template;dur=(?P<template>\d+\.\d{3})$"
)


def server_timing(response):
    """The parsed Server-Timing header: floats for dur, ints for counts."""
    match = SERVER_TIMING_RE.match(response["Server-Timing"])
    if not match:
        raise AssertionError(f"malformed Server-Timing: {response['Server-Timing']!r}")
    parts = match.groupdict()
    return {
        k: v if k == "vendor" else int(v) if k in ("count", "repeat", "groups", "hit", "miss") else float(v)
        for k, v in parts.items()
    }


def normalise(content):
    """HTML/text body with all whitespace runs collapsed."""
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    return " ".join(content.split())


class SeededTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        seed(**SMALL_SEED)

    def setUp(self):
        # Caches are process-wide (locmem) and outlive each test's
        # transaction, so start every test cold.
        for cache in caches.all():
            cache.clear()

    def get(self, path, queries=None, status=200, **extra):
        """GET path, optionally pinning its query count, and check status."""
        if queries is None:
            response = self.client.get(path, **extra)
        else:
            with self.assertNumQueries(queries):
                response = self.client.get(path, **extra)
        self.assertEqual(response.status_code, status, path)
        return response

    def post(self, path, queries=None, status=200, **extra):
        if queries is None:
            response = self.client.post(path, **extra)
        else:
            with self.assertNumQueries(queries):
                response = self.client.post(path, **extra)
        self.assertEqual(response.status_code, status, path)
        return response

    def assertSameHtml(self, first, second):
        self.assertEqual(first.status_code, second.status_code)
        self.assertEqual(normalise(first.content), normalise(second.content))
