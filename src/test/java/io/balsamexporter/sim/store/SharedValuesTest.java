package io.balsamexporter.sim.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.testing.ManualClock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedValuesTest {
  @Test
  void jsonbOrderPutsShorterKeysFirstThenSortsByBytesAtEveryDepth() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("zz", 1);
    inner.put("b", 2);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("returncode", 134);
    outer.put("error", "boom");
    outer.put("params", inner);

    Map<String, Object> ordered = JsonbOrder.ordered(outer);

    assertThat(ordered.keySet()).containsExactly("error", "params", "returncode");
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) ordered.get("params");
    assertThat(nested.keySet()).containsExactly("b", "zz");
    assertThat(JsonbOrder.sortedKeys(Map.of("Zeta", 1, "alpha", 2, "beta", 3)).keySet())
        .containsExactly("Zeta", "beta", "alpha");
  }

  @Test
  void storedStatesAndCommonEventDataAreSharedInstances() {
    SimTestBed bed = new SimTestBed();
    Job job = bed.createPlain("a");
    Map<String, Object> clientData = new HashMap<>();
    clientData.put("num_nodes", 0.25);

    bed.writes.updateJobs(
        List.of(
            new JobUpdate(job.id(), new String("RUNNING"), Instant.EPOCH, clientData, 1L, null)));

    Event running = bed.lastEventOf(job.id());
    assertThat(running.toState()).isSameAs(JobStates.RUNNING);
    assertThat(bed.job(job.id()).state()).isSameAs(JobStates.RUNNING);
    assertThat(running.data()).isSameAs(EventData.running(1, 4));
    assertThat(bed.eventsOf(job.id()).get(0).data()).isSameAs(EventData.EMPTY);
  }

  @Test
  void aBulkStoreSharesStateNamesAndDataMapsAcrossMillionsOfRows() {
    SimStore store = new SimStore(new ManualClock(Instant.parse("2026-11-26T12:00:00Z")));
    new BulkBuilder(store, SimTestBed.addUser(store, "u"), 2_000, 5).build();

    List<Event> events = store.read(d -> List.copyOf(d.events));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.toState()).isSameAs(JobStates.canonical(e.toState())))
        .filteredOn(e -> e.data().isEmpty())
        .allSatisfy(e -> assertThat(e.data()).isSameAs(EventData.EMPTY));
    assertThat(events.stream().map(Event::data).distinct().count()).isLessThan(events.size() / 50);
  }
}
