package io.balsamexporter.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte array written with the few encodings the state file uses: unsigned varints (7 bits
 * a byte, low bits first), zigzag varints for values that may be negative, IEEE doubles in 8 bytes
 * big-endian, and strings as a varint byte length and their UTF-8.
 */
final class BinaryOut {
  private byte[] bytes;
  private int size;

  BinaryOut(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void putByte(int b) {
    room(1);
    bytes[size++] = (byte) b;
  }

  /** {@code value} as an unsigned varint; callers pass values that are never negative. */
  void putVarLong(long value) {
    room(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    bytes[size++] = (byte) v;
  }

  void putVarInt(int value) {
    putVarLong(Integer.toUnsignedLong(value));
  }

  /** Any long, small magnitudes short: 0, -1, 1, -2, ... become 0, 1, 2, 3, ... */
  void putZigZag(long value) {
    putVarLong((value << 1) ^ (value >> 63));
  }

  void putDouble(double value) {
    room(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (bits >>> shift);
    }
  }

  void putString(String value) {
    putBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  void putBytes(byte[] value) {
    putVarInt(value.length);
    room(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void room(int more) {
    if (bytes.length - size < more) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a state frame cannot exceed 2 GB");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }
}
