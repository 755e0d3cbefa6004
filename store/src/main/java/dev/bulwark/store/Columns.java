package dev.bulwark.store;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.FindingStatus;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * The store's one mapping between the domain words and their columns: each is kept as its label
 * ({@code high}, {@code open}, {@code wont-fix}) and read back exactly, so a value the code does
 * not know is an error naming the column rather than a string passed on.
 */
final class Columns {
  private Columns() {}

  /** The column value of a domain word (its label); anything else unchanged. */
  static Object write(Object value) {
    return switch (value) {
      case Severity s -> s.label();
      case Confidence c -> c.label();
      case FindingStatus s -> s.label();
      case Verdict v -> v.label();
      case FindingStore.Change c -> c.label();
      case null, default -> value;
    };
  }

  static Severity severity(ResultSet r, String column) throws SQLException {
    return read(r, column, Severity.values(), Severity::label);
  }

  static Confidence confidence(ResultSet r, String column) throws SQLException {
    return read(r, column, Confidence.values(), Confidence::label);
  }

  static FindingStatus status(ResultSet r, String column) throws SQLException {
    return read(r, column, FindingStatus.values(), FindingStatus::label);
  }

  static Verdict verdict(ResultSet r, String column) throws SQLException {
    return read(r, column, Verdict.values(), Verdict::label);
  }

  static FindingStore.Change change(ResultSet r, String column) throws SQLException {
    return read(r, column, FindingStore.Change.values(), FindingStore.Change::label);
  }

  /** The value whose label the column holds; null for SQL NULL. */
  private static <E> E read(ResultSet r, String column, E[] values, Function<E, String> label)
      throws SQLException {
    String text = r.getString(column);
    if (text == null) {
      return null;
    }
    for (E v : values) {
      if (label.apply(v).equals(text)) {
        return v;
      }
    }
    throw new StoreException(
        "column " + column + " holds '" + text + "', which is not a " + kind(values) + " label");
  }

  private static String kind(Object[] values) {
    return values.getClass().getComponentType().getSimpleName();
  }
}
