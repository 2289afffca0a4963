# balsam-exporter: built with the Maven wrapper exactly as the README's quick start does, run on
# a JRE as an unprivileged user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/ src/
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10064 balsam-exporter \
  && useradd --system --uid 10064 --gid 10064 --no-create-home --shell /usr/sbin/nologin balsam-exporter \
  && mkdir -p /var/lib/balsam-exporter && chown 10064:10064 /var/lib/balsam-exporter
COPY --from=build /src/target/balsam-exporter.jar /opt/balsam-exporter/balsam-exporter.jar
USER 10064:10064
EXPOSE 10064
# Bash's /dev/tcp, not curl: the check then needs nothing the JRE image might drop.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/10064 && printf 'GET /-/healthy HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/balsam-exporter/balsam-exporter.jar"]
