"""lean-serializer: serialise only what the client needs.

naive:     FullPostSerializer, every field plus nested author, tags and
           comments; the queryset prefetches them (3 queries) so the cost is
           serialisation and payload size, not N+1.
optimized: LeanPostSerializer (id, title, slug, author_name) over
           .only() columns with the author joined: 1 query.
Deliberately not the same payload: each lean item is a projection of the
full item with the same id (author_name is the full item's author.name).
JSON renderer only (see REST_FRAMEWORK in settings).
"""
from django.db.models import Prefetch
from rest_framework.generics import ListAPIView

from techniques.models import Comment, Post, Tag
from techniques.serializers import FullPostSerializer, LeanPostSerializer
from techniques.views.common import int_param

ORDER = ("-created_at", "-id")


class _PostList(ListAPIView):
    pagination_class = None

    def limit(self):
        return int_param(self.request, "limit", 20, maximum=10_000)


class FullPostList(_PostList):
    serializer_class = FullPostSerializer

    def get_queryset(self):
        return (
            Post.objects.select_related("author")
            .prefetch_related(
                Prefetch("tags", queryset=Tag.objects.order_by("name")),
                Prefetch("comments", queryset=Comment.objects.order_by("created_at", "id")),
            )
            .order_by(*ORDER)[: self.limit()]
        )


class LeanPostList(_PostList):
    serializer_class = LeanPostSerializer

    def get_queryset(self):
        return (
            Post.objects.select_related("author")
            .only("id", "title", "slug", "author__name")
            .order_by(*ORDER)[: self.limit()]
        )


naive = FullPostList.as_view()
optimized = LeanPostList.as_view()
