from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.book_list, name="book-list"),
    path("books/", views.book_list, name="books"),
    path("authors/", views.author_list, name="authors"),
    path("books/<int:pk>/", views.book_detail, name="book-detail"),
    path("stats/", views.catalog_stats, name="stats"),
    path("prices/", views.price_guide, name="prices"),
    path("shelf/", views.my_shelf, name="my-shelf"),
    path("shelf/add/", views.shelf_add, name="shelf-add"),
]
