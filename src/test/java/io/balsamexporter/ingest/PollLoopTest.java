package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.testing.SimHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PollLoopTest {
  @AutoClose private final SimHarness balsam = SimHarness.withDevFixtures();
  private final CountDownLatch requestSent = new CountDownLatch(1);
  private final List<PollResult> reported = new CopyOnWriteArrayList<>();

  /** The simulator's client, telling {@link #requestSent} when a poll makes its first request. */
  private BalsamApi watchedClient() {
    BalsamApi client = balsam.client(10_000, RequestObserver.NONE);
    return (BalsamApi)
        Proxy.newProxyInstance(
            BalsamApi.class.getClassLoader(),
            new Class<?>[] {BalsamApi.class},
            (proxy, method, args) -> {
              requestSent.countDown();
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Test
  void aPollCutShortByClosingIsNeitherReportedNorLoggedAsAnOutage() throws Exception {
    balsam.simulator.faults().slow(Duration.ofSeconds(30));
    Poller poller =
        new Poller(
            watchedClient(),
            new IngestSettings(10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock,
            new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50).domain());
    PollLoop loop = new PollLoop(poller, Duration.ofSeconds(15), balsam.clock, reported::add);

    loop.start();
    assertThat(requestSent.await(10, TimeUnit.SECONDS)).isTrue();
    loop.close();

    assertThat(reported).isEmpty();
  }
}
