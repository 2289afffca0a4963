package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.Site;
import java.util.List;
import java.util.Map;

/** The parts of a Site a client sets when it creates one; the rest the site agent reports. */
public record SiteSettings(
    String globusEndpointId,
    Map<String, String> optionalBatchJobParams,
    List<String> allowedProjects,
    Map<String, Site.AllowedQueue> allowedQueues,
    Map<String, String> transferLocations) {

  public static final SiteSettings NONE = new SiteSettings(null, null, null, null, null);

  public SiteSettings {
    optionalBatchJobParams = optionalBatchJobParams == null ? Map.of() : optionalBatchJobParams;
    allowedProjects = allowedProjects == null ? List.of() : List.copyOf(allowedProjects);
    allowedQueues = allowedQueues == null ? Map.of() : allowedQueues;
    transferLocations = transferLocations == null ? Map.of() : transferLocations;
  }
}
