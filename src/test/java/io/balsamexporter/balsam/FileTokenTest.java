package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens kept in files by someone else: read again when the file changes or Balsam refuses. */
class FileTokenTest {
  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
  private static final URI API = URI.create("http://127.0.0.1:8000");

  @TempDir Path dir;

  /** Writes {@code text} and moves the modification time on by a second, as a later write would. */
  private Path rewrite(Path file, String text) throws IOException {
    FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
    Files.writeString(file, text);
    if (before != null) {
      Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
    }
    return file;
  }

  /** Writes {@code text} but leaves the modification time as it was, so only a 401 tells. */
  private void rewriteUnnoticed(Path file, String text) throws IOException {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, before);
  }

  private String value(FileToken token) {
    return token.token(null, NOW).value();
  }

  @Test
  void aRotatedTokenFileIsUsedFromTheNextRequest() throws Exception {
    Path file = rewrite(dir.resolve("token"), "first-token\n");
    FileToken token = FileToken.tokenFile(file);
    assertThat(value(token)).isEqualTo("first-token");

    rewrite(file, "  second-token\n");

    assertThat(value(token)).isEqualTo("second-token");
  }

  @Test
  void aRefusalReadsTheFileAgainEvenWhenItSeemsUnchanged() throws Exception {
    Path file = rewrite(dir.resolve("token"), "first-token");
    FileToken token = FileToken.tokenFile(file);
    BearerToken refused = token.token(null, NOW);

    rewriteUnnoticed(file, "second-token");

    assertThat(value(token)).isEqualTo("first-token");
    assertThat(token.renew(refused, null, NOW)).map(BearerToken::value).contains("second-token");
    assertThat(value(token)).isEqualTo("second-token");
  }

  @Test
  void aRefusedTokenThatTheFileStillHoldsIsNotTriedAgain() throws Exception {
    FileToken token = FileToken.tokenFile(rewrite(dir.resolve("token"), "only-token"));

    assertThat(token.renew(token.token(null, NOW), null, NOW)).isEmpty();
    assertThat(token.rejectionAdvice(NOW))
        .isEqualTo(
            "; the token in --balsam.token-file "
                + dir.resolve("token")
                + " was refused; write a new one to the file"
                + " (the exporter reads the file again when it changes)");
  }

  @Test
  void aFileBrokenOrRemovedAfterTheStartLeavesTheTokenInUse() throws Exception {
    Path file = rewrite(dir.resolve("token"), "good-token");
    FileToken token = FileToken.tokenFile(file);

    rewrite(file, "half written");
    assertThat(value(token)).isEqualTo("good-token");
    assertThat(token.renew(token.token(null, NOW), null, NOW)).isEmpty();

    Files.delete(file);
    assertThat(value(token)).isEqualTo("good-token");

    Files.writeString(file, "new-token");
    assertThat(value(token)).isEqualTo("new-token");
  }

  @Test
  void aNewBalsamLoginInTheClientFileIsPickedUpWithItsExpiry() throws Exception {
    Path file =
        rewrite(dir.resolve("client.yml"), clientYml(API, "old-token", "2026-11-27 00:00:00"));
    FileToken token = FileToken.clientFile(file, API);
    assertThat(token.tokenExpiry()).contains(Instant.parse("2026-11-27T00:00:00Z"));

    rewrite(file, clientYml(API, "new-token", "2026-11-29 09:00:00"));

    assertThat(value(token)).isEqualTo("new-token");
    assertThat(token.tokenExpiry()).contains(Instant.parse("2026-11-29T09:00:00Z"));
  }

  @Test
  void aClientFileThatNowHoldsALoginForAnotherServerIsNotUsed() throws Exception {
    Path file =
        rewrite(dir.resolve("client.yml"), clientYml(API, "our-token", "2026-11-29 00:00:00"));
    FileToken token = FileToken.clientFile(file, API);

    rewrite(
        file,
        clientYml(URI.create("https://other.example.org"), "their-token", "2026-11-29 00:00:00"));

    assertThat(value(token)).isEqualTo("our-token");
    assertThat(token.renew(token.token(null, NOW), null, NOW)).isEmpty();
  }

  @Test
  void aClientFileRewrittenWithABadApiRootOrTokenKeepsTheTokenInUse() throws Exception {
    Path file =
        rewrite(dir.resolve("client.yml"), clientYml(API, "our-token", "2026-11-29 00:00:00"));
    FileToken token = FileToken.clientFile(file, API);

    rewrite(file, "api_root: http://bad host:8000\ntoken: their-token\n");
    assertThat(value(token)).isEqualTo("our-token");
    rewrite(file, "api_root: not-a-url\ntoken: their-token\n");
    assertThat(value(token)).isEqualTo("our-token");
    rewrite(file, "api_root: " + API + "\ntoken: \"two\\nlines\"\n");
    assertThat(value(token)).isEqualTo("our-token");
    assertThat(token.renew(token.token(null, NOW), null, NOW)).isEmpty();
  }

  @Test
  void aClientFileWithABadApiRootAtTheStartIsRefusedWithAReason() throws Exception {
    Path file = rewrite(dir.resolve("client.yml"), "api_root: http://bad host\ntoken: t\n");

    assertThatThrownBy(() -> FileToken.clientFile(file, API))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessageContaining("api_root in " + file + " is not a URL");
  }

  @Test
  void aTokenFileThatCannotBeReadAtTheStartSaysWhyWithoutQuotingIt() throws Exception {
    assertThatThrownBy(() -> FileToken.tokenFile(dir.resolve("missing")))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessage(
            "cannot read the Balsam login in "
                + dir.resolve("missing")
                + ": there is no such file");

    Path twoWords = rewrite(dir.resolve("token"), "secret words");
    assertThatThrownBy(() -> FileToken.tokenFile(twoWords))
        .hasMessageEndingWith(": it must be a single bearer token, without spaces or line breaks")
        .hasMessageNotContaining("secret");
  }

  private static String clientYml(URI apiRoot, String token, String expiry) {
    return "api_root: " + apiRoot + "\ntoken: " + token + "\ntoken_expiry: " + expiry + "\n";
  }
}
