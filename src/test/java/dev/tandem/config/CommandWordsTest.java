package dev.tandem.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Command lines split into the words a script is executed with, as keepalived 2.2.7 splits them. */
class CommandWordsTest {
  @Test
  void blanksSeparateWordsAndQuotesGroupThem() {
    assertEquals(Optional.of(List.of("/etc/keepalived/notify.sh", "two words", "it's", "")),
        CommandWords.split("  /etc/keepalived/notify.sh 'two words'\t\"it's\" '' "));
  }

  @Test
  void quotedPartsJoinTheWordAroundThem() {
    assertEquals(Optional.of(List.of("--name=VI 1", "a\"b")), CommandWords.split("--name='VI 1' 'a\"b'"));
  }

  @Test
  void backslashEscapesTheNextCharacterEvenInQuotes() {
    assertEquals(Optional.of(List.of("a b", "say \"hi\"", "tab\there")),
        CommandWords.split("a\\ b \"say \\\"hi\\\"\" tab\\there"));
  }

  @Test
  void anUnclosedQuoteOrATrailingBackslashCannotBeSplit() {
    assertEquals(Optional.empty(), CommandWords.split("/bin/notify 'master"));
    assertEquals(Optional.empty(), CommandWords.split("/bin/notify \\"));
  }
}
