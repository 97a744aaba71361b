"""A tiny app for the trace tests: books with an author (a foreign key), genres
(many-to-many) and reviews (a reverse foreign key)."""
