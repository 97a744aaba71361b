"""SQL shapes: two queries that differ only in their values have one shape."""
import unittest

from djbench_probe import shapes


class ShapeTests(unittest.TestCase):
    def test_placeholders_and_literals_are_one_shape(self):
        forms = [
            'SELECT "a"."id", "a"."name" FROM "catalog_author" "a" WHERE "a"."id" = %s LIMIT 21',
            'SELECT "a"."id", "a"."name" FROM "catalog_author" "a" WHERE "a"."id" = 7 LIMIT 21',
            'SELECT  "a"."id", "a"."name"\n FROM "catalog_author" "a" WHERE "a"."id" = $1 LIMIT 21',
        ]
        self.assertEqual(len({shapes.of(f) for f in forms}), 1, [shapes.of(f) for f in forms])

    def test_strings_and_in_lists_of_any_length_fold(self):
        self.assertEqual(
            shapes.of("SELECT * FROM t WHERE name = 'O''Brien' AND id IN (1, 2, 3)"),
            shapes.of("SELECT * FROM t WHERE name = 'x' AND id IN (%s)"),
        )

    def test_different_tables_and_columns_stay_apart(self):
        self.assertNotEqual(
            shapes.of('SELECT * FROM "book" WHERE "id" = %s'),
            shapes.of('SELECT * FROM "author" WHERE "id" = %s'),
        )
        self.assertNotEqual(
            shapes.of('SELECT * FROM "book" WHERE "id" = %s'),
            shapes.of('SELECT * FROM "book" WHERE "isbn" = %s'),
        )

    def test_digits_inside_names_are_kept(self):
        self.assertEqual(
            shapes.of('SELECT "t1"."col2" FROM "table3" "t1"'),
            'SELECT "t1"."col2" FROM "table3" "t1"',
        )

    def test_the_cache_gives_the_same_shapes_and_stays_bounded(self):
        sql = 'SELECT * FROM "t" WHERE "id" = 7'
        self.assertEqual(shapes.of(sql), shapes.of(sql))
        self.assertEqual(shapes.of(sql), shapes._compute(sql))
        for i in range(shapes._CACHE_LIMIT + 10):
            shapes.of(f"SELECT {i} FROM t{i}")
        self.assertLessEqual(len(shapes._CACHE), shapes._CACHE_LIMIT)

    def test_bytes_are_decoded(self):
        self.assertEqual(shapes.of(b"SELECT 1"), "SELECT ?")


if __name__ == "__main__":
    unittest.main()
