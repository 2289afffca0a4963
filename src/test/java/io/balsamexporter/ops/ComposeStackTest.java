package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.RequiredBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile: validated by the real docker-compose's {@code config}
 * (Debian package docker-compose), and checked for what the README promises of them.
 */
class ComposeStackTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)\\}");
  private static final Pattern MAVEN_BUILD = Pattern.compile("\\./mvnw [^&\\n]*package");

  /** The variables that switch the stack to a real server; unset, it must run the demo. */
  private static final List<String> SERVER_VARIABLES =
      List.of("BALSAM_DEMO", "BALSAM_URL", "BALSAM_USERNAME", "BALSAM_PASSWORD_FILE");

  @Test
  void dockerComposeConfigAcceptsTheFileAndResolvesTheDemo() throws IOException {
    Path compose = RequiredBinary.onPath("docker-compose", "docker-compose");
    Map<String, String> env = new HashMap<>();
    SERVER_VARIABLES.forEach(name -> env.put(name, null));
    BoundedProcess.Result result =
        BoundedProcess.run(
            List.of(
                compose.toString(),
                "--file",
                Path.of("docker-compose.yml").toAbsolutePath().toString(),
                "config"),
            "",
            env,
            Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode resolved = YAML.readTree(result.output());
    JsonNode exporter = resolved.path("services").path("exporter");
    assertThat(exporter.path("environment").path("BALSAM_EXPORTER_BALSAM_URL").asText())
        .as("no URL: the demo")
        .isEmpty();
    assertThat(exporter.path("environment").path("BALSAM_EXPORTER_DEMO").asText())
        .as("the demo runs only when asked for")
        .isEqualTo("true");
    for (JsonNode service : resolved.path("services")) {
      for (JsonNode volume : service.path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith("/")) {
          assertThat(Path.of(source)).as("mounted path").exists();
        }
      }
      service
          .path("ports")
          .forEach(port -> assertThat(port.asText()).as("published port").startsWith("127.0.0.1:"));
    }
    resolved
        .path("secrets")
        .forEach(secret -> assertThat(Path.of(secret.path("file").asText())).exists());
  }

  @Test
  void theStackRunsTheExporterPrometheusAndGrafanaWithTheShippedFiles() throws IOException {
    JsonNode services = composeFile().path("services");
    assertThat(services.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("exporter", "prometheus", "grafana");
    assertThat(mountTargets(services.path("prometheus")))
        .containsEntry("./prometheus.yml", "/etc/prometheus/prometheus.yml")
        .containsEntry("./prometheus/rules", "/etc/prometheus/prometheus/rules");
    assertThat(mountTargets(services.path("grafana")))
        .containsEntry("./grafana/provisioning", "/etc/grafana/provisioning")
        .containsEntry("./grafana/dashboards", dashboardProviderPath());
    assertThat(
            services.path("grafana").path("environment").path("GF_AUTH_ANONYMOUS_ENABLED").asText())
        .isEqualTo("true");
    assertThat(
            services
                .path("grafana")
                .path("environment")
                .path("GF_AUTH_ANONYMOUS_ORG_ROLE")
                .asText())
        .isEqualTo("Viewer");
    assertThat(services.path("exporter").path("secrets").toString()).contains("balsam_password");
    assertThat(
            services
                .path("exporter")
                .path("environment")
                .path("BALSAM_EXPORTER_BALSAM_PASSWORD_FILE")
                .asText())
        .isEqualTo("/run/secrets/balsam_password");
  }

  @Test
  void everyPathTheComposeFileMountsExistsAndEveryPortIsOnLoopback() throws IOException {
    JsonNode file = composeFile();
    int mounts = 0;
    for (JsonNode service : file.path("services")) {
      for (String source : mountTargets(service).keySet()) {
        mounts++;
        assertThat(Path.of(source)).as("mounted path").exists();
      }
      service
          .path("ports")
          .forEach(port -> assertThat(port.asText()).as("published port").startsWith("127.0.0.1:"));
    }
    for (JsonNode secret : file.path("secrets")) {
      Matcher defaulted = DEFAULTED.matcher(secret.path("file").asText());
      String path = defaulted.matches() ? defaulted.group(1) : secret.path("file").asText();
      assertThat(Path.of(path)).as("default secret file").exists();
    }
    assertThat(mounts).isGreaterThanOrEqualTo(4);
  }

  @Test
  void theImageBuildsWithTheReadmesCommandAndRunsUnprivilegedOnAJre() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Matcher readmeBuild = MAVEN_BUILD.matcher(Files.readString(Path.of("README.md")));
    assertThat(readmeBuild.find()).as("the README's build command").isTrue();

    assertThat(dockerfile).contains("\nRUN " + readmeBuild.group() + "\n");
    List<String> stages = dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(stages).hasSize(2);
    assertThat(stages.get(1)).contains("-jre");
    assertThat(dockerfile).containsPattern("\nUSER [1-9][0-9]*");
    assertThat(dockerfile).containsPattern("(?s)\nHEALTHCHECK .*/-/healthy");
  }

  private static JsonNode composeFile() throws IOException {
    return YAML.readTree(Path.of("docker-compose.yml").toFile());
  }

  /** Bind mounts of a service, source to target; named volumes are left out. */
  private static Map<String, String> mountTargets(JsonNode service) {
    Map<String, String> mounts = new HashMap<>();
    for (JsonNode volume : service.path("volumes")) {
      String[] parts = volume.asText().split(":");
      if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
        mounts.put(parts[0], parts[1]);
      }
    }
    return mounts;
  }

  private static String dashboardProviderPath() throws IOException {
    JsonNode provider =
        YAML.readTree(Path.of("grafana", "provisioning", "dashboards", "balsam.yml").toFile())
            .path("providers")
            .get(0);
    return provider.path("options").path("path").asText();
  }
}
