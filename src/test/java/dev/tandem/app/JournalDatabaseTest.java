package dev.tandem.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDatabaseTest {
  @TempDir
  Path dir;

  @Test
  void theControllerKeepsASmallPageCacheAndAReaderOfTheFileAloneKeepsH2sDefault() throws Exception {
    JournalDatabase journal = new JournalDatabase(dir);
    try (JournalServer served = journal.serve()) {
      assertEquals("2", cacheMegabytes(journal), "through the controller's server");
    }
    assertEquals("16", cacheMegabytes(journal), "the file opened by a reader");
  }

  private static String cacheMegabytes(JournalDatabase journal) throws SQLException {
    try (Connection c = journal.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
