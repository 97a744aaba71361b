package dev.djbench.doctor;

/**
 * Where a query came from, as a developer would look for it.
 *
 * @param where the template and its line ({@code catalog/templates/catalog/book_list.html:7}) when
 *     a template's rendering ran the query, else the project's line ({@code catalog/views.py:12});
 *     empty when the stack held no code of the project
 * @param kind {@code template}, {@code code} or {@code none}
 * @param via for a template, the project's line that rendered it, with its function ({@code
 *     catalog/views.py:10 in book_list}); for the project's code that a template called (a model's
 *     {@code __str__}), that template's line; empty when there is neither
 * @param detail the template's tag or variable ({@code book.author.name}), or the function of a
 *     code line; may be empty
 */
public record Location(String where, String kind, String via, String detail) {

  static final Location NONE = new Location("", "none", "", "");

  static Location of(RequestTrace.Query query) {
    RequestTrace.Frame frame = query.frame();
    String code = frame == null ? "" : frame + " in " + frame.function();
    RequestTrace.TemplateLine template = query.template();
    if (template != null && !(template.outer() && frame != null)) {
      String tag = template.tag() == null ? "" : template.tag();
      return new Location(template.toString(), "template", code, tag);
    }
    if (frame != null) {
      String caller =
          template == null
              ? ""
              : template
                  + (template.tag() == null || template.tag().isEmpty()
                      ? ""
                      : " (" + template.tag() + ")");
      return new Location(frame.toString(), "code", caller, frame.function());
    }
    return NONE;
  }

  /** {@code book_list.html:7 ({{ book.author.name }}), via catalog/views.py:10 in book_list}. */
  public String describe() {
    if (kind.equals("none")) {
      return "no line of the project's code on the stack";
    }
    StringBuilder out = new StringBuilder(where);
    if (!detail.isEmpty()) {
      out.append(kind.equals("template") ? " (" + detail + ")" : " in " + detail);
    }
    if (!via.isEmpty()) {
      out.append(", via ").append(via);
    }
    return out.toString();
  }
}
