package dev.djbench.doctor;

import java.util.ArrayList;
import java.util.List;

/** Traces as the probe writes them, built by hand for the rules' tests. */
final class Traces {

  static final String AUTHOR =
      "SELECT \"catalog_author\".\"id\", \"catalog_author\".\"name\" FROM \"catalog_author\""
          + " WHERE \"catalog_author\".\"id\" = ? LIMIT ?";
  static final String BOOKS =
      "SELECT \"catalog_book\".\"id\", \"catalog_book\".\"title\" FROM \"catalog_book\"";

  private final List<RequestTrace.Query> queries = new ArrayList<>();
  private int rows;

  static Traces request() {
    return new Traces();
  }

  static RequestTrace.Frame view(int line) {
    return new RequestTrace.Frame("catalog/views.py", line, "book_list");
  }

  static RequestTrace.TemplateLine template(int line) {
    return new RequestTrace.TemplateLine(
        "catalog/templates/catalog/book_list.html", line, "book.author.name", false);
  }

  static RequestTrace.Relation forward(String model, String name) {
    return new RequestTrace.Relation(model, name, "forward", "get_object", false, null, List.of());
  }

  static RequestTrace.Relation many(String model, String name, String method, boolean sliced) {
    return new RequestTrace.Relation(model, name, "many", method, sliced, name, List.of());
  }

  Traces query(String shape, String params, RequestTrace.Relation relation) {
    queries.add(
        new RequestTrace.Query(shape, shape, params, 20, 100, view(10), template(7), relation));
    return this;
  }

  /** {@code n} queries of one shape, each with its own parameters. */
  Traces times(int n, String shape, RequestTrace.Relation relation) {
    for (int i = 0; i < n; i++) {
      query(shape, "p" + i, relation);
    }
    return this;
  }

  Traces rows(int n) {
    rows = n;
    return this;
  }

  RequestTrace build() {
    return new RequestTrace(
        "t", "GET", "/books/", 200, 5000, 1000, 2000, List.of("sqlite"), 0, rows, queries);
  }

  List<QueryGroup> groups() {
    return QueryGroup.of(build());
  }
}
