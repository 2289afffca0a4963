package io.balsamexporter.config;

/**
 * Everything the exporter is told, validated once before anything starts, in one group per part it
 * configures. Built by {@link ConfigLoader} from the YAML file, the environment and the flags
 * (flags win); only the composition root reads it whole.
 *
 * @param balsam which Balsam to watch and how to reach it
 * @param ingest how often and how much each poll reads
 * @param metrics what the exported series carry
 * @param web where and how the pages are served
 * @param demo run against the built-in simulated Balsam
 */
public record ExporterConfig(
    BalsamConfig balsam,
    IngestConfig ingest,
    MetricsConfig metrics,
    HttpConfig web,
    boolean demo) {}
