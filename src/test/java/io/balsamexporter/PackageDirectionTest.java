package io.balsamexporter;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of the main code depend one way, as the README's package map says: {@code log} at
 * the bottom, then {@code balsam}; {@code config} and {@code ingest} above it; {@code metrics}
 * above {@code ingest}; {@code http} on its own; {@code sim} on {@code balsam} only; and the
 * composition root ({@link Exporter}, {@link Main}) on all of them and below none.
 */
class PackageDirectionTest {
  private static final JavaClasses MAIN_CODE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.balsamexporter");

  @Test
  void eachPackageImportsOnlyThePackagesBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("root")
        .definedBy("io.balsamexporter")
        .layer("backfill")
        .definedBy("io.balsamexporter.backfill..")
        .layer("report")
        .definedBy("io.balsamexporter.report..")
        .layer("events")
        .definedBy("io.balsamexporter.events..")
        .layer("http")
        .definedBy("io.balsamexporter.http..")
        .layer("analytics")
        .definedBy("io.balsamexporter.analytics..")
        .layer("metrics")
        .definedBy("io.balsamexporter.metrics..")
        .layer("storage")
        .definedBy("io.balsamexporter.storage..")
        .layer("ingest")
        .definedBy("io.balsamexporter.ingest..")
        .layer("config")
        .definedBy("io.balsamexporter.config..")
        .layer("sim")
        .definedBy("io.balsamexporter.sim..")
        .layer("webconfig")
        .definedBy("io.balsamexporter.webconfig..")
        .layer("balsam")
        .definedBy("io.balsamexporter.balsam..")
        .layer("log")
        .definedBy("io.balsamexporter.log..")
        .whereLayer("root")
        .mayNotBeAccessedByAnyLayer()
        // The backfill command is the composition root of its own process, as Main is of the
        // exporter's: it alone may read the whole config.
        .whereLayer("backfill")
        .mayOnlyAccessLayers("metrics", "ingest", "config", "balsam", "log")
        // So is the report command.
        .whereLayer("report")
        .mayOnlyAccessLayers("analytics", "config", "balsam", "log")
        // The events command only asks a running exporter, over HTTP, for what analytics defines.
        .whereLayer("events")
        .mayOnlyAccessLayers("analytics", "config", "balsam", "log")
        .whereLayer("http")
        .mayOnlyAccessLayers("analytics", "webconfig", "log")
        .whereLayer("analytics")
        .mayOnlyAccessLayers("ingest", "balsam", "log")
        .whereLayer("metrics")
        .mayOnlyAccessLayers("ingest", "balsam", "log")
        .whereLayer("storage")
        .mayOnlyAccessLayers("ingest", "balsam", "log")
        .whereLayer("ingest")
        .mayOnlyAccessLayers("balsam", "log")
        .whereLayer("config")
        .mayOnlyAccessLayers("balsam", "webconfig", "log")
        .whereLayer("webconfig")
        .mayOnlyAccessLayers("log")
        .whereLayer("sim")
        .mayOnlyAccessLayers("balsam", "log")
        .whereLayer("balsam")
        .mayOnlyAccessLayers("log")
        .whereLayer("log")
        .mayNotAccessAnyLayer()
        .check(MAIN_CODE);
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("io.balsamexporter.(*)..").should().beFreeOfCycles().check(MAIN_CODE);
  }
}
