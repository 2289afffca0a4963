package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tables of the simulated server. Ids are assigned by the server, increasing, shared by all
 * users, as PostgreSQL sequences do. Only {@link SimStore} hands this out, under its lock.
 */
public final class SimData {
  /** A registered user; passwords are kept only to check logins. */
  public record User(long id, String username, String password) {}

  public final Map<Long, User> users = new HashMap<>();
  public final TreeMap<Long, Site> sites = new TreeMap<>();

  /** Site id to the id of the user who owns it: the root of per-user scoping. */
  public final Map<Long, Long> siteOwner = new HashMap<>();

  public final TreeMap<Long, App> apps = new TreeMap<>();
  public final TreeMap<Long, Job> jobs = new TreeMap<>();
  public final TreeMap<Long, BatchJob> batchJobs = new TreeMap<>();

  /** Every event in id (insertion) order. */
  public final List<Event> events = new ArrayList<>();

  /**
   * Ids of jobs with a stage-in (stage-out) TransferItem that is not {@code done} yet: all the
   * server needs of the transfers table to decide its state rewrites (balsam-api.md §5).
   */
  public final Set<Long> unfinishedStageIn = new HashSet<>();

  public final Set<Long> unfinishedStageOut = new HashSet<>();

  public long nextUserId = 1;
  public long nextSiteId = 1;
  public long nextAppId = 1;
  public long nextJobId = 1;
  public long nextBatchJobId = 1;
  public long nextEventId = 1;
}
