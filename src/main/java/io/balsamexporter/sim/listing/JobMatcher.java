package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Job;
import java.util.NavigableMap;
import java.util.function.Predicate;
import org.roaringbitmap.RoaringBitmap;

/**
 * Decides per event whether its job passes the job-side conditions (visibility, tags, batch job).
 * When more events are to be scanned than there are jobs, the matching job ids are computed once
 * into a bitmap (one pass over jobs, then a cheap test per event); otherwise each event's job is
 * looked up.
 */
interface JobMatcher {
  JobMatcher ALL = jobId -> true;

  boolean test(long jobId);

  static JobMatcher of(NavigableMap<Long, Job> jobs, int eventsToScan, Predicate<Job> condition) {
    boolean idsFitBitmap = jobs.isEmpty() || jobs.lastKey() <= Integer.MAX_VALUE;
    if (eventsToScan > jobs.size() && idsFitBitmap) {
      RoaringBitmap matching = new RoaringBitmap();
      for (Job job : jobs.values()) {
        if (job.id() >= 0 && condition.test(job)) {
          matching.add((int) job.id());
        }
      }
      return jobId -> jobId >= 0 && jobId <= Integer.MAX_VALUE && matching.contains((int) jobId);
    }
    return jobId -> {
      Job job = jobs.get(jobId);
      return job != null && condition.test(job);
    };
  }
}
