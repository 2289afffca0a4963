package io.balsamexporter.webconfig;

/** A web config file that cannot be used; the message names the file and the field. */
public final class WebConfigException extends Exception {
  public WebConfigException(String message) {
    super(message);
  }
}
