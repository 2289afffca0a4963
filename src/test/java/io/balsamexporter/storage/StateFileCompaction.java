package io.balsamexporter.storage;

/** Lets the store benchmark compact a state file when it measures, whatever the rule says. */
public final class StateFileCompaction {
  private StateFileCompaction() {}

  public static void compactNow(StateFile file) {
    file.compactNow();
  }
}
