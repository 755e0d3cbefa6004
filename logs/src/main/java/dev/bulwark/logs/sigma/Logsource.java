package dev.bulwark.logs.sigma;

import java.util.Locale;

/** A rule's {@code logsource}: which product, category and service its events come from. */
public record Logsource(String product, String category, String service) {
  public Logsource {
    product = norm(product);
    category = norm(category);
    service = norm(service);
  }

  private static String norm(String s) {
    return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether an event routed to {@code event} is in this log source (unset parts match all). */
  public boolean covers(Logsource event) {
    return (product == null || product.equals(event.product))
        && (category == null || category.equals(event.category))
        && (service == null || service.equals(event.service));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (product != null) {
      b.append("product:").append(product);
    }
    if (category != null) {
      b.append(b.isEmpty() ? "" : " ").append("category:").append(category);
    }
    if (service != null) {
      b.append(b.isEmpty() ? "" : " ").append("service:").append(service);
    }
    return b.isEmpty() ? "(any)" : b.toString();
  }
}
