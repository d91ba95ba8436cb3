package dev.tandem.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the known name closest to a typo (Levenshtein distance). */
final class ClosestName {
  private ClosestName() {}

  static Optional<String> among(String typo, Collection<String> known) {
    String normalized = typo.replace('_', '-').toLowerCase();
    return known.stream()
        .min(Comparator.comparingInt((String k) -> distance(normalized, k)).thenComparing(k -> k))
        .filter(k -> distance(normalized, k) <= Math.max(2, k.length() / 3))
        .or(() -> known.stream().filter(k -> k.startsWith(normalized) || normalized.startsWith(k)).sorted().findFirst());
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
