package io.balsamexporter.backfill;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenMetrics file of timestamped samples, written step by step. OpenMetrics wants each family's
 * samples together, but each step yields every family: so each family's samples go to a temporary
 * file of their own as the steps come, and {@link #finish} joins them behind one header per family
 * and ends with {@code # EOF}. Memory stays that of one step, however long the history.
 */
final class OpenMetricsFile implements AutoCloseable {
  private final Path out;
  private final Set<String> families;
  private final Labels extraLabels;
  private final Path parts;
  private final Map<String, Part> written = new LinkedHashMap<>();
  private long samples;

  private record Part(MetricSnapshot first, Path file, Writer writer) {}

  /**
   * @param families the names of the families to write; the others of each step are left out
   * @param extraLabels added to every series
   */
  OpenMetricsFile(Path out, Set<String> families, Map<String, String> extraLabels)
      throws IOException {
    this.out = out.toAbsolutePath();
    this.families = Set.copyOf(families);
    this.extraLabels =
        Labels.of(List.copyOf(extraLabels.keySet()), List.copyOf(extraLabels.values()));
    this.parts = Files.createTempDirectory(this.out.getParent(), ".backfill-");
  }

  /** Adds the samples of one step, stamped {@code time}; steps come in increasing time. */
  void append(Instant time, MetricSnapshots step) throws IOException {
    for (MetricSnapshot family : step) {
      String name = family.getMetadata().getPrometheusName();
      if (!families.contains(name)) {
        continue;
      }
      Part part = written.get(name);
      if (part == null) {
        Path file = parts.resolve(name + ".om");
        part = new Part(family, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        written.put(name, part);
      }
      samples += SampleLines.write(family, time, extraLabels, part.writer());
    }
  }

  /** The samples appended so far: what an import of the file should report. */
  long samples() {
    return samples;
  }

  /** Joins the families into the output file, replacing it only once it is whole. */
  void finish() throws IOException {
    Path whole = parts.resolve("whole.om");
    try (OutputStream target = Files.newOutputStream(whole)) {
      for (Part part : written.values()) {
        part.writer().close();
        Writer header =
            new BufferedWriter(new java.io.OutputStreamWriter(target, StandardCharsets.UTF_8));
        SampleLines.writeHeader(part.first(), header);
        header.flush();
        try (InputStream in = Files.newInputStream(part.file())) {
          in.transferTo(target);
        }
      }
      target.write("# EOF\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.move(whole, out, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the temporary files, whether or not {@link #finish} ran. */
  @Override
  public void close() throws IOException {
    for (Part part : written.values()) {
      part.writer().close();
      Files.deleteIfExists(part.file());
    }
    Files.deleteIfExists(parts.resolve("whole.om"));
    Files.deleteIfExists(parts);
  }
}
