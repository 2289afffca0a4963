package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password file read again when it changed or after a refusal, and never quoted. */
class PasswordFileTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    return Files.writeString(dir.resolve("password"), text);
  }

  private static void rewriteKeepingTime(Path file, String text) throws Exception {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, before);
  }

  @Test
  void onlyTrailingLineBreaksAreStripped() {
    assertThat(PasswordFile.strip(" two words \r\n\n")).isEqualTo(" two words ");
    assertThat(PasswordFile.strip("\n")).isEmpty();
  }

  @Test
  void anUnchangedFileIsNotReadAgainUntilARefusal() throws Exception {
    Path file = write("first-pw\n");
    PasswordFile password = new PasswordFile(file, "first-pw");
    rewriteKeepingTime(file, "second-pw\n");

    assertThat(password.current()).isEqualTo("first-pw");
    password.refused();
    assertThat(password.current()).isEqualTo("second-pw");
  }

  @Test
  void aChangedModificationTimeIsReadAgainWithoutARefusal() throws Exception {
    Path file = write("first-pw\n");
    PasswordFile password = new PasswordFile(file, "first-pw");
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, "second-pw\n");
    Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));

    assertThat(password.current()).isEqualTo("second-pw");
  }

  @Test
  void aFileThatCannotBeReadKeepsThePasswordAndSaysSoOnceWithoutQuotingIt() throws Exception {
    Path file = write("kept-secret-pw\n");
    PasswordFile password = new PasswordFile(file, "kept-secret-pw");
    try (LogCapture log = LogCapture.start()) {
      Files.delete(file);
      password.refused();
      assertThat(password.current()).isEqualTo("kept-secret-pw");
      password.refused();
      assertThat(password.current()).isEqualTo("kept-secret-pw");
      Files.writeString(file, "\n");
      password.refused();
      assertThat(password.current()).isEqualTo("kept-secret-pw");

      assertThat(log.text().lines().filter(l -> l.contains("there is no such file"))).hasSize(1);
      assertThat(log.text()).contains("the file is empty").doesNotContain("kept-secret-pw");
    }
    assertThat(password.toString()).doesNotContain("kept-secret-pw");
  }
}
