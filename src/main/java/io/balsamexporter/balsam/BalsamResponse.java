package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A 2xx answer whose body is still on the wire. The reader must close it; until then a deadline
 * bounds how long the body may take to arrive.
 */
public final class BalsamResponse implements AutoCloseable {
  private final String request;
  private final int status;
  private final InputStream body;
  private final BodyDeadlines.Deadline deadline;
  private final Duration timeout;
  private final Optional<Instant> serverTime;

  BalsamResponse(
      String request,
      int status,
      InputStream body,
      BodyDeadlines.Deadline deadline,
      Duration timeout,
      Optional<Instant> serverTime) {
    this.request = request;
    this.status = status;
    this.body = body;
    this.deadline = deadline;
    this.timeout = timeout;
    this.serverTime = serverTime;
  }

  /**
   * A time the server's clock had surely reached when it took the request: its {@code Date} header,
   * whole seconds written when the answer started, less the time the answer took to come. Empty
   * without a readable {@code Date}.
   */
  public Optional<Instant> serverTime() {
    return serverTime;
  }

  /** {@link #serverTime()} from a {@code Date} header and the time from sending to its arrival. */
  static Optional<Instant> serverTime(Optional<String> dateHeader, Duration roundTrip) {
    if (dateHeader.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant date =
          DateTimeFormatter.RFC_1123_DATE_TIME.parse(dateHeader.get().trim(), Instant::from);
      return Optional.of(date.minus(roundTrip));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** What was asked, e.g. {@code GET /events/}, for messages. */
  public String request() {
    return request;
  }

  public int status() {
    return status;
  }

  public InputStream body() {
    return body;
  }

  /**
   * Classifies a failure while reading the body: JSON that does not match the contract is
   * BAD_RESPONSE, a connection lost or too slow is UNREACHABLE (retrying can help).
   */
  public BalsamException readFailure(IOException e) {
    Optional<BodyLimit.TooLarge> tooLarge = tooLargeIn(e);
    if (tooLarge.isPresent()) {
      return tooLarge(request, status, tooLarge.get().limit(), e);
    }
    if (deadline.hasExpired()) {
      return new BalsamException(
          Kind.UNREACHABLE,
          status,
          request + " failed: body not received within " + seconds(timeout),
          e);
    }
    if (e instanceof JsonProcessingException json) {
      return badBody(firstLine(json.getOriginalMessage()), e);
    }
    return new BalsamException(
        Kind.UNREACHABLE,
        status,
        request + " failed: connection lost while reading the body (" + describe(e) + ")",
        e);
  }

  /**
   * A body longer than the limit: BAD_RESPONSE, as retrying would only fetch it again. Named with
   * the setting to raise, in case a page really is that large.
   */
  static BalsamException tooLarge(String request, int status, long limit, Throwable cause) {
    return new BalsamException(
        Kind.BAD_RESPONSE,
        status,
        request
            + " failed: "
            + HttpStatusText.of(status)
            + " but the body is larger than the limit of "
            + ByteSize.format(limit)
            + " (--balsam.max-response-size); stopped reading and dropped the connection",
        cause);
  }

  private static Optional<BodyLimit.TooLarge> tooLargeIn(Throwable e) {
    // Bounded: a parser may wrap the stream's exception, but chains are short.
    Throwable current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof BodyLimit.TooLarge tooLarge) {
        return Optional.of(tooLarge);
      }
      current = current.getCause();
    }
    return Optional.empty();
  }

  /** A body that parsed but is not what the API promises. */
  public BalsamException badBody(String reason, Throwable cause) {
    return new BalsamException(
        Kind.BAD_RESPONSE,
        status,
        request
            + " failed: "
            + HttpStatusText.of(status)
            + " but the body is not the expected JSON: "
            + reason,
        cause);
  }

  @Override
  public void close() {
    deadline.cancel();
    BodyDeadlines.closeQuietly(body);
  }

  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : firstLine(message);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "malformed JSON";
    }
    String line = text.lines().findFirst().orElse("").strip();
    return line.length() > ErrorDetail.MAX_DETAIL_CHARS
        ? line.substring(0, ErrorDetail.MAX_DETAIL_CHARS) + "…"
        : line;
  }
}
