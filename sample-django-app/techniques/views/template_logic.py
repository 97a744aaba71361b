"""template-logic: compute in the view, not in the template.

Per post the page shows the upper-cased title, its tags, word and character
counts, a reading time, and a tag matrix (one mark per existing tag).
naive:     the template derives all of it with filters, nested loops and
           {% if tag in post.tags.all %} checks.
optimized: the view computes the same strings in Python; the template only
           prints them.
Data fetching is identical (3 queries: posts, their tags, all tags) so the
difference is template work only. Same page after whitespace normalisation.
"""
from django.db.models import Prefetch
from django.shortcuts import render

from techniques.models import Post, Tag
from techniques.views.common import int_param

WORDS_PER_MINUTE = 200


def _data(request):
    limit = int_param(request, "limit", 50, maximum=10_000)
    posts = list(
        Post.objects.prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-created_at", "-id")[:limit]
    )
    return posts, list(Tag.objects.order_by("name"))


def naive(request):
    posts, all_tags = _data(request)
    return render(
        request,
        "techniques/template_logic_naive.html",
        {"posts": posts, "all_tags": all_tags, "words_per_minute": WORDS_PER_MINUTE},
    )


def optimized(request):
    posts, all_tags = _data(request)
    rows = []
    for post in posts:
        tags = list(post.tags.all())
        tag_ids = {tag.id for tag in tags}
        words = len(post.body.split())  # what the wordcount filter computes
        rows.append(
            {
                "title": post.title.upper(),
                "tags": ", ".join(tag.name.lower() for tag in tags),
                "words": words,
                "chars": len(post.body),
                # widthratio rounds value / max * width with round().
                "minutes": round(words / WORDS_PER_MINUTE),
                "matrix": "".join("x" if tag.id in tag_ids else "." for tag in all_tags),
            }
        )
    return render(request, "techniques/template_logic_optimized.html", {"rows": rows})
