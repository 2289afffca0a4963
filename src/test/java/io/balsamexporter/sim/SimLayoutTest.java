package io.balsamexporter.sim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.balsamexporter.sim.api.Faults;
import org.junit.jupiter.api.Test;

/**
 * The simulator's sub-packages depend one way, as package-info.java of each one says, and code
 * outside the simulator reaches it through its face ({@link BalsamSimulator}, {@link DemoBalsam}).
 * Tests outside the simulator may also set up data through the store, the workload generator and
 * the bulk builder, and switch faults through {@link Faults}, which the face hands out from {@link
 * BalsamSimulator#faults()}; the shared helpers under {@code io.balsamexporter.testing} only need
 * the store.
 */
class SimLayoutTest {
  private static final String SIM = "io.balsamexporter.sim";
  private static final String[] INTERNALS = {
    SIM + ".api..", SIM + ".request..", SIM + ".listing..", SIM + ".catalog.."
  };
  private static final DescribedPredicate<JavaClass> INTERNAL_BUT_NOT_THE_FAULT_SWITCH =
      resideInAnyPackage(INTERNALS).and(not(equivalentTo(Faults.class)));

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.balsamexporter");
  private static final JavaClasses TESTS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
          .importPackages("io.balsamexporter");

  @Test
  void simulatorSubPackagesFormNoCycle() {
    slices().matching(SIM + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void simulatorSubPackagesDependOnlyInTheIntendedDirection() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Face")
        .definedBy(SIM)
        .layer("Api")
        .definedBy(SIM + ".api..")
        .layer("Listing")
        .definedBy(SIM + ".listing..")
        .layer("Request")
        .definedBy(SIM + ".request..")
        .layer("Workload")
        .definedBy(SIM + ".workload..")
        .layer("Bulk")
        .definedBy(SIM + ".bulk..")
        .layer("Catalog")
        .definedBy(SIM + ".catalog..")
        .layer("Store")
        .definedBy(SIM + ".store..")
        .layer("Cost")
        .definedBy(SIM + ".cost..")
        .whereLayer("Face")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Api")
        .mayOnlyAccessLayers("Listing", "Request", "Store", "Cost")
        .whereLayer("Listing")
        .mayOnlyAccessLayers("Request", "Store")
        .whereLayer("Request")
        .mayNotAccessAnyLayer()
        .whereLayer("Workload")
        .mayOnlyAccessLayers("Bulk", "Catalog", "Store")
        .whereLayer("Bulk")
        .mayOnlyAccessLayers("Catalog", "Store")
        .whereLayer("Catalog")
        .mayOnlyAccessLayers("Store")
        .whereLayer("Store")
        .mayNotAccessAnyLayer()
        .whereLayer("Cost")
        .mayNotAccessAnyLayer()
        .check(MAIN);
  }

  @Test
  void mainCodeOutsideTheSimulatorUsesOnlyItsFace() {
    noClasses()
        .that()
        .resideOutsideOfPackage(SIM + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(SIM + ".*..")
        .check(MAIN);
  }

  @Test
  void testsOutsideTheSimulatorReachNoInternalsButTheFaultSwitch() {
    noClasses()
        .that()
        .resideOutsideOfPackage(SIM + "..")
        .should()
        .dependOnClassesThat(INTERNAL_BUT_NOT_THE_FAULT_SWITCH)
        .check(TESTS);
  }

  @Test
  void sharedTestHelpersSetUpDataThroughTheStoreAlone() {
    noClasses()
        .that()
        .resideInAPackage("io.balsamexporter.testing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SIM + ".workload..", SIM + ".bulk..")
        .orShould()
        .dependOnClassesThat(INTERNAL_BUT_NOT_THE_FAULT_SWITCH)
        .check(TESTS);
  }
}
