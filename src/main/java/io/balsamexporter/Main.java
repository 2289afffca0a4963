package io.balsamexporter;

public final class Main {
  public static void main(String[] args) {}
}
