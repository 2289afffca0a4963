package io.balsamexporter.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Checks a state file whole before any of it is applied: checksums, order, every frame decoded. */
final class StateFileScan {

  /**
   * What a scan found.
   *
   * @param wholeUpTo where the whole updates end: a torn last one after it is cut off
   * @param snapshotEnd where the snapshot ends (the header's end when there is none)
   * @param written when the file was created or last compacted, when its header says
   * @param problem why the file cannot be used, or null
   */
  record Result(long wholeUpTo, long snapshotEnd, Instant written, String problem) {
    static Result unusable(String problem) {
      return new Result(0, 0, null, problem);
    }
  }

  private StateFileScan() {}

  static Result scan(Path path, StateFormat.Header expected, int oldestFormat) throws IOException {
    try (Frames.Reader in = new Frames.Reader(path)) {
      if (!in.magic()) {
        return Result.unusable("not a state file");
      }
      Frames.Reader.Frame head = in.next();
      if (head == null || head.kind() != Frames.HEADER || !head.crcOk()) {
        return Result.unusable("unreadable header");
      }
      StateFormat.Header found;
      try {
        found = StateFormat.decodeHeader(head.payload());
      } catch (IOException e) {
        return Result.unusable("unreadable header");
      }
      if (found.format() < oldestFormat || found.format() > expected.format()) {
        return Result.unusable(
            "format " + found.format() + ", this version reads " + expected.format());
      }
      if (!found.sameOwner(expected)) {
        return Result.unusable("written for another server, user, --events.since or tag labels");
      }
      Instant written =
          found.writtenMicros() == null ? null : StateFormat.instant(found.writtenMicros());
      return frames(in, written);
    }
  }

  private static Result frames(Frames.Reader in, Instant written) throws IOException {
    long whole = in.position();
    long snapshotEnd = whole;
    boolean inSnapshot = false;
    boolean logStarted = false;
    StateDecoder checker = new StateDecoder();
    while (true) {
      long start = in.position();
      Frames.Reader.Frame frame;
      try {
        frame = in.next();
      } catch (EOFException torn) {
        return ended(whole, snapshotEnd, written, inSnapshot);
      }
      if (frame == null) {
        return ended(whole, snapshotEnd, written, inSnapshot);
      }
      boolean known = frame.kind() >= Frames.PART && frame.kind() <= Frames.SNAPSHOT_END;
      if (!frame.crcOk() || !known) {
        // A bad last frame is a torn write; a bad frame with more after it is corruption.
        return in.atEnd()
            ? ended(whole, snapshotEnd, written, inSnapshot)
            : Result.unusable("checksum fails at " + start);
      }
      if (frame.ofSnapshot() && logStarted) {
        return Result.unusable("snapshot frame after the updates at " + start);
      }
      try {
        checker.check(frame.payload());
      } catch (IOException | RuntimeException e) {
        return Result.unusable("frame at " + start + " does not decode: " + e.getMessage());
      }
      inSnapshot = frame.kind() == Frames.SNAPSHOT;
      logStarted |= !frame.ofSnapshot();
      if (frame.endsWhole()) {
        whole = in.position();
      }
      if (frame.kind() == Frames.SNAPSHOT_END) {
        snapshotEnd = whole;
      }
    }
  }

  /** A file that ends inside its snapshot lost what the snapshot folded: nothing to trust. */
  private static Result ended(long whole, long snapshotEnd, Instant written, boolean inSnapshot) {
    return inSnapshot
        ? Result.unusable("torn snapshot")
        : new Result(whole, snapshotEnd, written, null);
  }
}
