package io.balsamexporter.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryOut} wrote. Every read is bounds-checked: a frame whose checksum holds
 * but whose content does not parse fails with an {@link IOException}, never with an index error or
 * a huge allocation.
 */
final class BinaryIn {
  private final byte[] bytes;
  private int position;

  BinaryIn(byte[] bytes) {
    this.bytes = bytes;
  }

  int getByte() throws IOException {
    need(1);
    return bytes[position++] & 0xFF;
  }

  long getVarLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = getByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw malformed("a varint longer than 10 bytes");
  }

  int getVarInt() throws IOException {
    long value = getVarLong();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw malformed("a count or index out of range: " + value);
    }
    return (int) value;
  }

  /** A count of items that take at least one byte each: never more than the bytes left. */
  int getCount() throws IOException {
    int count = getVarInt();
    if (count > remaining()) {
      throw malformed("a count of " + count + " with " + remaining() + " bytes left");
    }
    return count;
  }

  long getZigZag() throws IOException {
    long v = getVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  double getDouble() throws IOException {
    need(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (bytes[position++] & 0xFF);
    }
    return Double.longBitsToDouble(bits);
  }

  String getString() throws IOException {
    int length = getVarInt();
    need(length);
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  byte[] getBytes() throws IOException {
    int length = getVarInt();
    need(length);
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  int remaining() {
    return bytes.length - position;
  }

  /** Fails unless every byte was read: trailing bytes mean the frame is not what was written. */
  void end() throws IOException {
    if (remaining() != 0) {
      throw malformed(remaining() + " bytes after the end");
    }
  }

  private void need(int n) throws IOException {
    if (n > remaining()) {
      throw malformed("it ends early");
    }
  }

  static IOException malformed(String why) {
    return new IOException("malformed state frame: " + why);
  }
}
