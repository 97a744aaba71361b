"""DRF serializers for the lean-serializer technique.

Full: every Post field with author, tags and comments nested.
Lean: id, title, slug and author_name only. Every lean field exists in the
full item with the same value (author_name == full["author"]["name"]): the
lean payload is a projection of the full one.
"""
from rest_framework import serializers

from techniques.models import Author, Comment, Post, Tag


class AuthorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Author
        fields = ["id", "name", "email", "bio"]


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "slug"]


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "author_name", "body", "created_at"]


class FullPostSerializer(serializers.ModelSerializer):
    author = AuthorSerializer()
    tags = TagSerializer(many=True)
    comments = CommentSerializer(many=True)

    class Meta:
        model = Post
        fields = [
            "id", "author", "title", "slug", "body", "summary", "is_published",
            "score", "score_indexed", "created_at", "tags", "comments",
        ]


class LeanPostSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "slug", "author_name"]
