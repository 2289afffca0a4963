package io.balsamexporter.backfill;

import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The backfill command run in-process, as Main runs it, against a simulated Balsam. */
record BackfillRun(int exitCode, String stdout, String stderr, Path out) {

  /** Runs {@code backfill --out=DIR/backfill.om} with the harness's login and {@code args}. */
  static BackfillRun against(SimHarness sim, Path dir, String... args) throws IOException {
    Path password = dir.resolve("password");
    Files.writeString(password, SimHarness.PASSWORD + "\n");
    List<String> all = new ArrayList<>();
    all.add("--out=" + dir.resolve("backfill.om"));
    all.add("--balsam.url=" + sim.simulator.baseUrl());
    all.add("--balsam.username=" + SimHarness.USER);
    all.add("--balsam.password-file=" + password);
    all.addAll(List.of(args));
    return run(dir.resolve("backfill.om"), all.toArray(String[]::new));
  }

  /** Runs the command with exactly {@code args}. */
  static BackfillRun run(Path out, String... args) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        BackfillCommand.run(
            args,
            Map.of(),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return new BackfillRun(
        code,
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8),
        out);
  }

  OpenMetricsSamples samples() throws IOException {
    return OpenMetricsSamples.read(out);
  }
}
