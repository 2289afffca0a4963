package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.config.ConfigException;
import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.webconfig.WebConfig;
import io.balsamexporter.webconfig.WebConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the exporter as an operator does, as a process with every log level on, holding distinctive
 * secrets (a Balsam password from a file and from the environment, a token given directly and in a
 * file, a web config's bcrypt hash and the password it hashes), and looks for each of them in
 * everything it says: its log, every page, /metrics in each format, the messages of polls that fail
 * for a wrong password, an expired token and a 5xx, --help, and the messages and stack traces of
 * the exceptions thrown for broken settings. The unit-level checks of single messages are in
 * config/SecretsTest.
 */
class SecretsLeakTest {
  private static final String USER = "leaky";
  private static final String PASSWORD = "balsam-pw-SECRET-5b1e77";
  private static final String WRONG_PASSWORD = "wrong-pw-SECRET-93ac20";
  private static final String WEB_USER = "scraper";
  private static final String WEB_PASSWORD = "web-pw-SECRET-c4d2f0";
  private static final String WEB_WRONG_PASSWORD = "web-wrong-SECRET-0e8b11";

  @TempDir Path dir;
  private SimHarness balsam;
  private String webHash;
  private final List<String> secrets = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    balsam = SimHarness.empty();
    SimAccounts.register(balsam.store, USER, PASSWORD);
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    webHash = OpenBSDBCrypt.generate("2y", WEB_PASSWORD.toCharArray(), salt, 4);
    secrets.addAll(List.of(PASSWORD, WRONG_PASSWORD, WEB_PASSWORD, WEB_WRONG_PASSWORD, webHash));
    // The hash's salt and digest alone, should something print it without its prefix.
    secrets.add(webHash.substring(7));
    for (String pw : List.of(WEB_PASSWORD, WEB_WRONG_PASSWORD)) {
      secrets.add(basic(WEB_USER, pw).substring("Basic ".length()));
    }
  }

  @AfterEach
  void tearDown() {
    for (Process p : started) {
      p.destroyForcibly();
    }
    balsam.close();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String token() {
    String token = balsam.http.login(USER, PASSWORD);
    secrets.add(token);
    // The JWT's signature alone is the part no one else can make.
    secrets.add(token.substring(token.lastIndexOf('.') + 1));
    return token;
  }

  private void assertNoSecretIn(String where, String text) {
    for (String secret : secrets) {
      assertThat(text).as("%s holds a secret", where).doesNotContain(secret);
    }
  }

  private Path webConfig() throws IOException {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "basic_auth_users:\n  " + WEB_USER + ": '" + webHash + "'\n");
    return file;
  }

  /** A running exporter process; its output, stdout and stderr together, goes to a file. */
  private final class Running {
    final Process process;
    final Path output;
    final int port;

    Running(Map<String, String> env, String... args) throws Exception {
      output = Files.createTempFile(dir, "exporter", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                  "-Duser.home=" + dir.resolve("home"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "--balsam.url=" + balsam.simulator.baseUrl(),
                  "--balsam.poll-interval=1s",
                  // One retry, so that the retry's DEBUG line is written too.
                  "--balsam.retries=1",
                  "--web.listen-address=127.0.0.1:0"));
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(k -> k.startsWith("BALSAM_"));
      builder.environment().putAll(env);
      process = builder.start();
      started.add(process);
      port = awaitPort();
    }

    private int awaitPort() {
      Pattern listening = Pattern.compile("metrics=\"?http://127\\.0\\.0\\.1:(\\d+)/metrics");
      Await.until(
          () -> "the exporter says where it listens: " + log(),
          Duration.ofSeconds(30),
          Duration.ofMillis(50),
          () -> {
            assertThat(process.isAlive()).as("exporter exited: %s", log()).isTrue();
            return listening.matcher(log()).find();
          });
      Matcher m = listening.matcher(log());
      assertThat(m.find()).isTrue();
      return Integer.parseInt(m.group(1));
    }

    String log() {
      try {
        return Files.readString(output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
      return Http.get(port, path, headers);
    }

    /** Waits, at most 30 s, until {@code path} answers a body that {@code done} accepts. */
    String await(String path, Predicate<String> done, String... headers) {
      AtomicReference<String> last = new AtomicReference<>("");
      Await.until(
          () -> "an answer it accepts on " + path + ", last " + last.get(),
          Duration.ofSeconds(30),
          Duration.ofMillis(100),
          () -> {
            last.set(Http.text(get(path, headers)));
            return done.test(last.get());
          });
      return last.get();
    }

    /** Stops it as systemd would (SIGTERM, so the shutdown hook logs) and returns all it said. */
    String stop() throws Exception {
      process.destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      return log();
    }
  }

  private static final String[] OPENMETRICS = {
    "Accept", "application/openmetrics-text; version=1.0.0"
  };
  private static final String[] PROTOBUF = {
    "Accept",
    "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"
  };

  /** Every page, in every format, as the given client sees it. */
  private void assertPagesHoldNoSecret(Running exporter, String... auth) {
    for (String path : List.of("/", "/-/healthy", "/-/ready", "/metrics", "/reports")) {
      assertNoSecretIn(path, Http.text(exporter.get(path, auth)));
    }
    List<String> om = new ArrayList<>(List.of(auth));
    om.addAll(List.of(OPENMETRICS));
    assertNoSecretIn(
        "/metrics (OpenMetrics)", Http.text(exporter.get("/metrics", om.toArray(String[]::new))));
    List<String> pb = new ArrayList<>(List.of(auth));
    pb.addAll(List.of(PROTOBUF));
    assertNoSecretIn(
        "/metrics (protobuf)",
        new String(
            exporter.get("/metrics", pb.toArray(String[]::new)).body(),
            StandardCharsets.ISO_8859_1));
  }

  @Test
  void aPasswordFromAFileBehindBasicAuthLeaksNowhereThroughOutagesAndRelogins() throws Exception {
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Running exporter =
        new Running(
            Map.of(),
            "--balsam.username=" + USER,
            "--balsam.password-file=" + passwordFile,
            "--web.config.file=" + webConfig());
    String[] auth = {"Authorization", basic(WEB_USER, WEB_PASSWORD)};
    exporter.await("/-/ready", body -> body.startsWith("Ready") || body.contains("ready"), auth);
    assertThat(exporter.get("/-/ready", auth).statusCode()).isEqualTo(200);
    assertPagesHoldNoSecret(exporter, auth);
    // Refused scrapes: a wrong password and none at all.
    for (String path : List.of("/metrics", "/-/ready", "/")) {
      HttpResponse<byte[]> wrong =
          exporter.get(path, "Authorization", basic(WEB_USER, WEB_WRONG_PASSWORD));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertNoSecretIn("401 of " + path, Http.text(wrong) + wrong.headers().map());
      assertThat(exporter.get(path).statusCode()).isEqualTo(401);
    }

    balsam.simulator.faults().serverErrors(1_000);
    exporter.await(
        "/metrics",
        m ->
            Pattern.compile("(?m)^balsam_exporter_polls_total\\{result=\"server_error\"\\} [1-9]")
                .matcher(m)
                .find(),
        auth);
    assertPagesHoldNoSecret(exporter, auth);
    balsam.simulator.faults().reset();
    balsam.simulator.faults().expireAllTokens();
    exporter.await(
        "/metrics",
        m ->
            Pattern.compile("(?m)^balsam_exporter_api_requests_total\\{code=\"401\"")
                .matcher(m)
                .find(),
        auth);
    exporter.await("/metrics", m -> m.contains("balsam_up 1.0"), auth);

    String log = exporter.stop();
    assertThat(log)
        .contains("msg=\"logged in to Balsam\" user=" + USER)
        .contains("kind=server_error")
        .contains("DEBUG");
    assertNoSecretIn("the log", log);
  }

  @Test
  void aWrongPasswordFromTheEnvironmentLeaksNowhere() throws Exception {
    Running exporter =
        new Running(
            Map.of("BALSAM_EXPORTER_BALSAM_PASSWORD", WRONG_PASSWORD), "--balsam.username=" + USER);
    String ready = exporter.await("/-/ready", body -> body.contains("refuses the login"));
    assertThat(ready).contains(USER);
    assertPagesHoldNoSecret(exporter);
    String log = exporter.stop();
    assertThat(log).contains("kind=unauthorized");
    assertNoSecretIn("the log", log);
  }

  @Test
  void aTokenGivenDirectlyOrInAFileLeaksNowhereWhenItExpires() throws Exception {
    String direct = token();
    Running byFlag = new Running(Map.of(), "--balsam.token=" + direct);
    String fileToken = token();
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, fileToken + "\n");
    Running byFile = new Running(Map.of(), "--balsam.token-file=" + tokenFile);
    for (Running exporter : List.of(byFlag, byFile)) {
      exporter.await("/metrics", m -> m.contains("balsam_up 1.0"));
      assertPagesHoldNoSecret(exporter);
    }

    balsam.simulator.faults().expireAllTokens();
    for (Running exporter : List.of(byFlag, byFile)) {
      exporter.await("/metrics", m -> m.contains("balsam_up 0.0"));
      assertPagesHoldNoSecret(exporter);
      String log = exporter.stop();
      assertThat(log).contains("kind=unauthorized");
      assertNoSecretIn("the log", log);
    }
  }

  @Test
  void helpPrintsNoSecretGivenWithIt() throws Exception {
    String token = token();
    Path output = dir.resolve("help.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--balsam.token=" + token,
                "--help")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("BALSAM_EXPORTER_BALSAM_PASSWORD", PASSWORD);
    Process help = builder.start();
    started.add(help);
    assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(output);
    assertThat(text).contains("--balsam.token", "BALSAM_EXPORTER_BALSAM_PASSWORD");
    assertNoSecretIn("--help", text);
  }

  /** The whole trace, causes and suppressed exceptions included, as a log would print it. */
  private static String trace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return e + "\n" + out;
  }

  @Test
  void failedPollsSayWhyWithoutASecretInTheirMessageOrTrace() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    BalsamApi wrong = client(new Credentials.Password(USER, WRONG_PASSWORD));
    failures.add(failure(() -> wrong.sites(Query.of())));
    String token = token();
    BalsamApi byToken = client(new Credentials.Token(token, "--balsam.token"));
    byToken.sites(Query.of());
    BalsamApi byPassword = client(new Credentials.Password(USER, PASSWORD));
    byPassword.sites(Query.of());
    balsam.simulator.faults().serverErrors(1_000);
    failures.add(failure(() -> byPassword.sites(Query.of())));
    failures.add(failure(() -> byToken.jobs(Query.of())));
    balsam.simulator.faults().reset();
    balsam.simulator.faults().malformedJson(1);
    failures.add(failure(() -> byPassword.events(Query.of())));
    balsam.simulator.faults().expireAllTokens();
    failures.add(failure(() -> byToken.events(Query.of())));

    assertThat(failures)
        .extracting(e -> ((BalsamException) e).kind())
        .containsExactly(
            BalsamException.Kind.UNAUTHORIZED,
            BalsamException.Kind.SERVER_ERROR,
            BalsamException.Kind.SERVER_ERROR,
            BalsamException.Kind.BAD_RESPONSE,
            BalsamException.Kind.UNAUTHORIZED);
    for (Throwable e : failures) {
      assertNoSecretIn(e.getMessage(), trace(e));
    }
    assertNoSecretIn("clients", wrong + " " + byToken + " " + byPassword);
  }

  private BalsamApi client(Credentials credentials) throws BalsamException {
    return BalsamClients.create(
        new BalsamTarget(
            balsam.simulator.baseUrl(), credentials, Optional.empty(), Duration.ofSeconds(5), 0),
        RequestObserver.NONE,
        balsam.clock);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static Throwable failure(Call call) {
    try {
      call.run();
    } catch (Throwable e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void brokenWebConfigsAreRefusedWithoutQuotingTheHashOrAPastedPassword() throws Exception {
    List<String> broken =
        List.of(
            // A password pasted where the hash belongs.
            "basic_auth_users:\n  " + WEB_USER + ": " + WEB_PASSWORD + "\n",
            // YAML that does not parse, around the hash.
            "basic_auth_users:\n  " + WEB_USER + ": \"" + webHash + "\n  other: [\n",
            "basic_auth_users:\n  "
                + WEB_USER
                + ": '"
                + webHash
                + "'\n   bad: "
                + WEB_PASSWORD
                + "\n",
            "basic_auth_users: [" + webHash + ", " + WEB_PASSWORD + "]\n",
            "basic_auth_users:\n  " + WEB_USER + ": [" + webHash + "]\n",
            "basic_auth_users:\n  " + WEB_USER + ": '" + webHash + "'\n" + WEB_PASSWORD + ": x\n",
            // The same user twice, the second time with the password itself.
            "basic_auth_users:\n  "
                + WEB_USER
                + ": '"
                + webHash
                + "'\n  "
                + WEB_USER
                + ": "
                + WEB_PASSWORD
                + "\n",
            "basic_auth_users:\n  " + WEB_USER + ": *" + WEB_PASSWORD + "\n",
            "basic_auth_users:\n  "
                + WEB_USER
                + ": &"
                + WEB_PASSWORD
                + " '"
                + webHash
                + "'\n  b: &"
                + WEB_PASSWORD
                + " x\n",
            "basic_auth_users:\n  " + WEB_USER + ": \"\\q" + WEB_PASSWORD + "\"\n",
            "basic_auth_users:\n\t" + WEB_USER + ": " + WEB_PASSWORD + "\n");
    // File names in tls_server_config are shown on purpose: they are paths, not secrets.
    for (String yaml : broken) {
      Path file = dir.resolve("broken.yml");
      Files.writeString(file, yaml);
      Throwable direct = failure(() -> WebConfig.load(file));
      assertThat(direct).isInstanceOf(WebConfigException.class);
      assertNoSecretIn("WebConfig.load of\n" + yaml, trace(direct));
      Throwable atStart =
          failure(
              () ->
                  new ConfigLoader(Map.of(), Clock.systemUTC())
                      .load(
                          "--balsam.url=http://127.0.0.1:9",
                          "--balsam.token=t",
                          "--web.config.file=" + file));
      assertThat(atStart).isInstanceOf(ConfigException.class);
      assertThat(atStart.getMessage()).contains("--web.config.file");
      assertNoSecretIn("the start with\n" + yaml, trace(atStart));
    }
  }
}
